using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.Testing;
using Xunit;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>One garment on the library's model: a catalogue's look in these tests.</summary>
    [TryOnRequest(ViewType = ViewType.Mixed)]
    [TryOnModel(Base = "General", Name = "James")]
    public partial record CatalogueTop([Garment(GarmentType.Tops)] string Top, [GenerateCount] int? Pictures = null);

    /// <summary>What the catalogue tests share: looks, a temporary ledger file, a fast run, and the server's own count of paid submits.</summary>
    internal static class CatalogueFixture
    {
        public static string Url(int i) => "https://shop.example/aw26/sku-" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ".jpg";

        public static TryOnCatalogueLook<CatalogueTop> Look(int i) => new("SKU-" + i, new CatalogueTop(Url(i)));

        public static IEnumerable<TryOnCatalogueLook<CatalogueTop>> Looks(int count, int from = 0) => Enumerable.Range(from, count).Select(Look);

        public static Task<FakeAidgeServer> StartServerAsync(int? submitsPerWindow = null, TimeSpan? window = null, Action<FakeAidgeServerOptions>? configure = null)
        {
            var options = new FakeAidgeServerOptions
            {
                SubmittedFor = TimeSpan.FromMilliseconds(10),
                RunningFor = TimeSpan.FromMilliseconds(10),
                SubmitsPerWindow = submitsPerWindow,
                RateLimitWindow = window ?? TimeSpan.FromSeconds(60),
            };
            configure?.Invoke(options);
            return FakeAidgeServer.StartAsync(options);
        }

        public static TryOnClient NewClient(FakeAidgeServer server, Action<TryOnClientOptions>? configure = null)
        {
            TryOnClientOptions options = server.CreateClientOptions();
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(options);
            return new TryOnClient(server.Credential, options);
        }

        public static TryOnCatalogueOptions Options(int? submitsPerWindow = 1000, TimeSpan? window = null) => new()
        {
            SubmitsPerWindow = submitsPerWindow,
            Window = window ?? TimeSpan.FromSeconds(1),
            PollingInterval = TimeSpan.FromMilliseconds(20),
            MaxPollingInterval = TimeSpan.FromMilliseconds(50),
            ProgressInterval = TimeSpan.FromMilliseconds(50),
        };

        public static Task<List<TryOnCatalogueItem<CatalogueTop>>> RunAsync(
            TryOnCatalogueRun<CatalogueTop> run, IEnumerable<TryOnCatalogueLook<CatalogueTop>> looks, IProgress<TryOnCatalogueProgress>? progress = null, CancellationToken cancellationToken = default) =>
            RunAsync(run, ToAsync(looks), progress, cancellationToken);

        public static async Task<List<TryOnCatalogueItem<CatalogueTop>>> RunAsync(
            TryOnCatalogueRun<CatalogueTop> run, IAsyncEnumerable<TryOnCatalogueLook<CatalogueTop>> looks, IProgress<TryOnCatalogueProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            var items = new List<TryOnCatalogueItem<CatalogueTop>>();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromMinutes(2));
            await foreach (TryOnCatalogueItem<CatalogueTop> item in run.RunAsync(looks, progress, deadline.Token))
            {
                items.Add(item);
            }

            return items;
        }

        private static async IAsyncEnumerable<TryOnCatalogueLook<CatalogueTop>> ToAsync(IEnumerable<TryOnCatalogueLook<CatalogueTop>> looks)
        {
            foreach (TryOnCatalogueLook<CatalogueTop> look in looks)
            {
                yield return look;
            }

            await Task.CompletedTask;
        }

        /// <summary>The garment URL of each submit the server accepted (answered 200), as the server saw it: what was paid for.</summary>
        public static Dictionary<string, int> PaidSubmitsByGarment(FakeAidgeServer server)
        {
            var paid = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (FakeAidgeRequest request in server.Requests.Where(r => r.IsSubmit && r.ResCode == AidgeResCodes.Success))
            {
                using JsonDocument body = JsonDocument.Parse(request.Body);
                using JsonDocument requestParams = JsonDocument.Parse(body.RootElement.GetProperty("requestParams").GetString()!);
                foreach (JsonElement subTask in requestParams.RootElement.EnumerateArray())
                {
                    string garment = subTask.GetProperty("clothesList")[0].GetProperty("imageUrl").GetString()!;
                    paid[garment] = paid.TryGetValue(garment, out int count) ? count + 1 : 1;
                }
            }

            return paid;
        }

        /// <summary>What <paramref name="ledger"/> records of <paramref name="key"/> (as a look gives it), read in a session of the ledger's own owner.</summary>
        public static async Task<TryOnLedgerEntry?> FindAsync(SqliteTryOnLedger ledger, string key)
        {
            if (ledger.Owner is not { } owner)
            {
                return null;   // it holds no look, so it is nobody's yet
            }

            await using ITryOnLedgerSession session = await ledger.BeginSessionAsync(owner);
            return await session.FindAsync(TryOnCatalogueKeys.Normalize(key));
        }

        /// <summary>Every garment of every submit the server accepted, with the type it was sent as: what was paid for, garment by garment.</summary>
        public static List<(string Url, string? Type)> PaidGarments(FakeAidgeServer server)
        {
            var paid = new List<(string, string?)>();
            foreach (FakeAidgeRequest request in server.Requests.Where(r => r.IsSubmit && r.ResCode == AidgeResCodes.Success))
            {
                using JsonDocument body = JsonDocument.Parse(request.Body);
                using JsonDocument requestParams = JsonDocument.Parse(body.RootElement.GetProperty("requestParams").GetString()!);
                foreach (JsonElement subTask in requestParams.RootElement.EnumerateArray())
                {
                    foreach (JsonElement garment in subTask.GetProperty("clothesList").EnumerateArray())
                    {
                        paid.Add((garment.GetProperty("imageUrl").GetString()!, garment.TryGetProperty("type", out JsonElement type) ? type.GetString() : null));
                    }
                }
            }

            return paid;
        }

        /// <summary>What each test runs on: a fake server, a client of it, and a ledger in a directory of its own.</summary>
        public sealed class Rig : IAsyncDisposable
        {
            private Rig(FakeAidgeServer server, TempLedger files, TryOnClient client, SqliteTryOnLedger ledger)
            {
                Server = server;
                Files = files;
                Client = client;
                Ledger = ledger;
            }

            public FakeAidgeServer Server { get; }

            public TempLedger Files { get; }

            public TryOnClient Client { get; }

            public SqliteTryOnLedger Ledger { get; private set; }

            /// <summary>Whose the rig's ledger is: the client's service and key.</summary>
            public TryOnLedgerOwner Owner => TryOnLedgerOwner.Of(Client);

            public static async Task<Rig> StartAsync(int? submitsPerWindow = null, TimeSpan? window = null, Action<FakeAidgeServerOptions>? configure = null)
            {
                FakeAidgeServer server = await StartServerAsync(submitsPerWindow, window, configure);
                var files = new TempLedger();
                return new Rig(server, files, NewClient(server), await files.OpenAsync());
            }

            public TryOnCatalogueRun<CatalogueTop> Run(TryOnCatalogueOptions? options = null) => new(Client, Ledger, options ?? Options());

            /// <summary>What the ledger records of <paramref name="key"/>, as a look gives it.</summary>
            public async Task<TryOnLedgerEntry?> FindAsync(string key)
            {
                await using ITryOnLedgerSession session = await Ledger.BeginSessionAsync(Owner);
                return await session.FindAsync(TryOnCatalogueKeys.Normalize(key));
            }

            /// <summary>Records <paramref name="entry"/> as a run of the rig's client would (its key as a look gives it).</summary>
            public async Task SaveAsync(TryOnLedgerEntry entry)
            {
                await using ITryOnLedgerSession session = await Ledger.BeginSessionAsync(Owner);
                string key = TryOnCatalogueKeys.Normalize(entry.Key);
                TryOnLedgerClaim claim = await session.ClaimAsync(key, evenIfEnded: true);
                Assert.True(await session.SaveAsync(claim, new TryOnLedgerEntry(key, entry.Fingerprint, entry.State, entry.TaskId, entry.Edition, entry.Pictures, entry.Error, entry.UpdatedAt, entry.SubmittedAt, entry.TaskAttached)));
            }

            /// <summary>Does <paramref name="change"/> to the closed ledger's files, then opens it again (so the rig can be disposed).</summary>
            public async Task ReopenAfterAsync(Action change)
            {
                await Ledger.DisposeAsync();
                change();
                Ledger = await Files.OpenAsync();
            }

            /// <summary>Closes the ledger and opens it again, as the next process would.</summary>
            public async Task ReopenAsync()
            {
                await Ledger.DisposeAsync();
                Ledger = await Files.OpenAsync();
            }

            public async ValueTask DisposeAsync()
            {
                await Ledger.DisposeAsync();
                Client.Dispose();
                await Server.DisposeAsync();
                Files.Dispose();
            }
        }

        /// <summary>
        /// A real ledger with faults put between the run and it: a write that fails, an entry read back as a state or a form no ledger
        /// of ours writes. Each hook sees what the run asked for; the real ledger does the rest.
        /// </summary>
        public sealed class FaultyLedger : ITryOnLedger
        {
            private readonly ITryOnLedger _inner;

            public FaultyLedger(ITryOnLedger inner)
            {
                _inner = inner;
            }

            /// <summary>Throws for a write the run asks for (a submit begun, its answer, a save), or returns normally to let it through.</summary>
            public Action<TryOnLedgerEntry>? OnWrite { get; set; }

            /// <summary>Throws for a submit the run forgets (it was not sent), or returns normally.</summary>
            public Action<string>? OnForget { get; set; }

            /// <summary>What a claim of a key finds in place of what the ledger holds.</summary>
            public Func<string, TryOnLedgerEntry?, TryOnLedgerEntry?>? OnFind { get; set; }

            public int Writes;

            public int Forgets;

            public async ValueTask<ITryOnLedgerSession> BeginSessionAsync(TryOnLedgerOwner owner, TryOnLedgerOwner? adoptFrom = null, CancellationToken cancellationToken = default) =>
                new Session(this, await _inner.BeginSessionAsync(owner, adoptFrom, cancellationToken));

            public ValueTask DisposeAsync() => _inner.DisposeAsync();

            private sealed class Session : ITryOnLedgerSession
            {
                private readonly FaultyLedger _faults;
                private readonly ITryOnLedgerSession _inner;

                public Session(FaultyLedger faults, ITryOnLedgerSession inner)
                {
                    _faults = faults;
                    _inner = inner;
                }

                public TryOnLedgerOwner Owner => _inner.Owner;

                public TimeSpan Lease => _inner.Lease;

                public async ValueTask<TryOnLedgerClaim> ClaimAsync(string key, bool evenIfEnded = false, CancellationToken cancellationToken = default)
                {
                    TryOnLedgerClaim claim = await _inner.ClaimAsync(key, evenIfEnded, cancellationToken);
                    return _faults.OnFind is { } change ? new TryOnLedgerClaim(claim.Key, change(key, claim.Entry), claim.Fence, claim.IsHeld, claim.RetryAfter) : claim;
                }

                public ValueTask<bool> RenewAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default) => _inner.RenewAsync(claim, cancellationToken);

                public ValueTask<bool> BeginSubmitAsync(TryOnLedgerClaim claim, TryOnLedgerEntry submitting, CancellationToken cancellationToken = default) =>
                    Write(submitting, () => _inner.BeginSubmitAsync(claim, submitting, cancellationToken));

                public ValueTask<bool> RecordSubmitAsync(TryOnLedgerClaim claim, TryOnLedgerEntry answer, CancellationToken cancellationToken = default) =>
                    Write(answer, () => _inner.RecordSubmitAsync(claim, answer, cancellationToken));

                public ValueTask<bool> ForgetSubmitAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default)
                {
                    Interlocked.Increment(ref _faults.Forgets);
                    _faults.OnForget?.Invoke(claim.Key);
                    return _inner.ForgetSubmitAsync(claim, cancellationToken);
                }

                public ValueTask<bool> SaveAsync(TryOnLedgerClaim claim, TryOnLedgerEntry entry, CancellationToken cancellationToken = default) =>
                    Write(entry, () => _inner.SaveAsync(claim, entry, cancellationToken));

                public ValueTask ReleaseAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default) => _inner.ReleaseAsync(claim, cancellationToken);

                public ValueTask<TryOnLedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default) => _inner.FindAsync(key, cancellationToken);

                public ValueTask<string?> FindKeyOfTaskAsync(string taskId, CancellationToken cancellationToken = default) => _inner.FindKeyOfTaskAsync(taskId, cancellationToken);

                public IAsyncEnumerable<TryOnLedgerEntry> ListInDoubtAsync(CancellationToken cancellationToken = default) => _inner.ListInDoubtAsync(cancellationToken);

                public ValueTask DisposeAsync() => _inner.DisposeAsync();

                private ValueTask<bool> Write(TryOnLedgerEntry entry, Func<ValueTask<bool>> write)
                {
                    Interlocked.Increment(ref _faults.Writes);
                    _faults.OnWrite?.Invoke(entry);
                    return write();
                }
            }
        }

        /// <summary>A ledger file in a directory of its own, removed afterwards.</summary>
        public sealed class TempLedger : IDisposable
        {
            private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aidge-catalogue-" + Guid.NewGuid().ToString("N"));

            public TempLedger()
            {
                Directory.CreateDirectory(_directory);
            }

            public string Path => System.IO.Path.Combine(_directory, "ledger.db");

            public string File(string name) => System.IO.Path.Combine(_directory, name);

            public Task<SqliteTryOnLedger> OpenAsync() => SqliteTryOnLedger.OpenAsync(Path);

            public void Dispose()
            {
                try
                {
                    Directory.Delete(_directory, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        /// <summary>Records every progress report, on the reporting thread.</summary>
        public sealed class ProgressLog : IProgress<TryOnCatalogueProgress>
        {
            private readonly List<TryOnCatalogueProgress> _reports = new();

            public IReadOnlyList<TryOnCatalogueProgress> Reports
            {
                get
                {
                    lock (_reports)
                    {
                        return _reports.ToArray();
                    }
                }
            }

            public void Report(TryOnCatalogueProgress value)
            {
                lock (_reports)
                {
                    _reports.Add(value);
                }
            }
        }
    }
}
