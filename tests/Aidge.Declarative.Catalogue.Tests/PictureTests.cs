using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.Testing;
using Xunit;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>
    /// Saving the pictures: whole or not at all, recorded in the ledger, fetched again only where missing; and a hostile picture
    /// server on 127.0.0.1 (the fake's picture faults), with host names resolved by the test, so that nothing leaves this machine.
    /// </summary>
    public sealed class PictureTests
    {
        private static readonly byte[] PngSignature = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

        [Fact]
        public async Task Every_picture_of_every_look_is_saved_whole_as_the_ledger_records_it()
        {
            await using Rig rig = await Rig.StartAsync();
            using var folder = new PictureFolder();
            var progress = new ProgressLog();

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(folder.Options()), Looks(6), progress);

            Assert.Equal(6, items.Count);
            var hashes = new HashSet<string>(StringComparer.Ordinal);
            foreach (TryOnCatalogueItem<CatalogueTop> item in items)
            {
                Assert.Equal(TryOnLookState.Finished, item.State);
                Assert.True(item.AllPicturesSaved, string.Join("; ", item.SavedPictures.Select(s => s.Problem)));
                Assert.Equal(item.Pictures.Count, item.SavedPictures.Count);
                TryOnLedgerEntry entry = (await rig.FindAsync(item.Key))!;
                Assert.Equal(item.SavedPictures, entry.SavedPictures);
                foreach (TryOnSavedPicture saved in item.SavedPictures)
                {
                    byte[] bytes = await File.ReadAllBytesAsync(Path.Combine(folder.Path, saved.Location!));
                    Assert.Equal(PngSignature, bytes.Take(8));
                    Assert.Equal(saved.Length, bytes.Length);
                    Assert.Equal(saved.Sha256, Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
                    Assert.Equal(Path.GetFileName(saved.Location!), saved.Location);
                    Assert.StartsWith(item.Key + "_", saved.Location!, StringComparison.Ordinal);
                    hashes.Add(saved.Sha256!);
                }
            }

            // Every picture is its own (the fake draws each look's apart), and one file each, nothing half-written left.
            Assert.Equal(24, hashes.Count);
            Assert.Equal(24, folder.Files().Length);
            Assert.Equal(24, rig.Server.PictureFetches);
            Assert.Equal((24, 0), (progress.Reports[^1].PicturesSaved, progress.Reports[^1].PicturesNotSaved));
        }

        [Fact]
        public async Task A_later_run_fetches_only_the_missing_or_changed_pictures_and_pays_for_nothing()
        {
            await using Rig rig = await Rig.StartAsync();
            using var folder = new PictureFolder();
            List<TryOnCatalogueItem<CatalogueTop>> first = await RunAsync(rig.Run(folder.Options()), Looks(3));
            string deleted = Path.Combine(folder.Path, first[0].SavedPictures[2].Location!);
            string changed = Path.Combine(folder.Path, first[1].SavedPictures[0].Location!);
            byte[] original = File.ReadAllBytes(changed);
            File.Delete(deleted);
            byte[] flipped = (byte[])original.Clone();
            flipped[^5] ^= 0x01;
            File.WriteAllBytes(changed, flipped);
            int paid = PaidSubmitsByGarment(rig.Server).Values.Sum();
            int fetches = rig.Server.PictureFetches;
            var progress = new ProgressLog();

            List<TryOnCatalogueItem<CatalogueTop>> second = await RunAsync(rig.Run(folder.Options()), Looks(3), progress);

            Assert.All(second, item => Assert.True(item.FromLedger && item.AllPicturesSaved));
            Assert.Equal(fetches + 2, rig.Server.PictureFetches);
            Assert.Equal(paid, PaidSubmitsByGarment(rig.Server).Values.Sum());
            Assert.True(File.Exists(deleted));
            Assert.Equal(original, File.ReadAllBytes(changed));
            Assert.Equal(12, folder.Files().Length);
            Assert.Equal(2, progress.Reports[^1].PicturesSaved); // what this run wrote, not the ten kept
        }

        [Fact]
        public async Task Two_catalogues_with_the_same_keys_in_one_folder_never_take_each_others_pictures()
        {
            await using Rig rig = await Rig.StartAsync();
            using var folder = new PictureFolder();
            using var otherLedger = new TempLedger();
            List<TryOnCatalogueItem<CatalogueTop>> spring = await RunAsync(rig.Run(folder.Options()), Looks(3));
            await using (SqliteTryOnLedger autumnLedger = await SqliteTryOnLedger.OpenAsync(otherLedger.Path))
            {
                List<TryOnCatalogueItem<CatalogueTop>> autumn = await RunAsync(new TryOnCatalogueRun<CatalogueTop>(rig.Client, autumnLedger, folder.Options()), Looks(3));
                Assert.All(autumn, item => Assert.True(item.AllPicturesSaved));
                Assert.Empty(spring.SelectMany(i => i.SavedPictures).Select(p => p.Location).Intersect(autumn.SelectMany(i => i.SavedPictures).Select(p => p.Location)));
            }

            // Both catalogues' pictures are there, and spring's, asked again, are spring's own, untouched.
            Assert.Equal(24, folder.Files().Length);
            int fetches = rig.Server.PictureFetches;
            List<TryOnCatalogueItem<CatalogueTop>> again = await RunAsync(rig.Run(folder.Options()), Looks(3));
            Assert.Equal(fetches, rig.Server.PictureFetches);
            Assert.Equal(
                spring.SelectMany(i => i.SavedPictures).OrderBy(p => p.Location, StringComparer.Ordinal),
                again.SelectMany(i => i.SavedPictures).OrderBy(p => p.Location, StringComparer.Ordinal));
        }

        [Fact]
        public async Task A_moved_folder_keeps_its_pictures_and_another_folder_gets_them_fetched_into_it()
        {
            await using Rig rig = await Rig.StartAsync();
            using var folder = new PictureFolder();
            await RunAsync(rig.Run(folder.Options()), Looks(2));
            string moved = folder.Path + "-moved";
            Directory.Move(folder.Path, moved);
            try
            {
                int fetches = rig.Server.PictureFetches;
                List<TryOnCatalogueItem<CatalogueTop>> there = await RunAsync(rig.Run(folder.Options(path: moved)), Looks(2));
                Assert.All(there, item => Assert.True(item.AllPicturesSaved));
                Assert.Equal(fetches, rig.Server.PictureFetches);

                List<TryOnCatalogueItem<CatalogueTop>> elsewhere = await RunAsync(rig.Run(folder.Options()), Looks(2));
                Assert.All(elsewhere, item => Assert.True(item.AllPicturesSaved));
                Assert.Equal(fetches + 8, rig.Server.PictureFetches);
                Assert.Equal(8, folder.Files().Length);
            }
            finally
            {
                Directory.Delete(moved, recursive: true);
            }
        }

        [Fact]
        public async Task A_run_given_the_wrong_folder_once_the_urls_expired_loses_no_record_of_the_pictures_saved_elsewhere()
        {
            await using Rig rig = await Rig.StartAsync();
            using var folder = new PictureFolder();
            using var wrong = new PictureFolder();
            List<TryOnCatalogueItem<CatalogueTop>> first = await RunAsync(rig.Run(folder.Options()), Looks(2));
            rig.Server.InjectPictureFault(FakeAidgePictureFault.NotFound(), times: int.MaxValue);

            List<TryOnCatalogueItem<CatalogueTop>> astray = await RunAsync(rig.Run(wrong.Options()), Looks(2));

            Assert.All(astray.SelectMany(i => i.SavedPictures), picture =>
            {
                Assert.False(picture.IsSaved);
                Assert.Contains("which is no longer in the folder " + wrong.Path + " as it was recorded (the ledger keeps that record), and its server answered 404", picture.Problem, StringComparison.Ordinal);
            });
            foreach (TryOnCatalogueItem<CatalogueTop> item in first)
            {
                Assert.Equal(item.SavedPictures, (await rig.FindAsync(item.Key))!.SavedPictures);
            }

            int fetches = rig.Server.PictureFetches;
            List<TryOnCatalogueItem<CatalogueTop>> back = await RunAsync(rig.Run(folder.Options()), Looks(2));
            Assert.All(back, item => Assert.True(item.AllPicturesSaved));
            Assert.Equal(fetches, rig.Server.PictureFetches);
        }

        [Fact]
        public async Task A_store_that_cannot_be_written_stops_the_run_before_anything_is_paid()
        {
            await using Rig rig = await Rig.StartAsync();
            using var folder = new PictureFolder();
            File.WriteAllText(folder.Path, "a file where the folder should be");
            try
            {
                var error = await Assert.ThrowsAsync<IOException>(() => RunAsync(rig.Run(folder.Options()), Looks(3)));

                Assert.StartsWith("The pictures cannot be saved in the folder " + folder.Path + " (TryOnCatalogueOptions.Pictures), so nothing was submitted: ", error.Message, StringComparison.Ordinal);
                Assert.Equal(0, rig.Server.SubmitCount);
            }
            finally
            {
                File.Delete(folder.Path);
            }
        }

        [Fact]
        public async Task A_404_leaves_the_look_finished_with_the_problem_recorded_and_the_next_run_saves_it()
        {
            await using Rig rig = await Rig.StartAsync();
            using var folder = new PictureFolder();
            rig.Server.InjectPictureFault(FakeAidgePictureFault.NotFound());

            TryOnCatalogueItem<CatalogueTop> item = Assert.Single(await RunAsync(rig.Run(folder.Options()), Looks(1)));

            Assert.Equal(TryOnLookState.Finished, item.State);
            Assert.False(item.AllPicturesSaved);
            TryOnSavedPicture failed = Assert.Single(item.SavedPictures, s => !s.IsSaved);
            Assert.Contains("answered 404", failed.Problem, StringComparison.Ordinal);
            Assert.Equal(item.SavedPictures, (await rig.FindAsync(item.Key))!.SavedPictures);
            Assert.Equal(3, folder.Files().Length);

            TryOnCatalogueItem<CatalogueTop> again = Assert.Single(await RunAsync(rig.Run(folder.Options()), Looks(1)));

            Assert.True(again.AllPicturesSaved);
            Assert.Equal(4, folder.Files().Length);
            Assert.Equal(1, PaidSubmitsByGarment(rig.Server).Values.Sum());
        }

        public static TheoryData<string, string> Hostile => new()
        {
            { "html served as image/jpeg", "it is no JPEG, PNG or WebP picture: its first bytes are 3C68746D6C3E3C62 (served as image/jpeg)" },
            { "1 GB, said", "it is 1073741824 bytes, more than the 1048576 allowed" },
            { "1 GB, not said", "it is more than the 1048576 bytes allowed (TryOnPictureOptions.MaxPictureBytes); nothing of it was kept" },
            { "a redirect loop", "it was redirected more than 3 times" },
            { "a redirect to plain http", "its URL is http://pictures.example/..., and pictures are fetched over https only" },
            { "a trickle", "it did not arrive within 1 s" },
        };

        [Theory]
        [MemberData(nameof(Hostile))]
        public async Task A_hostile_picture_is_refused_and_nothing_of_it_is_written(string fault, string problem)
        {
            await using Rig rig = await Rig.StartAsync();
            using var folder = new PictureFolder();
            var resolver = new Resolver();
            rig.Server.InjectPictureFault(
                fault switch
                {
                    "html served as image/jpeg" => FakeAidgePictureFault.NotAnImage(),
                    "1 GB, said" => FakeAidgePictureFault.TooLarge(1L << 30),
                    "1 GB, not said" => FakeAidgePictureFault.TooLarge(1L << 30, declaresLength: false),
                    "a redirect loop" => FakeAidgePictureFault.RedirectTo(new Uri(rig.Server.BaseAddress, "/results/loop/0/1.png")),
                    "a redirect to plain http" => FakeAidgePictureFault.RedirectTo(new Uri("http://pictures.example/a.png")),
                    _ => FakeAidgePictureFault.Trickle(TimeSpan.FromMilliseconds(200)),
                },
                times: int.MaxValue);

            TryOnCatalogueItem<CatalogueTop> item = Assert.Single(await RunAsync(rig.Run(folder.Options(resolver, o => o.MaxPictureBytes = 1 << 20)), Looks(1)));

            Assert.Equal(TryOnLookState.Finished, item.State);
            Assert.Equal(4, item.SavedPictures.Count);
            Assert.All(item.SavedPictures, saved =>
            {
                Assert.False(saved.IsSaved);
                Assert.Contains(problem, saved.Problem, StringComparison.Ordinal);
            });
            Assert.Equal(item.SavedPictures, (await rig.FindAsync(item.Key))!.SavedPictures);
            Assert.Empty(folder.AllFiles());
            Assert.Empty(resolver.Asked);
        }

        [Theory]
        [InlineData("internal.example", "10.1.2.3", "resolves to 10.1.2.3, a private address (10.0.0.0/8)")]
        [InlineData("metadata.example", "169.254.169.254", "resolves to 169.254.169.254, the cloud metadata service's address")]
        [InlineData("linklocal.example", "169.254.7.7", "resolves to 169.254.7.7, a link-local address")]
        [InlineData("loopback.example", "127.0.0.1", "resolves to 127.0.0.1, an address of this machine (loopback)")]
        [InlineData("mapped.example", "::ffff:192.168.1.1", "resolves to ::ffff:192.168.1.1, a private address (192.168.0.0/16)")]
        public async Task A_name_that_resolves_to_a_private_address_is_refused_before_any_connection(string host, string address, string problem)
        {
            await using Rig rig = await Rig.StartAsync();
            using var folder = new PictureFolder();
            using var listener = new CountingListener();
            var resolver = new Resolver { [host] = IPAddress.Parse(address) };
            rig.Server.InjectPictureFault(FakeAidgePictureFault.RedirectTo(new Uri("https://" + host + ":" + listener.Port + "/a.png")), times: int.MaxValue);

            TryOnCatalogueItem<CatalogueTop> item = Assert.Single(await RunAsync(rig.Run(folder.Options(resolver)), Looks(1)));

            Assert.All(item.SavedPictures, saved =>
            {
                Assert.False(saved.IsSaved);
                Assert.Contains("'" + host + "' " + problem, saved.Problem, StringComparison.Ordinal);
                Assert.Contains("nothing connected to it", saved.Problem, StringComparison.Ordinal);
            });
            Assert.Contains(host, resolver.Asked);
            Assert.Equal(0, listener.Accepted);
            Assert.Empty(folder.AllFiles());
        }

        [Fact]
        public async Task A_private_address_allowed_by_the_user_is_connected_to()
        {
            await using Rig rig = await Rig.StartAsync();
            using var folder = new PictureFolder();
            using var listener = new CountingListener();
            var resolver = new Resolver { ["store.internal"] = IPAddress.Loopback };
            rig.Server.InjectPictureFault(FakeAidgePictureFault.RedirectTo(new Uri("https://store.internal:" + listener.Port + "/a.png")));

            TryOnCatalogueItem<CatalogueTop> item = Assert.Single(await RunAsync(rig.Run(folder.Options(resolver, o => { o.AllowPrivateAddresses = true; o.MaxRetries = 0; })), Looks(1)));

            // The listener speaks no TLS: the connection is made, and the picture fails after it, not before.
            TryOnSavedPicture failed = Assert.Single(item.SavedPictures, s => !s.IsSaved);
            Assert.DoesNotContain("nothing connected", failed.Problem, StringComparison.Ordinal);
            Assert.True(listener.Accepted >= 1);
        }

        [Fact]
        public void An_address_is_public_only_outside_every_range_a_picture_is_not_fetched_from()
        {
            foreach (string refused in new[] { "0.0.0.0", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "127.0.0.2", "169.254.169.254", "100.64.0.1", "224.0.0.1", "::1", "fe80::1", "fd00:ec2::254", "::ffff:10.0.0.1", "64:ff9b::a00:1", "::" })
            {
                Assert.True(PictureAddresses.Refusal(IPAddress.Parse(refused)) is not null, refused);
            }

            foreach (string allowed in new[] { "93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "100.128.0.1" })
            {
                Assert.True(PictureAddresses.Refusal(IPAddress.Parse(allowed)) is null, allowed);
            }
        }

        [Fact]
        public void The_pictures_of_two_keys_that_read_alike_or_of_two_tasks_never_share_a_name()
        {
            string a = CatalogueExecution<CatalogueTop>.PictureName(TryOnCatalogueKeys.Normalize("SKU 1"), "task-1");
            string b = CatalogueExecution<CatalogueTop>.PictureName(TryOnCatalogueKeys.Normalize("SKU_1"), "task-1");
            string c = CatalogueExecution<CatalogueTop>.PictureName(TryOnCatalogueKeys.Normalize("SKU 1"), "task-2");

            Assert.StartsWith("SKU_1_", a, StringComparison.Ordinal);
            Assert.StartsWith("SKU_1_", b, StringComparison.Ordinal);
            Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
            Assert.Equal(a, CatalogueExecution<CatalogueTop>.PictureName(TryOnCatalogueKeys.Normalize("SKU 1"), "task-1"));
        }

        [Fact]
        public void A_problem_reads_as_one_sentence_with_what_the_inner_exceptions_say()
        {
            var tls = new System.Net.Http.HttpRequestException(
                "The SSL connection could not be established, see inner exception.", new IOException("Authentication failed because the remote party sent a TLS alert: 'HandshakeFailure'."));

            Assert.Equal("The SSL connection could not be established: Authentication failed because the remote party sent a TLS alert: 'HandshakeFailure'", PictureDownloader.Explain(tls));
            Assert.Equal("Access to the path '/x.png.partial' is denied", PictureDownloader.Explain(new UnauthorizedAccessException("Access to the path '/x.png.partial' is denied.")));
        }

        [Fact]
        public void The_ledger_form_of_saved_pictures_reads_back_and_refuses_a_half_record()
        {
            var pictures = new[] { new TryOnPicture("https://p.example/1.png", "https://g.example/1.jpg"), new TryOnPicture("https://p.example/2.png", null) };
            var saved = new[]
            {
                TryOnSavedPicture.Saved("/pictures/SKU-1_1.png", 1234, new string('a', 64), DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)),
                TryOnSavedPicture.NotSaved("its server answered 404 Not Found", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_001)),
            };

            string json = TryOnLedgerValues.WritePictures(pictures, saved);
            TryOnPicture[] read = TryOnLedgerValues.ReadPictures(json, out TryOnSavedPicture[] readSaved);

            Assert.Equal(pictures, read);
            Assert.Equal(saved, readSaved);
            Assert.Throws<FormatException>(() => TryOnLedgerValues.ReadPictures(json.Replace(",\"notSaved\":{\"problem\":\"its server answered 404 Not Found\",\"at\":1700000000001}", string.Empty, StringComparison.Ordinal), out _));
            Assert.Throws<ArgumentException>(() => TryOnLedgerValues.WritePictures(pictures, saved.Take(1).ToArray()));
        }

        [Fact]
        public void Settings_out_of_range_are_said_before_the_run()
        {
            var options = new TryOnCatalogueOptions { Pictures = new TryOnPictureOptions(new TryOnPictureFolder("p")) { MaxDownloadsInFlight = 0, MaxPictureBytes = 0, PictureTimeout = TimeSpan.Zero } };

            IReadOnlyList<string> problems = options.Validate();

            Assert.Contains(problems, p => p.StartsWith("Pictures.MaxDownloadsInFlight is 0", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("Pictures.MaxPictureBytes is 0", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("Pictures.PictureTimeout is 00:00:00", StringComparison.Ordinal));

            options.Pictures.PictureTimeout = Timeout.InfiniteTimeSpan;
            Assert.Contains("Pictures.PictureTimeout is infinite (Timeout.InfiniteTimeSpan); it must be 100 ms to 1 hour.", options.Validate());
        }

        /// <summary>A temporary folder of pictures.</summary>
        internal sealed class PictureFolder : IDisposable
        {
            public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aidge-pictures-" + Guid.NewGuid().ToString("N"));

            public TryOnCatalogueOptions Options(Resolver? resolver = null, Action<TryOnPictureOptions>? configure = null, string? path = null)
            {
                TryOnCatalogueOptions options = CatalogueFixture.Options();
                var pictures = TryOnPictureOptions.InFolder(path ?? Path);
                pictures.RetryDelay = TimeSpan.FromMilliseconds(10);
                pictures.PictureTimeout = TimeSpan.FromSeconds(1);
                pictures.ResolveHost = (resolver ?? new Resolver()).ResolveAsync;
                configure?.Invoke(pictures);
                options.Pictures = pictures;
                return options;
            }

            /// <summary>The pictures saved, by name.</summary>
            public string[] Files() => Directory.Exists(Path) ? Directory.GetFiles(Path).Where(f => !f.EndsWith(".partial", StringComparison.Ordinal)).ToArray() : Array.Empty<string>();

            /// <summary>Everything in the folder, temporary files included.</summary>
            public string[] AllFiles() => Directory.Exists(Path) ? Directory.GetFiles(Path, "*", SearchOption.AllDirectories) : Array.Empty<string>();

            public void Dispose()
            {
                if (Directory.Exists(Path))
                {
                    Directory.Delete(Path, recursive: true);
                }
            }
        }

        /// <summary>Names the test gives addresses, and every name asked; any other name resolves to nothing, so nothing is ever looked up outside.</summary>
        internal sealed class Resolver : Dictionary<string, IPAddress>
        {
            public ConcurrentBag<string> Asked { get; } = new();

            public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
            {
                Asked.Add(host);
                return new ValueTask<IPAddress[]>(TryGetValue(host, out IPAddress? address) ? new[] { address } : Array.Empty<IPAddress>());
            }
        }

        /// <summary>A listener on 127.0.0.1 that counts the connections it accepts, and closes them.</summary>
        private sealed class CountingListener : IDisposable
        {
            private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
            private int _accepted;

            public CountingListener()
            {
                _listener.Start();
                _ = AcceptAsync();
            }

            public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

            public int Accepted => Volatile.Read(ref _accepted);

            public void Dispose() => _listener.Stop();

            private async Task AcceptAsync()
            {
                try
                {
                    while (true)
                    {
                        using TcpClient client = await _listener.AcceptTcpClientAsync();
                        Interlocked.Increment(ref _accepted);
                    }
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
                {
                }
            }
        }
    }
}
