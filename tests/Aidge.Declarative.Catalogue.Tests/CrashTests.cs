using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.Testing;
using Xunit;
using Xunit.Abstractions;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>
    /// The catalogue sample as a seller runs it, killed with SIGKILL at ten random moments and started again each time, against a
    /// fake server that lives in this process and so outlives every kill: it counts what was paid for, per look.
    /// </summary>
    public sealed class CrashTests
    {
        private const int LookCount = 300;
        private const int Kills = 10;
        private readonly ITestOutputHelper _output;

        public CrashTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public async Task Killed_ten_times_and_restarted_no_look_is_paid_twice_or_lost_and_every_doubt_is_reported()
        {
            await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions
            {
                SubmittedFor = TimeSpan.FromMilliseconds(100),
                RunningFor = TimeSpan.FromMilliseconds(200),
                SubmitsPerWindow = 20,
                RateLimitWindow = TimeSpan.FromSeconds(1),
            });

            // Every submit makes its task at once and answers 150 ms later, as a real one takes its time: a kill often lands
            // between the service taking payment and the run learning the task id.
            server.InjectFault(FakeAidgeFault.SlowAnswer(TimeSpan.FromMilliseconds(150)), FakeAidgeApi.Submit, times: int.MaxValue);
            using var files = new TempLedger();
            string catalogue = files.File("catalogue.csv");
            await File.WriteAllLinesAsync(catalogue, new[] { "sku,top,bottom,pictures" }.Concat(Enumerable.Range(0, LookCount).Select(i => "SKU-" + i + "," + Url(i) + ",,")));

            var random = new Random(Environment.TickCount);
            for (int kill = 0; kill < Kills; kill++)
            {
                // Bounded: long enough to be past start-up and submitting, short enough that the catalogue is not done.
                TimeSpan after = TimeSpan.FromMilliseconds(random.Next(600, 1800));
                (int? exitCode, string log) = await RunSampleAsync(server, catalogue, files, killAfter: after);
                _output.WriteLine($"life {kill + 1}: killed after {after.TotalMilliseconds} ms; {PaidSubmitsByGarment(server).Count} looks paid for so far");
                Assert.True(exitCode is null, "Life " + (kill + 1) + " ended by itself before its kill: " + log);
            }

            (int? finalCode, string finalLog) = await RunSampleAsync(server, catalogue, files, killAfter: null);
            Assert.True(finalCode == 0, finalLog);

            // What the last life reports: every look, once, ended.
            Dictionary<string, string> states = ReadStates(files.File("catalogue.looks.csv"));
            Assert.Equal(LookCount, states.Count);
            Assert.All(states.Values, state => Assert.Contains(state, new[] { "Finished", "InDoubt" }));

            // What the server saw: no look paid for twice; every look paid for once unless it is in doubt.
            Dictionary<string, int> paid = PaidSubmitsByGarment(server);
            Assert.All(paid, pair => Assert.True(pair.Value == 1, pair.Key + " was paid for " + pair.Value + " times"));
            for (int i = 0; i < LookCount; i++)
            {
                string state = states["SKU-" + i];
                if (state == "Finished")
                {
                    Assert.True(paid.ContainsKey(Url(i)), "SKU-" + i + " finished without a paid submit");
                }
            }

            // A look the server took payment for with no task id recorded is reported in doubt, not lost.
            int inDoubt = states.Values.Count(s => s == "InDoubt");
            int paidInDoubt = Enumerable.Range(0, LookCount).Count(i => states["SKU-" + i] == "InDoubt" && paid.ContainsKey(Url(i)));
            _output.WriteLine($"{paid.Count} looks paid for, each once; {inDoubt} in doubt ({paidInDoubt} of them paid for, {inDoubt - paidInDoubt} never sent); {LookCount - inDoubt} finished");

            // The ledger agrees with what was reported: nothing left submitting or running, every doubt recorded as one.
            await using SqliteTryOnLedger ledger = await files.OpenAsync();
            for (int i = 0; i < LookCount; i++)
            {
                TryOnLedgerEntry entry = (await FindAsync(ledger, "SKU-" + i))!;
                Assert.Equal(states["SKU-" + i], entry.State.ToString());
            }
        }

        private static async Task<(int? ExitCode, string Log)> RunSampleAsync(FakeAidgeServer server, string catalogue, TempLedger files, TimeSpan? killAfter)
        {
            using SampleProcess sample = SampleProcess.Start(
                Path.GetDirectoryName(catalogue)!,
                SampleProcess.CallingServer(server),
                catalogue, "--ledger", files.Path, "--out", files.File("catalogue.looks.csv"), "--budget", "20", "--window", "1");
            int? exitCode = await sample.WaitAsync(killAfter ?? TimeSpan.FromMinutes(3));
            Assert.True(exitCode is not null || killAfter is not null, "The last life did not end within 3 minutes:\n" + sample.Log);
            return (exitCode, sample.Log);
        }

        private static Dictionary<string, string> ReadStates(string path)
        {
            var states = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in File.ReadLines(path).Skip(1))
            {
                // sku,line,state,task_id,picture_url,...: the first five cells hold no comma (only the error, last, may be quoted).
                string[] cells = line.Split(',');
                Assert.True(cells[2] != "Finished" || (Uri.TryCreate(cells[4], UriKind.Absolute, out Uri? picture) && picture.Scheme is "https" or "http"), "A finished look without its picture: " + line);
                if (states.TryGetValue(cells[0], out string? seen))
                {
                    Assert.Equal(seen, cells[2]);   // one look, one state, over all its picture rows
                }

                states[cells[0]] = cells[2];
            }

            return states;
        }
    }
}
