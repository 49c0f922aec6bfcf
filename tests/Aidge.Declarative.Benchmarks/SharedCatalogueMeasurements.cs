using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.PostgreSql;
using Aidge.Declarative.PostgreSql.Tests;
using Aidge.Declarative.Testing;
using Aidge.Declarative.Tests.Catalogue;
using Npgsql;

namespace Aidge.Declarative.Benchmarks
{
    /// <summary>
    /// The shared catalogue's measurements, on a throwaway PostgreSQL and against an instant fake server, from what the server saw:
    /// <list type="bullet">
    /// <item><c>catalogue-shared [submits per second...]</c>: three worker processes (the sample with --postgres) on one key and one
    /// catalogue of 15 s of that budget: the share of the budget used, the submits answered 501, and the database's transactions per
    /// look (pg_stat_database).</item>
    /// <item><c>catalogue-permits [permits]</c>: how long taking a permit takes when the budget does not hold it back, the budget in
    /// PostgreSQL against the in-process pacer, in this process.</item>
    /// </list>
    /// </summary>
    internal static class SharedCatalogueMeasurements
    {
        public static async Task<int> RunAsync(string[] args)
        {
            CatalogueMeasurements.PrintMachine();
            await using PostgresServer postgres = await PostgresServer.StartAsync();
            switch (args[0])
            {
                case "catalogue-shared":
                    foreach (int perSecond in args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)) : new[] { 50, 100, 150 })
                    {
                        await WorkersAsync(postgres, perSecond);
                    }

                    return 0;
                case "catalogue-permits":
                    await PermitsAsync(postgres, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
                    return 0;
                default:
                    return 2;
            }
        }

        private static async Task WorkersAsync(PostgresServer postgres, int perSecond)
        {
            int looks = perSecond * 15;
            int budget = perSecond * 2;
            var window = TimeSpan.FromSeconds(2);
            await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions
            {
                SubmittedFor = TimeSpan.Zero,
                RunningFor = TimeSpan.Zero,
                SubmitsPerWindow = budget,
                RateLimitWindow = window,
            });
            string database = await postgres.CreateDatabaseAsync();
            string directory = Directory.CreateTempSubdirectory("aidge-shared-bench-").FullName;
            try
            {
                string csv = Path.Combine(directory, "bench.csv");
                File.WriteAllLines(csv, new[] { "sku,top,bottom,pictures" }.Concat(Enumerable.Range(0, looks).Select(i => "L" + i + ",https://shop.example/bench/" + i + ".jpg,,")));
                long before = await TransactionsAsync(database);
                var clock = Stopwatch.StartNew();
                var workers = Enumerable.Range(0, 3).Select(w => SampleProcess.Start(
                    directory, SampleProcess.CallingServer(server), csv, "--postgres", database, "--budget", budget.ToString(CultureInfo.InvariantCulture), "--window", "2",
                    "--in-flight", "100", "--out", Path.Combine(directory, "w" + w + ".csv"))).ToList();
                foreach (SampleProcess worker in workers)
                {
                    int? code = await worker.WaitAsync(TimeSpan.FromMinutes(5));
                    if (code != 0)
                    {
                        Console.WriteLine("a worker failed: " + worker.Log);
                    }

                    worker.Dispose();
                }

                long transactions = await TransactionsAsync(database) - before;
                FakeAidgeRequest[] submits = server.Requests.Where(r => r.IsSubmit).ToArray();
                DateTimeOffset[] paid = submits.Where(r => r.ResCode == AidgeResCodes.Success).Select(r => r.ReceivedAt).OrderBy(t => t).ToArray();
                int distinct = submits.Where(r => r.ResCode == AidgeResCodes.Success).Select(r => r.Body).Distinct().Count();
                TimeSpan span = paid[^1] - paid[0];
                double use = (paid.Length - 1) / (budget * (span / window));
                int refused = submits.Count(r => r.ResCode == AidgeResCodes.RateLimitExceeded);
                Console.WriteLine(
                    $"{perSecond} submits/s ({budget} per 2 s), 3 workers, {looks} looks: {paid.Length} paid ({distinct} distinct) in {clock.Elapsed.TotalSeconds:0.0} s; " +
                    $"{use:P1} of the budget used; {refused} answered 501 ({refused / (double)submits.Length:P2}); {transactions / (double)looks:0.0} database transactions per look");
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        private static async Task<long> TransactionsAsync(string database)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
            long count = (long)(await command.ExecuteScalarAsync())!;
            NpgsqlConnection.ClearPool(connection);
            return count;
        }

        // Permits taken one after another, each given back at once, under a budget far above what is asked: the cost of asking alone.
        private static async Task PermitsAsync(PostgresServer postgres, int count)
        {
            string database = await postgres.CreateDatabaseAsync();
            await using PostgreSqlSubmitBudget shared = await PostgreSqlSubmitBudget.OpenAsync(database, "https://bench.example", "key", new PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = 1_000_000, Window = TimeSpan.FromSeconds(1) });
            using var local = new SubmitPacer(TimeSpan.FromSeconds(1), 1_000_000, 10);
            foreach ((string name, ITryOnSubmitBudget budget) in new (string, ITryOnSubmitBudget)[] { ("in-process pacer", local), ("PostgreSQL", shared), ("in-process pacer", local), ("PostgreSQL", shared) })
            {
                var times = new double[count];
                for (int i = 0; i < count; i++)
                {
                    long started = Stopwatch.GetTimestamp();
                    ITryOnSubmitPermit permit = await budget.AcquireAsync();
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    await permit.ReleaseAsync(TryOnSubmitOutcome.NotSent);
                }

                Array.Sort(times);
                Console.WriteLine($"{name,-17} {count} permits: median {times[count / 2]:0.000} ms, p90 {times[count * 9 / 10]:0.000} ms, p99 {times[count * 99 / 100]:0.000} ms");
            }
        }
    }
}
