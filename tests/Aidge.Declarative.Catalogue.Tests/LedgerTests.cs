using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Xunit;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>The SQLite ledger: what it records survives closing, and one run at a time holds it.</summary>
    public sealed class LedgerTests
    {
        private static readonly TryOnLedgerOwner Owner = new("https://api.aidc-ai.com", "key-a");

        [Fact]
        public async Task What_is_saved_is_found_again_after_the_file_is_closed()
        {
            using var files = new TempLedger();
            var pictures = new[] { new TryOnPicture("https://img.example/p1.png", "https://shop.example/a.jpg"), new TryOnPicture("https://img.example/p2.png", null) };
            var when = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123);
            var sent = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_001);
            await using (SqliteTryOnLedger ledger = await files.OpenAsync())
            await using (ITryOnLedgerSession session = await ledger.BeginSessionAsync(Owner))
            {
                Assert.Equal(System.Threading.Timeout.InfiniteTimeSpan, session.Lease);   // the file is this session's whole
                TryOnLedgerClaim a = await session.ClaimAsync("A");
                Assert.True(a.IsHeld);
                Assert.Null(a.Entry);
                Assert.True(await session.SaveAsync(a, new TryOnLedgerEntry("A", "fp-a", TryOnLedgerState.Finished, "task-a", TryOnEdition.Pro, pictures, updatedAt: when, submittedAt: sent, taskAttached: true)));
                Assert.True(await session.SaveAsync(await session.ClaimAsync("B"), new TryOnLedgerEntry("B", "fp-b", TryOnLedgerState.Failed, "task-b", error: new TryOnLookError(AidgeErrorKind.ImageProblem, "image \"too\" small", 703, "req-1"))));
                TryOnLedgerClaim c = await session.ClaimAsync("C");
                Assert.True(await session.BeginSubmitAsync(c, new TryOnLedgerEntry("C", "fp-c", TryOnLedgerState.Submitting)));
                Assert.True(await session.ForgetSubmitAsync(c));
                await Assert.ThrowsAsync<ArgumentException>(async () => await session.SaveAsync(c, new TryOnLedgerEntry("D", "fp-d", TryOnLedgerState.Failed)));   // another look's entry
            }

            await using (SqliteTryOnLedger ledger = await files.OpenAsync())
            await using (ITryOnLedgerSession session = await ledger.BeginSessionAsync(Owner))
            {
                TryOnLedgerEntry a = (await session.FindAsync("A"))!;
                Assert.Equal(("fp-a", TryOnLedgerState.Finished, "task-a", TryOnEdition.Pro, when, sent, true), (a.Fingerprint, a.State, a.TaskId, a.Edition, a.UpdatedAt, a.SubmittedAt, a.TaskAttached));
                Assert.Equal(pictures, a.Pictures);
                Assert.Null(a.Error);

                TryOnLedgerEntry b = (await session.FindAsync("B"))!;
                Assert.Equal((AidgeErrorKind.ImageProblem, 703, "image \"too\" small", "req-1"), (b.Error!.Kind, b.Error.ResCode, b.Error.Message, b.Error.RequestId));
                Assert.Empty(b.Pictures);
                Assert.Null(b.SubmittedAt);

                Assert.Null(await session.FindAsync("C"));
                Assert.Null(await session.FindAsync("NEVER"));
                Assert.Equal(new Dictionary<TryOnLedgerState, int> { [TryOnLedgerState.Finished] = 1, [TryOnLedgerState.Failed] = 1 }, await ledger.CountAsync());
            }
        }

        [Fact]
        public async Task A_second_run_cannot_open_a_ledger_in_use()
        {
            using var files = new TempLedger();
            await using (SqliteTryOnLedger first = await files.OpenAsync())
            {
                IOException refused = await Assert.ThrowsAsync<IOException>(() => files.OpenAsync());
                Assert.Contains("in use by another run", refused.Message, StringComparison.Ordinal);
            }

            // Released on close (and by the operating system when a process dies).
            await using SqliteTryOnLedger again = await files.OpenAsync();
            await using ITryOnLedgerSession session = await again.BeginSessionAsync(Owner);
            Assert.Null(await session.FindAsync("ANYTHING"));
        }

        [Fact]
        public async Task A_file_that_is_not_a_ledger_is_refused_with_its_path()
        {
            using var files = new TempLedger();
            await File.WriteAllTextAsync(files.Path, "this is not a database, it is a shopping list");

            IOException refused = await Assert.ThrowsAsync<IOException>(() => files.OpenAsync());

            Assert.Contains(files.Path, refused.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Keys_reach_the_ledger_in_their_recorded_form_only()
        {
            using var files = new TempLedger();
            await using SqliteTryOnLedger ledger = await files.OpenAsync();
            await using ITryOnLedgerSession session = await ledger.BeginSessionAsync(Owner);

            await Assert.ThrowsAsync<ArgumentException>(async () => await session.FindAsync(string.Empty));
            await Assert.ThrowsAsync<ArgumentException>(async () => await session.FindAsync(new string('K', TryOnCatalogueKeys.MaxKeyLength + 1)));
            await Assert.ThrowsAsync<ArgumentException>(async () => await session.FindAsync("sku-1"));   // not in its recorded form: SKU-1
            await Assert.ThrowsAsync<ArgumentException>(async () => await session.SaveAsync(await session.ClaimAsync("X"), new TryOnLedgerEntry("X", "fp", TryOnLedgerState.Submitted)));   // Submitted needs its task id
        }
    }
}
