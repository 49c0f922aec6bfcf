using System;
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
        [Fact]
        public async Task What_is_saved_is_found_again_after_the_file_is_closed()
        {
            using var files = new TempLedger();
            var pictures = new[] { new TryOnPicture("https://img.example/p1.png", "https://shop.example/a.jpg"), new TryOnPicture("https://img.example/p2.png", null) };
            var when = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123);
            await using (SqliteTryOnLedger ledger = await files.OpenAsync())
            {
                await ledger.SaveAsync(new TryOnLedgerEntry("A", "fp-a", TryOnLedgerState.Finished, "task-a", TryOnEdition.Pro, pictures, updatedAt: when));
                await ledger.SaveAsync(new TryOnLedgerEntry("B", "fp-b", TryOnLedgerState.Failed, "task-b", error: new TryOnLookError(AidgeErrorKind.ImageProblem, "image \"too\" small", 703, "req-1")));
                await ledger.SaveAsync(new TryOnLedgerEntry("C", "fp-c", TryOnLedgerState.Submitting));
                await ledger.RemoveAsync("C");
            }

            await using (SqliteTryOnLedger ledger = await files.OpenAsync())
            {
                TryOnLedgerEntry a = (await ledger.FindAsync("A"))!;
                Assert.Equal(("fp-a", TryOnLedgerState.Finished, "task-a", TryOnEdition.Pro, when), (a.Fingerprint, a.State, a.TaskId, a.Edition, a.UpdatedAt));
                Assert.Equal(pictures, a.Pictures);
                Assert.Null(a.Error);

                TryOnLedgerEntry b = (await ledger.FindAsync("B"))!;
                Assert.Equal((AidgeErrorKind.ImageProblem, 703, "image \"too\" small", "req-1"), (b.Error!.Kind, b.Error.ResCode, b.Error.Message, b.Error.RequestId));
                Assert.Empty(b.Pictures);

                Assert.Null(await ledger.FindAsync("C"));
                Assert.Null(await ledger.FindAsync("never"));
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
            Assert.Null(await again.FindAsync("anything"));
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
        public async Task Keys_are_checked()
        {
            using var files = new TempLedger();
            await using SqliteTryOnLedger ledger = await files.OpenAsync();

            await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.FindAsync(string.Empty));
            await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.FindAsync(new string('k', TryOnCatalogueKeys.MaxKeyLength + 1)));
            Assert.Throws<ArgumentException>(() => new TryOnCatalogueLook<CatalogueTop>(string.Empty, new CatalogueTop(Url(1))));
        }
    }
}
