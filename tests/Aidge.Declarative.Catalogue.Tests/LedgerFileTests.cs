using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.Testing;
using CsCheck;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>The SQLite ledger's file as a bank would treat a journal: damaged, copied, someone else's, or of another version.</summary>
    public sealed class LedgerFileTests
    {
        private const int Looks300 = 300;
        private readonly ITestOutputHelper _output;

        public LedgerFileTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public async Task A_finished_ledger_with_bytes_flipped_is_refused_when_opened_or_pays_for_nothing_and_reports_what_it_did()
        {
            // One finished 300-look ledger, then 400 copies of it, each with one to three bytes flipped anywhere in the file.
            await using FakeAidgeServer server = await StartServerAsync();
            using TryOnClient client = NewClient(server);
            using var files = new TempLedger();
            Dictionary<string, string> pristine;
            await using (SqliteTryOnLedger ledger = await files.OpenAsync())
            {
                pristine = Describe(await RunAsync(new TryOnCatalogueRun<CatalogueTop>(client, ledger, Options()), Looks(Looks300)));
            }

            Assert.Equal(Looks300, pristine.Count);
            byte[] original = await File.ReadAllBytesAsync(files.Path);
            int paidBefore = server.SubmitCount;
            int refused = 0, opened = 0, copy = 0;
            Gen<(int Offset, byte Mask)[]> flips = Gen.Select(Gen.Int[0, original.Length - 1], Gen.Byte[1, 255], (offset, mask) => (offset, mask)).Array[1, 3];

            await flips.SampleAsync(
                async changes =>
                {
                    byte[] damaged = (byte[])original.Clone();
                    foreach ((int offset, byte mask) in changes)
                    {
                        damaged[offset] ^= mask;
                    }

                    string path = files.File("copy-" + System.Threading.Interlocked.Increment(ref copy) + ".db");
                    await File.WriteAllBytesAsync(path, damaged);
                    SqliteTryOnLedger ledger;
                    try
                    {
                        ledger = await SqliteTryOnLedger.OpenAsync(path);
                    }
                    catch (IOException exception)
                    {
                        Assert.Contains(path, exception.Message, StringComparison.Ordinal);   // it names the file
                        refused++;
                        return;
                    }

                    await using (ledger)
                    {
                        opened++;
                        Dictionary<string, string> reported = Describe(await RunAsync(new TryOnCatalogueRun<CatalogueTop>(client, ledger, Options()), Looks(Looks300)));
                        Assert.Equal(paidBefore, server.SubmitCount);   // nothing paid again
                        Assert.Equal(pristine, reported);              // and every look as it was: never another look's pictures
                    }
                },
                iter: 400,
                threads: 1);

            _output.WriteLine($"400 damaged copies of a {original.Length}-byte, {Looks300}-look ledger: {refused} refused when opened, {opened} opened and paid for nothing");
            Assert.Equal(400, refused + opened);
            Assert.True(refused > 0, "no damaged copy was refused");
        }

        [Fact]
        public async Task The_db_file_alone_holds_every_committed_look_even_while_the_ledger_is_open()
        {
            await using Rig rig = await Rig.StartAsync();
            await RunAsync(rig.Run(), Looks(50));

            // Copied between saves, with the ledger still open, and without any file beside it.
            string copy = rig.Files.File("copy.db");
            File.Copy(rig.Files.Path, copy);
            Assert.False(File.Exists(rig.Files.Path + "-wal"));
            await using SqliteTryOnLedger copied = await SqliteTryOnLedger.OpenAsync(copy);
            int submits = rig.Server.SubmitCount;
            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(new TryOnCatalogueRun<CatalogueTop>(rig.Client, copied, Options()), Looks(50));

            Assert.Equal(submits, rig.Server.SubmitCount);
            Assert.All(items, item => Assert.True(item.FromLedger && item.State == TryOnLookState.Finished));
        }

        [Fact]
        public async Task Another_programs_sqlite_file_is_refused_and_left_exactly_as_it_was()
        {
            using var files = new TempLedger();
            using (var connection = new SqliteConnection("Data Source=" + files.Path + ";Pooling=False"))
            {
                connection.Open();
                using SqliteCommand command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = DELETE; CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL); INSERT INTO orders (total) VALUES (12.5);";
                command.ExecuteNonQuery();
            }

            byte[] before = SHA256.HashData(await File.ReadAllBytesAsync(files.Path));

            IOException refused = await Assert.ThrowsAsync<IOException>(() => files.OpenAsync());

            Assert.Contains("another program", refused.Message, StringComparison.Ordinal);
            Assert.Contains("orders", refused.Message, StringComparison.Ordinal);
            Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(files.Path)));
            Assert.False(File.Exists(files.Path + "-wal"));
            Assert.False(File.Exists(files.Path + ".lock"));   // nothing made beside it either
        }

        [Fact]
        public async Task An_empty_file_is_not_taken_for_a_new_ledger()
        {
            using var files = new TempLedger();
            await File.WriteAllBytesAsync(files.Path, Array.Empty<byte>());   // a ledger emptied by a full disk, a sync tool, a stray '>'

            IOException refused = await Assert.ThrowsAsync<IOException>(() => files.OpenAsync());

            Assert.Contains("is empty", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, new FileInfo(files.Path).Length);
        }

        [Theory]
        [InlineData("DELETE FROM looks WHERE key = 'SKU-1'")]
        [InlineData("DELETE FROM looks WHERE key = 'SKU-1'; UPDATE tally SET looks = looks - 1")]
        [InlineData("UPDATE looks SET key = 'SKU-99' WHERE key = 'SKU-1'")]
        public async Task A_look_taken_out_of_the_file_or_put_in_another_place_is_found_when_it_opens(string edit)
        {
            await using Rig rig = await Rig.StartAsync();
            await RunAsync(rig.Run(), Looks(5));
            await rig.Ledger.DisposeAsync();
            using (var connection = new SqliteConnection("Data Source=" + rig.Files.Path + ";Pooling=False"))
            {
                connection.Open();
                using SqliteCommand command = connection.CreateCommand();
                command.CommandText = edit;
                command.ExecuteNonQuery();
            }

            IOException refused = await Assert.ThrowsAsync<IOException>(() => rig.Files.OpenAsync());

            Assert.Contains("damaged", refused.Message, StringComparison.Ordinal);
            await rig.ReopenAfterAsync(() => File.Delete(rig.Files.Path));
        }

        [Fact]
        public async Task A_ledger_of_the_earlier_layout_or_of_another_version_is_refused_with_what_to_do()
        {
            using var files = new TempLedger();
            using (var connection = new SqliteConnection("Data Source=" + files.Path + ";Pooling=False"))
            {
                connection.Open();
                using SqliteCommand command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE looks (key TEXT PRIMARY KEY, state INTEGER NOT NULL); INSERT INTO meta VALUES ('schema', '1');";
                command.ExecuteNonQuery();
            }

            IOException earlier = await Assert.ThrowsAsync<IOException>(() => files.OpenAsync());
            Assert.Contains("earlier version", earlier.Message, StringComparison.Ordinal);

            using var other = new TempLedger();
            await (await other.OpenAsync()).DisposeAsync();
            using (var connection = new SqliteConnection("Data Source=" + other.Path + ";Pooling=False"))
            {
                connection.Open();
                using SqliteCommand command = connection.CreateCommand();
                command.CommandText = "PRAGMA user_version = 3";
                command.ExecuteNonQuery();
            }

            IOException newer = await Assert.ThrowsAsync<IOException>(() => other.OpenAsync());
            Assert.Contains("schema version 3", newer.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task States_kinds_and_editions_are_stored_by_name()
        {
            using var files = new TempLedger();
            await using (SqliteTryOnLedger ledger = await files.OpenAsync())
            await using (ITryOnLedgerSession session = await ledger.BeginSessionAsync(new TryOnLedgerOwner("https://api.aidc-ai.com", "k")))
            {
                await session.SaveAsync(await session.ClaimAsync("A"), new TryOnLedgerEntry("A", "fp", TryOnLedgerState.InDoubt, edition: TryOnEdition.Pro, error: new TryOnLookError(AidgeErrorKind.ServiceFault, "500", 500)));
            }

            using var connection = new SqliteConnection("Data Source=" + files.Path + ";Mode=ReadOnly;Pooling=False");
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT state, edition, error_kind, typeof(state), typeof(error_kind) FROM looks";
            using SqliteDataReader reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(("InDoubt", "Pro", "ServiceFault", "text", "text"), (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        [Fact]
        public async Task A_second_process_is_refused_at_once_not_after_a_wait()
        {
            using var files = new TempLedger();
            await using SqliteTryOnLedger first = await files.OpenAsync();
            var clock = Stopwatch.StartNew();

            IOException refused = await Assert.ThrowsAsync<IOException>(() => files.OpenAsync());

            // Refused by the lock beside the file, which answers at once, rather than by SQLite's busy wait.
            Assert.Contains("in use by another run", refused.Message, StringComparison.Ordinal);
            Assert.IsNotType<SqliteException>(refused.InnerException);
            _output.WriteLine($"refused after {clock.Elapsed.TotalMilliseconds:0.0} ms");
        }

        // Each look as a run reports it: its state, task id and pictures, one line to compare.
        private static Dictionary<string, string> Describe(IEnumerable<TryOnCatalogueItem<CatalogueTop>> items) =>
            items.ToDictionary(
                item => item.Key,
                item => item.State + " " + item.TaskId + " " + string.Join(" ", item.Pictures.Select(p => p.Url + "<" + p.GarmentUrl)),
                StringComparer.Ordinal);
    }
}
