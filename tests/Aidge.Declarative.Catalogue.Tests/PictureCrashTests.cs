using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.Testing;
using Xunit;
using Xunit.Abstractions;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>
    /// The catalogue sample saving pictures, killed with SIGKILL at random moments while it downloads and started again each time,
    /// against a fake server in this process that outlives every kill and serves each picture slowly.
    /// </summary>
    public sealed class PictureCrashTests
    {
        private const int LookCount = 40;
        private const int Kills = 6;
        private readonly ITestOutputHelper _output;

        public PictureCrashTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public async Task Killed_while_saving_and_restarted_every_picture_is_saved_once_whole_and_nothing_is_paid_twice()
        {
            await using FakeAidgeServer server = await StartServerAsync();

            // Each picture trickles in over about half a second: a kill lands in the middle of writes as often as between them.
            server.InjectPictureFault(FakeAidgePictureFault.Trickle(TimeSpan.FromMilliseconds(2)), times: int.MaxValue);
            using var files = new TempLedger();
            string catalogue = files.File("catalogue.csv");
            string pictures = files.File("pictures");
            await File.WriteAllLinesAsync(catalogue, new[] { "sku,top,bottom,pictures" }.Concat(Enumerable.Range(0, LookCount).Select(i => "SKU-" + i + "," + Url(i) + ",,")));

            var random = new Random(Environment.TickCount);
            for (int kill = 0; kill < Kills; kill++)
            {
                TimeSpan after = TimeSpan.FromMilliseconds(random.Next(kill == 0 ? 200 : 800, kill == 0 ? 1500 : 2500));
                using SampleProcess life = Start(server, catalogue, files, pictures);
                if (kill == 0)
                {
                    // The kills are to land while pictures are saved, not while looks are paid for (a kill then leaves a look in doubt,
                    // which CrashTests covers): the first life's countdown starts once every look is paid for and saving has begun.
                    var started = System.Diagnostics.Stopwatch.StartNew();
                    while ((server.SubmitCount < LookCount || server.PictureFetches == 0) && started.Elapsed < TimeSpan.FromMinutes(1))
                    {
                        await Task.Delay(20);
                    }
                }

                int? code = await life.WaitAsync(after);
                int saved = Directory.Exists(pictures) ? Directory.GetFiles(pictures, "*.png").Length : 0;
                string partials = Path.Combine(pictures, TryOnPictureFolder.PartialFolder);
                int partial = Directory.Exists(partials) ? Directory.GetFiles(partials).Length : 0;
                _output.WriteLine($"life {kill + 1}: killed after {after.TotalMilliseconds} ms; {saved} pictures on disk, {partial} half-written; {server.PictureFetches} fetches so far");
                Assert.True(code is null, "Life " + (kill + 1) + " ended by itself before its kill: " + life.Log);
            }

            using (SampleProcess last = Start(server, catalogue, files, pictures))
            {
                int? code = await last.WaitAsync(TimeSpan.FromMinutes(3));
                Assert.True(code == 0, last.Log);
            }

            // The ledger: every look finished, each picture recorded saved, its file whole (length and hash as recorded).
            var recorded = new HashSet<string>(StringComparer.Ordinal);
            await using (SqliteTryOnLedger ledger = await SqliteTryOnLedger.OpenAsync(files.Path))
            await using (ITryOnLedgerSession session = await ledger.BeginSessionAsync(ledger.Owner!))
            {
                for (int i = 0; i < LookCount; i++)
                {
                    TryOnLedgerEntry entry = (await session.FindAsync(TryOnCatalogueKeys.Normalize("SKU-" + i)))!;
                    Assert.Equal(TryOnLedgerState.Finished, entry.State);
                    Assert.Equal(entry.Pictures.Count, entry.SavedPictures.Count);
                    foreach (TryOnSavedPicture saved in entry.SavedPictures)
                    {
                        Assert.True(saved.IsSaved, "SKU-" + i + ": " + saved.Problem);
                        string file = Path.GetFullPath(Path.Combine(pictures, saved.Location!));
                        byte[] bytes = await File.ReadAllBytesAsync(file);
                        Assert.Equal(saved.Length, bytes.Length);
                        Assert.Equal(saved.Sha256, Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
                        Assert.True(recorded.Add(file), saved.Location + " is recorded for two pictures");
                    }
                }
            }

            // The folder: exactly the files recorded, once each; nothing half-written left behind (what each kill left was removed
            // by the next write of its name, and every name was written again).
            Assert.Equal(recorded.OrderBy(p => p, StringComparer.Ordinal), Directory.GetFiles(pictures).Select(Path.GetFullPath).OrderBy(p => p, StringComparer.Ordinal));

            Assert.Empty(Directory.GetFiles(Path.Combine(pictures, TryOnPictureFolder.PartialFolder)));

            // The server: every look paid for once, whatever the kills.
            Dictionary<string, int> paid = PaidSubmitsByGarment(server);
            Assert.Equal(LookCount, paid.Count);
            Assert.All(paid, pair => Assert.True(pair.Value == 1, pair.Key + " was paid for " + pair.Value + " times"));
            _output.WriteLine($"{recorded.Count} pictures saved; {server.PictureFetches} fetches over {Kills + 1} lives");
        }

        private static SampleProcess Start(FakeAidgeServer server, string catalogue, TempLedger files, string pictures) =>
            SampleProcess.Start(
                Path.GetDirectoryName(catalogue)!,
                SampleProcess.CallingServer(server),
                catalogue, "--ledger", files.Path, "--out", files.File("catalogue.looks.csv"), "--pictures", pictures, "--budget", "100", "--window", "1");
    }
}
