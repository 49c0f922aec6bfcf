using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.Testing;
using Aidge.Declarative.Tests.Catalogue;
using Npgsql;
using Xunit;
using Xunit.Abstractions;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.PostgreSql.Tests
{
    /// <summary>
    /// Many workers on one key and one catalogue, in PostgreSQL: every look paid for once and ended once, whatever the workers go
    /// through (paused past their lease, killed, the database restarted), counted from what the fake server saw.
    /// </summary>
    [Collection(nameof(PostgresCollection))]
    public sealed class SharedCatalogueTests
    {
        private readonly SharedPostgres _postgres;
        private readonly ITestOutputHelper _output;

        public SharedCatalogueTests(SharedPostgres postgres, ITestOutputHelper output)
        {
            _postgres = postgres;
            _output = output;
        }

        [PostgresFact]
        public async Task A_worker_paused_between_its_claim_and_its_submit_past_its_lease_finds_the_submit_refused_and_does_not_send()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using TryOnClient client = NewClient(server);
            string database = await (await _postgres.GetAsync()).CreateDatabaseAsync();
            var lease = new PostgreSqlLedgerOptions { Lease = TimeSpan.FromSeconds(1) };
            await using PostgreSqlTryOnLedger workerA = await PostgreSqlTryOnLedger.OpenAsync(database, "autumn", lease);
            await using PostgreSqlTryOnLedger workerB = await PostgreSqlTryOnLedger.OpenAsync(database, "autumn", lease);

            // Worker A is stopped (a GC pause, a frozen VM) the moment before it records the submit, for longer than its lease.
            using var paused = new SemaphoreSlim(0);
            using var resume = new SemaphoreSlim(0);
            var frozen = new PausingLedger(workerA, before: paused, until: resume);
            var look = new TryOnCatalogueLook<CatalogueTop>("SKU-1", new CatalogueTop(Url(1)));
            Task<List<TryOnCatalogueItem<CatalogueTop>>> a = RunAsync(new TryOnCatalogueRun<CatalogueTop>(client, frozen, Options()), new[] { look });
            Assert.True(await paused.WaitAsync(TimeSpan.FromSeconds(30)), "worker A never reached its submit");

            // Meanwhile worker B, given the same catalogue, takes the look once A's lease has run out, pays for it, and ends it.
            List<TryOnCatalogueItem<CatalogueTop>> b = await RunAsync(new TryOnCatalogueRun<CatalogueTop>(client, workerB, Options()), new[] { look });
            Assert.Equal(TryOnLookState.Finished, Assert.Single(b).State);

            // A wakes, and goes on as if nothing happened: its write is refused, so it sends nothing; it reports what B made of the look.
            resume.Release();
            TryOnCatalogueItem<CatalogueTop> woken = Assert.Single(await a);
            Assert.Equal(1, server.Requests.Count(r => r.IsSubmit));
            Assert.Equal((TryOnLookState.Finished, true, b[0].TaskId), (woken.State, woken.FromLedger, woken.TaskId));
        }

        [PostgresFact]
        public async Task A_paid_task_id_the_ledger_cannot_record_is_kept_in_a_file_and_said_with_the_attach_that_mends_it()
        {
            await using FakeAidgeServer server = await StartServerAsync(40, TimeSpan.FromSeconds(2));
            string database = await (await _postgres.GetAsync()).CreateDatabaseAsync();
            string directory = Directory.CreateTempSubdirectory("aidge-unrecorded-").FullName;
            try
            {
                string csv = Catalogue(directory, "autumn", 3);
                string results = Path.Combine(directory, "autumn.looks.csv");
                Dictionary<string, string?> environment = SampleProcess.CallingServer(server);
                string[] shared = { "--postgres", database, "--budget", "40", "--window", "2" };
                (int listed, string listing) = await SampleProcess.RunAsync(directory, environment, new[] { csv, "--in-doubt" }.Concat(shared).ToArray());   // makes the tables, costs nothing
                Assert.True(listed == 0, listing);

                // The database refuses every task id recorded, as a full disk would, from just after each paid submit on.
                await using (NpgsqlDataSource admin = NpgsqlDataSource.Create(database))
                await using (NpgsqlCommand refuse = admin.CreateCommand(
                    "CREATE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.state = 'Submitted' THEN RAISE EXCEPTION 'no space left'; END IF; RETURN NEW; END $$; " +
                    "CREATE TRIGGER refuse BEFORE UPDATE ON aidge.ledger_looks FOR EACH ROW EXECUTE FUNCTION public.refuse();"))
                {
                    await refuse.ExecuteNonQueryAsync();
                }

                (int stopped, string log) = await SampleProcess.RunAsync(directory, environment, new[] { csv, "--out", results }.Concat(shared).ToArray());

                // Every paid look is said, with the task the server made for its garment, on the console and in a file of its own.
                Assert.NotEqual(0, stopped);
                string kept = await File.ReadAllTextAsync(results + ".unrecorded-tasks.txt");
                int paid = 0;
                for (int i = 0; i < 3; i++)
                {
                    foreach (string task in server.TaskIdsFor(Url(i)))
                    {
                        paid++;
                        Assert.Contains("--attach SKU-" + i + "=" + task, log, StringComparison.Ordinal);
                        Assert.Contains("--attach SKU-" + i + "=" + task, kept, StringComparison.Ordinal);
                    }
                }

                Assert.True(paid > 0, log);

                // The ledger back, each attached as said: every look ends with its own pictures, and nothing more is paid.
                await using (NpgsqlDataSource admin = NpgsqlDataSource.Create(database))
                await using (NpgsqlCommand mend = admin.CreateCommand("DROP TRIGGER refuse ON aidge.ledger_looks"))
                {
                    await mend.ExecuteNonQueryAsync();
                }

                int submits = server.SubmitCount;
                var attach = kept.Split('\n', StringSplitOptions.RemoveEmptyEntries).SelectMany(line => new[] { "--attach", line[(line.IndexOf("--attach ", StringComparison.Ordinal) + 9)..] });
                (int mended, string mendLog) = await SampleProcess.RunAsync(directory, environment, new[] { csv, "--out", Path.Combine(directory, "mended.csv") }.Concat(shared).Concat(attach).ToArray());
                Assert.True(mended == 0, mendLog);
                Assert.Equal(3 - paid, server.SubmitCount - submits);   // only the looks never sent are paid for now
                Assert.All(States(Path.Combine(directory, "mended.csv")).Values, state => Assert.Equal("Finished", state));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [PostgresFact]
        public async Task Three_workers_and_a_storefront_share_one_key_use_its_budget_and_pay_for_each_look_once()
        {
            // The key: 40 submits per 2 s, enforced by the server; the vendor's own window is a minute, where the few milliseconds each
            // permit is held past its window weigh 30 times less.
            const int Looks = 300;
            const int Budget = 40;
            var window = TimeSpan.FromSeconds(2);
            await using FakeAidgeServer server = await StartServerAsync(Budget, window);
            string database = await (await _postgres.GetAsync()).CreateDatabaseAsync();
            string directory = Directory.CreateTempSubdirectory("aidge-shared-").FullName;
            try
            {
                string csv = Catalogue(directory, "autumn", Looks);
                // As the README runs them: the workers name the fake server by its name, and so does the storefront.
                Dictionary<string, string?> environment = SampleProcess.CallingServer(server);
                environment["AIDGE_SERVICE_NAME"] = server.ServiceName;
                var workers = Enumerable.Range(1, 3)
                    .Select(w => SampleProcess.Start(directory, environment, csv, "--postgres", database, "--budget", Budget.ToString(CultureInfo.InvariantCulture), "--window", "2", "--lease", "10", "--out", Path.Combine(directory, "worker" + w + ".csv")))
                    .ToList();

                // The storefront: the web sample, its submits taking their permits from the same budget, shoppers posting suits meanwhile.
                int port = FreePort();
                var storefrontEnvironment = new Dictionary<string, string?>(environment)
                {
                    ["Aidge__AccessKey"] = server.Credential.AccessKey,
                    ["Aidge__Secret"] = FakeAidgeServerOptions.DefaultSecret,
                    ["Aidge__Endpoint"] = server.BaseAddress.ToString(),
                    ["Aidge__ServiceName"] = server.ServiceName,
                    ["Aidge__SubmitsPerWindow"] = Budget.ToString(CultureInfo.InvariantCulture),
                    ["Aidge__BudgetWindow"] = "00:00:02",
                    ["ConnectionStrings__AidgeBudget"] = database,
                    ["Logging__LogLevel__Default"] = "Warning",
                };
                using SampleProcess storefront = SampleProcess.StartProgram("WebSample", directory, storefrontEnvironment, "--urls", "http://127.0.0.1:" + port);
                int shoppers = await ShopAsync(port, workers);

                foreach (SampleProcess worker in workers)
                {
                    Assert.True(await worker.WaitAsync(TimeSpan.FromMinutes(3)) == 0, worker.Log);
                }

                // What the server saw: every look paid for once, the budget used, almost nothing wasted on 501s.
                Dictionary<string, int> paid = PaidSubmitsByGarment(server);
                Assert.Equal(Looks, Enumerable.Range(0, Looks).Count(i => paid.ContainsKey(Url(i))));
                Assert.All(paid, pair => Assert.True(pair.Value == 1, pair.Key + " was paid for " + pair.Value + " times"));
                (double use, int refused, int accepted) = BudgetUse(server, Budget, window, r => r.Body.Contains("aw26", StringComparison.Ordinal));
                _output.WriteLine($"{accepted} paid submits ({Looks} looks, {shoppers} shoppers' suits), {refused} answered 501; {use:P1} of {Budget} per {window.TotalSeconds} s used");
                Assert.True(shoppers > 0, "the storefront made no submit");
                await using (NpgsqlDataSource shared = NpgsqlDataSource.Create(database))
                await using (NpgsqlCommand budgets = shared.CreateCommand("SELECT string_agg(service || ' ' || access_key, ', ') FROM aidge.budgets"))
                {
                    Assert.Equal(server.ServiceName + " " + server.Credential.AccessKey, await budgets.ExecuteScalarAsync());   // one budget, the four processes'
                }

                Assert.True(use > 0.5, $"the budget was {use:P1} used: the workers did not share it");   // the figure itself is measured by the benchmark (catalogue-shared), over several processes
                Assert.True(refused <= accepted / 100, refused + " of " + accepted + " submits were answered 501");

                // Every worker reported every look once, ended; and one more run anywhere reports them all from the ledger, with no call.
                foreach (int w in Enumerable.Range(1, 3))
                {
                    Dictionary<string, string> states = States(Path.Combine(directory, "worker" + w + ".csv"));
                    Assert.Equal(Looks, states.Count);
                    Assert.All(states.Values, state => Assert.Equal("Finished", state));
                }

                int before = server.Requests.Count;
                (int again, string log) = await SampleProcess.RunAsync(directory, environment, csv, "--postgres", database, "--budget", Budget.ToString(CultureInfo.InvariantCulture), "--window", "2", "--out", Path.Combine(directory, "again.csv"));
                Assert.True(again == 0, log);
                Assert.Contains("Paid submits this run: 0;", log, StringComparison.Ordinal);
                Assert.Equal(before, server.Requests.Count);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [PostgresFact]
        public async Task Workers_killed_and_paused_past_their_lease_at_random_moments_pay_for_no_look_twice_and_lose_none()
        {
            const int Looks = 300;
            await using FakeAidgeServer server = await StartServerAsync(40, TimeSpan.FromSeconds(2));

            // Every submit makes its task at once and answers 150 ms later: a kill or a pause often lands while a paid call is on its way.
            server.InjectFault(FakeAidgeFault.SlowAnswer(TimeSpan.FromMilliseconds(150)), FakeAidgeApi.Submit, times: int.MaxValue);
            string database = await (await _postgres.GetAsync()).CreateDatabaseAsync();
            string directory = Directory.CreateTempSubdirectory("aidge-chaos-").FullName;
            try
            {
                string csv = Catalogue(directory, "chaos", Looks);
                var crew = new Crew(directory, SampleProcess.CallingServer(server), csv, database, lease: 2);
                crew.Start(3);
                var random = new Random(Environment.TickCount);
                int kills = 0, pauses = 0;
                var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
                while (DateTime.UtcNow < until && crew.Running.Count != 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(random.Next(700, 1600)));
                    List<SampleProcess> running = crew.Running;
                    if (running.Count == 0)
                    {
                        break;
                    }

                    SampleProcess victim = running[random.Next(running.Count)];
                    if (random.Next(2) == 0)
                    {
                        await victim.WaitAsync(TimeSpan.Zero);   // SIGKILL
                        kills++;
                        crew.Start(1);
                    }
                    else
                    {
                        // Frozen past its lease (2 s): the others take its looks; when it wakes, its writes are refused.
                        victim.Signal(pause: true);
                        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2500, 4000)));
                        victim.Signal(pause: false);
                        pauses++;
                    }
                }

                await crew.FinishAsync();
                _output.WriteLine($"{kills} workers killed, {pauses} paused past their lease, {crew.Started} started in all");
                AssertEveryLookOnce(server, directory, csv, database, Looks, out int inDoubt);
                _output.WriteLine($"{PaidSubmitsByGarment(server).Count} looks paid for, each once; {inDoubt} reported in doubt");
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [PostgresFact]
        public async Task The_database_restarted_part_way_through_pays_for_no_look_twice_and_loses_none()
        {
            const int Looks = 200;
            await using PostgresServer restarting = await PostgresServer.StartAsync();
            Assert.True(restarting.IsThrowaway, "this test restarts its own server (unset AIDGE_TEST_POSTGRES to run it)");
            await using FakeAidgeServer server = await StartServerAsync(40, TimeSpan.FromSeconds(2));
            string database = await restarting.CreateDatabaseAsync();
            string directory = Directory.CreateTempSubdirectory("aidge-restart-").FullName;
            try
            {
                string csv = Catalogue(directory, "restart", Looks);
                var crew = new Crew(directory, SampleProcess.CallingServer(server), csv, database, lease: 5);
                crew.Start(3);
                await Task.Delay(TimeSpan.FromSeconds(3));

                // A fast shutdown cuts every session where it stands; the server is back two seconds later, on the same data.
                await restarting.StopAsync();
                await Task.Delay(TimeSpan.FromSeconds(2));
                await restarting.RestartAsync();

                await crew.FinishAsync();
                AssertEveryLookOnce(server, directory, csv, database, Looks, out int inDoubt);
                _output.WriteLine($"{PaidSubmitsByGarment(server).Count} looks paid for, each once; {inDoubt} reported in doubt; {crew.Started} workers started in all ({crew.Started - 3} again after stopping)");
            }
            finally
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        }

        // What must hold when every worker has stopped: no look paid for twice, and one more run reports every look, ended, from the ledger.
        private static void AssertEveryLookOnce(FakeAidgeServer server, string directory, string csv, string database, int looks, out int inDoubt)
        {
            Dictionary<string, int> paid = PaidSubmitsByGarment(server);
            Assert.All(paid, pair => Assert.True(pair.Value == 1, pair.Key + " was paid for " + pair.Value + " times"));
            (int exitCode, string log) = SampleProcess.RunAsync(directory, SampleProcess.CallingServer(server), csv, "--postgres", database, "--budget", "40", "--window", "2", "--answer-grace", "5", "--out", Path.Combine(directory, "final.csv")).GetAwaiter().GetResult();
            Assert.True(exitCode == 0, log);
            Assert.Contains("Paid submits this run: 0;", log, StringComparison.Ordinal);
            Dictionary<string, string> states = States(Path.Combine(directory, "final.csv"));
            Assert.Equal(looks, states.Count);
            for (int i = 0; i < looks; i++)
            {
                string state = states["SKU-" + i];
                Assert.True(state is "Finished" or "InDoubt", "SKU-" + i + " ended " + state);
                Assert.True(state != "Finished" || paid.ContainsKey(Url(i)), "SKU-" + i + " finished without a paid submit");
            }

            inDoubt = states.Values.Count(s => s == "InDoubt");
        }

        /// <summary>Workers of one catalogue: started, killed, started again; at the end every one is let finish.</summary>
        private sealed class Crew
        {
            private readonly string _directory;
            private readonly Dictionary<string, string?> _environment;
            private readonly string _csv;
            private readonly string _database;
            private readonly int _lease;
            private readonly List<SampleProcess> _all = new();

            public Crew(string directory, Dictionary<string, string?> environment, string csv, string database, int lease)
            {
                _directory = directory;
                _environment = environment;
                _csv = csv;
                _database = database;
                _lease = lease;
            }

            public int Started => _all.Count;

            public List<SampleProcess> Running => _all.Where(w => !w.HasExited).ToList();

            public void Start(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    _all.Add(SampleProcess.Start(
                        _directory, _environment, _csv, "--postgres", _database, "--budget", "40", "--window", "2", "--lease", _lease.ToString(CultureInfo.InvariantCulture),
                        "--answer-grace", "5", "--out", Path.Combine(_directory, "worker" + _all.Count + ".csv")));
                }
            }

            // Workers that stopped with an error (their database was gone too long, say) are started again, as an operator would.
            public async Task FinishAsync()
            {
                var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
                while (true)
                {
                    List<SampleProcess> running = Running;
                    foreach (SampleProcess worker in running)
                    {
                        await worker.WaitAsync(deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero);
                    }

                    if (_all.Count(w => w.HasExited) == _all.Count && _all.Any(w => SafeExitCode(w) == 0))
                    {
                        return;
                    }

                    Assert.True(DateTime.UtcNow < deadline, "the workers did not finish: " + _all[^1].Log);
                    Start(1);
                }
            }

            private static int? SafeExitCode(SampleProcess worker) => worker.HasExited ? worker.ExitCode : null;
        }

        private static async Task<int> ShopAsync(int port, List<SampleProcess> workers)
        {
            using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + port), Timeout = TimeSpan.FromMinutes(2) };
            var started = DateTime.UtcNow;
            while (true)
            {
                try
                {
                    using HttpResponseMessage probe = await http.GetAsync("/tasks/none");
                    break;
                }
                catch (HttpRequestException) when (DateTime.UtcNow - started < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(100);
                }
            }

            int posted = 0;
            while (workers.Any(w => !w.HasExited) && posted < 40)
            {
                using HttpResponseMessage answer = await http.PostAsJsonAsync("/looks/suit", new { Top = "https://shop.example/storefront/top-" + posted + ".jpg", Bottom = "https://shop.example/storefront/bottom-" + posted + ".jpg" });
                Assert.True(answer.StatusCode == System.Net.HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());
                posted++;
                await Task.Delay(250);
            }

            return posted;
        }

        internal static string Catalogue(string directory, string name, int looks)
        {
            string path = Path.Combine(directory, name + ".csv");
            File.WriteAllLines(path, new[] { "sku,top,bottom,pictures" }.Concat(Enumerable.Range(0, looks).Select(i => "SKU-" + i + "," + Url(i) + ",,")));
            return path;
        }

        /// <summary>
        /// The rate of paid submits over the budget's rate, while the key was in demand: from the first to the last paid submit of
        /// <paramref name="demand"/> (the catalogue: the storefront asks for less than the budget, and goes on after it), counting every
        /// paid submit between; and the submits answered 501.
        /// </summary>
        internal static (double Use, int Refused, int Accepted) BudgetUse(FakeAidgeServer server, int budget, TimeSpan window, Func<FakeAidgeRequest, bool> demand)
        {
            FakeAidgeRequest[] submits = server.Requests.Where(r => r.IsSubmit).ToArray();
            FakeAidgeRequest[] paid = submits.Where(r => r.ResCode == AidgeResCodes.Success).OrderBy(r => r.ReceivedAt).ToArray();
            DateTimeOffset first = paid.First(demand).ReceivedAt;
            DateTimeOffset last = paid.Last(demand).ReceivedAt;
            int within = paid.Count(r => r.ReceivedAt >= first && r.ReceivedAt <= last);
            return ((within - 1) / (budget * ((last - first) / window)), submits.Count(r => r.ResCode == AidgeResCodes.RateLimitExceeded), paid.Length);
        }

        internal static Dictionary<string, string> States(string results)
        {
            var states = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in File.ReadLines(results).Skip(1))
            {
                string[] cells = line.Split(',');
                states[cells[0]] = cells[2];
            }

            return states;
        }

        internal static int FreePort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>A worker's ledger that stops the worker the moment before it records a submit, until told to go on.</summary>
        private sealed class PausingLedger : ITryOnLedger
        {
            private readonly ITryOnLedger _inner;
            private readonly SemaphoreSlim _before;
            private readonly SemaphoreSlim _until;

            public PausingLedger(ITryOnLedger inner, SemaphoreSlim before, SemaphoreSlim until)
            {
                _inner = inner;
                _before = before;
                _until = until;
            }

            public async ValueTask<ITryOnLedgerSession> BeginSessionAsync(TryOnLedgerOwner owner, TryOnLedgerOwner? adoptFrom = null, CancellationToken cancellationToken = default) =>
                new Session(await _inner.BeginSessionAsync(owner, adoptFrom, cancellationToken), this);

            public ValueTask DisposeAsync() => default;

            private sealed class Session : ITryOnLedgerSession
            {
                private readonly ITryOnLedgerSession _inner;
                private readonly PausingLedger _pause;
                private int _paused;

                public Session(ITryOnLedgerSession inner, PausingLedger pause)
                {
                    _inner = inner;
                    _pause = pause;
                }

                public TryOnLedgerOwner Owner => _inner.Owner;

                public TimeSpan Lease => Timeout.InfiniteTimeSpan;   // this worker renews nothing while it is stopped

                public ValueTask<TryOnLedgerClaim> ClaimAsync(string key, bool evenIfEnded = false, CancellationToken cancellationToken = default) => _inner.ClaimAsync(key, evenIfEnded, cancellationToken);

                public ValueTask<bool> RenewAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default) => _inner.RenewAsync(claim, cancellationToken);

                public async ValueTask<bool> BeginSubmitAsync(TryOnLedgerClaim claim, TryOnLedgerEntry submitting, CancellationToken cancellationToken = default)
                {
                    if (Interlocked.Exchange(ref _paused, 1) == 0)
                    {
                        _pause._before.Release();
                        await _pause._until.WaitAsync(cancellationToken);
                    }

                    return await _inner.BeginSubmitAsync(claim, submitting, cancellationToken);
                }

                public ValueTask<bool> RecordSubmitAsync(TryOnLedgerClaim claim, TryOnLedgerEntry answer, CancellationToken cancellationToken = default) => _inner.RecordSubmitAsync(claim, answer, cancellationToken);

                public ValueTask<bool> ForgetSubmitAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default) => _inner.ForgetSubmitAsync(claim, cancellationToken);

                public ValueTask<bool> SaveAsync(TryOnLedgerClaim claim, TryOnLedgerEntry entry, CancellationToken cancellationToken = default) => _inner.SaveAsync(claim, entry, cancellationToken);

                public ValueTask ReleaseAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default) => _inner.ReleaseAsync(claim, cancellationToken);

                public ValueTask<TryOnLedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default) => _inner.FindAsync(key, cancellationToken);

                public ValueTask<string?> FindKeyOfTaskAsync(string taskId, CancellationToken cancellationToken = default) => _inner.FindKeyOfTaskAsync(taskId, cancellationToken);

                public IAsyncEnumerable<TryOnLedgerEntry> ListInDoubtAsync(CancellationToken cancellationToken = default) => _inner.ListInDoubtAsync(cancellationToken);

                public ValueTask DisposeAsync() => _inner.DisposeAsync();
            }
        }
    }
}
