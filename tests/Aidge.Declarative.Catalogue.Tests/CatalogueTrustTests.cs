using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.Testing;
using Xunit;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>
    /// What a seller relies on: no result reported for the wrong look, the wrong key or the wrong server, and no look paid for twice
    /// whatever happens to the ledger. Each test is one way it went wrong before; what was paid is counted by the fake server.
    /// </summary>
    public sealed class CatalogueTrustTests
    {
        [Fact]
        public async Task A_ledger_filled_under_one_key_and_server_is_refused_for_another_before_anything_is_read_or_sent()
        {
            using var files = new TempLedger();
            await using FakeAidgeServer first = await StartServerAsync();
            using (TryOnClient client = NewClient(first))
            await using (SqliteTryOnLedger ledger = await files.OpenAsync())
            {
                await RunAsync(new TryOnCatalogueRun<CatalogueTop>(client, ledger, Options()), Looks(3));
            }

            // Another server (another service, by name), with another access key.
            var otherOptions = new FakeAidgeServerOptions { SubmittedFor = TimeSpan.FromMilliseconds(10), RunningFor = TimeSpan.FromMilliseconds(10) };
            otherOptions.Keys["key-b"] = "secret-b";
            await using FakeAidgeServer other = await FakeAidgeServer.StartAsync(otherOptions);
            using var otherClient = new TryOnClient(new AidgeCredential("key-b", "secret-b"), other.CreateClientOptions());
            await using SqliteTryOnLedger reopened = await files.OpenAsync();

            TryOnLedgerOwnerException refused = await Assert.ThrowsAsync<TryOnLedgerOwnerException>(
                () => RunAsync(new TryOnCatalogueRun<CatalogueTop>(otherClient, reopened, Options()), Looks(3)));

            Assert.Contains(first.ServiceName, refused.Message, StringComparison.Ordinal);
            Assert.Contains(other.ServiceName, refused.Message, StringComparison.Ordinal);
            Assert.Contains(FakeAidgeServerOptions.DefaultAccessKey, refused.Message, StringComparison.Ordinal);
            Assert.Contains("key-b", refused.Message, StringComparison.Ordinal);
            Assert.Equal(new TryOnLedgerOwner(first.ServiceName, FakeAidgeServerOptions.DefaultAccessKey), refused.Recorded);
            Assert.Empty(other.Requests);

            // The same key at another service is refused too, and so is a listing of its doubts.
            using var sameKeyElsewhere = new TryOnClient(first.Credential, other.CreateClientOptions());
            await Assert.ThrowsAsync<TryOnLedgerOwnerException>(() => RunAsync(new TryOnCatalogueRun<CatalogueTop>(sameKeyElsewhere, reopened, Options()), Looks(3)));
            await Assert.ThrowsAsync<TryOnLedgerOwnerException>(() => new TryOnCatalogueRun<CatalogueTop>(otherClient, reopened, Options()).GetInDoubtAsync());

            // Adopting names the owner taken over from: another name is still refused.
            TryOnCatalogueOptions wrongAdoption = Options();
            wrongAdoption.AdoptLedgerFrom = new TryOnLedgerOwner(first.ServiceName, "someone-else");
            TryOnLedgerOwnerException misnamed = await Assert.ThrowsAsync<TryOnLedgerOwnerException>(() => RunAsync(new TryOnCatalogueRun<CatalogueTop>(otherClient, reopened, wrongAdoption), Looks(3)));
            Assert.Contains("the owner named to take it over from", misnamed.Message, StringComparison.Ordinal);
            Assert.Empty(other.Requests);
        }

        [Fact]
        public async Task A_ledger_that_holds_no_look_is_nobodys_so_a_key_refused_at_once_leaves_it_to_the_next()
        {
            await using Rig rig = await Rig.StartAsync();

            // A key with a typo: the gateway refuses its first submit, the run halts, and the look is new again: nothing recorded.
            using var typo = new TryOnClient(new AidgeCredential("typo-key", "s"), new TryOnClientOptions { Endpoint = rig.Server.BaseAddress, ServiceName = rig.Client.ServiceName });
            AidgeException refused = await Assert.ThrowsAsync<AidgeException>(() => RunAsync(new TryOnCatalogueRun<CatalogueTop>(typo, rig.Ledger, Options()), Looks(2)));
            Assert.Equal(AidgeErrorKind.Gateway, refused.Kind);
            Assert.Null(rig.Ledger.Owner);

            // The right key takes the ledger as a new one; once it holds looks, it is that key's, and the typo's is refused.
            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(), Looks(2));
            Assert.All(items, item => Assert.Equal(TryOnLookState.Finished, item.State));
            Assert.Equal(rig.Owner, rig.Ledger.Owner);
            await rig.ReopenAsync();
            Assert.Equal(rig.Owner, rig.Ledger.Owner);
            await Assert.ThrowsAsync<TryOnLedgerOwnerException>(() => RunAsync(new TryOnCatalogueRun<CatalogueTop>(typo, rig.Ledger, Options()), Looks(2)));
        }

        [Fact]
        public async Task A_ledger_adopted_by_naming_its_owner_is_then_the_new_owners()
        {
            await using Rig rig = await Rig.StartAsync();
            await RunAsync(rig.Run(), Looks(3));
            var renewed = new TryOnLedgerOwner(rig.Client.ServiceName, "renewed-key");
            rig.Server.InjectFault(FakeAidgeFault.Error(AidgeResCodes.SystemError), FakeAidgeApi.Any, times: int.MaxValue);   // nothing may be asked

            // The same service under a renewed key of the same account: adopted, every look from the ledger.
            using var client = new TryOnClient(new AidgeCredential("renewed-key", "s"), new TryOnClientOptions { Endpoint = rig.Server.BaseAddress, ServiceName = rig.Client.ServiceName });
            TryOnCatalogueOptions adopt = Options();
            adopt.AdoptLedgerFrom = rig.Owner;
            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(new TryOnCatalogueRun<CatalogueTop>(client, rig.Ledger, adopt), Looks(3));

            Assert.All(items, item => Assert.True(item.FromLedger && item.State == TryOnLookState.Finished));
            Assert.Equal(renewed, rig.Ledger.Owner);
            await rig.ReopenAsync();
            Assert.Equal(renewed, rig.Ledger.Owner);   // recorded, not only remembered
            await Assert.ThrowsAsync<TryOnLedgerOwnerException>(() => RunAsync(rig.Run(), Looks(3)));   // and the old owner is now the other one
        }

        [Fact]
        public async Task A_fake_servers_ledger_is_never_taken_over_by_a_real_service_even_when_asked()
        {
            await using Rig rig = await Rig.StartAsync();
            await RunAsync(rig.Run(), Looks(2));

            // The same key, at an address that names no fake: "the real service", to the ledger.
            using var real = new TryOnClient(rig.Server.Credential, new TryOnClientOptions { Endpoint = rig.Server.BaseAddress });
            TryOnCatalogueOptions adopt = Options();
            adopt.AdoptLedgerFrom = rig.Ledger.Owner;
            TryOnLedgerOwnerException refused = await Assert.ThrowsAsync<TryOnLedgerOwnerException>(() => RunAsync(new TryOnCatalogueRun<CatalogueTop>(real, rig.Ledger, adopt), Looks(2)));

            Assert.Contains("a fake server's tasks and pictures are not the service's", refused.Message, StringComparison.Ordinal);
            Assert.True(refused.Recorded.IsFakeServer);
            Assert.Equal(rig.Owner, rig.Ledger.Owner);   // not taken over
        }

        [Fact]
        public async Task A_fake_server_is_the_same_service_across_restarts_on_its_task_log_and_no_other_is()
        {
            using var files = new TempLedger();
            string log = files.File("tasks.jsonl");
            string name;
            await using (FakeAidgeServer first = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { TaskLogPath = log }))
            {
                name = first.ServiceName;
                Assert.Equal(name, first.CreateClientOptions().ServiceName);
            }

            await using FakeAidgeServer again = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { TaskLogPath = log });
            await using FakeAidgeServer fresh = await FakeAidgeServer.StartAsync();
            await using FakeAidgeServer otherLog = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { TaskLogPath = files.File("other.jsonl") });
            Assert.Equal(name, again.ServiceName);
            Assert.NotEqual(name, fresh.ServiceName);
            Assert.NotEqual(name, otherLog.ServiceName);
            Assert.StartsWith("fake-aidge:", name, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_key_met_again_in_one_run_with_another_look_fails_with_its_reason_and_never_gets_the_first_looks_pictures()
        {
            await using Rig rig = await Rig.StartAsync();
            var first = new TryOnCatalogueLook<CatalogueTop>("SKU-1", new CatalogueTop(Url(1)));
            var other = new TryOnCatalogueLook<CatalogueTop>("sku-1", new CatalogueTop(Url(2)));   // the same key, another look
            var twin = new TryOnCatalogueLook<CatalogueTop>("SKU-1", new CatalogueTop(Url(1)));    // the same key, the same look

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(), new[] { first, other, twin });

            TryOnCatalogueItem<CatalogueTop> refused = Assert.Single(items, i => ReferenceEquals(i.Request, other.Request));
            Assert.Equal((TryOnLookState.Failed, AidgeErrorKind.InvalidInput), (refused.State, refused.Error!.Kind));
            Assert.Contains("another request", refused.Error.Message, StringComparison.Ordinal);
            Assert.Empty(refused.Pictures);
            Assert.Null(refused.TaskId);
            Assert.Equal(2, items.Count(i => i.State == TryOnLookState.Finished));
            Assert.All(items.Where(i => i.State == TryOnLookState.Finished), i => Assert.All(i.Pictures, p => Assert.Equal(Url(1), p.GarmentUrl)));
            Assert.Equal(1, PaidSubmitsByGarment(rig.Server)[Url(1)]);
            Assert.False(PaidSubmitsByGarment(rig.Server).ContainsKey(Url(2)));
        }

        [Fact]
        public async Task Keys_are_one_in_NFC_and_ignoring_case_and_a_key_that_cannot_be_recorded_fails_that_look_alone()
        {
            await using Rig rig = await Rig.StartAsync();
            TryOnCatalogueLook<CatalogueTop>[] looks =
            {
                new("caf\u00E9-1", new CatalogueTop(Url(1))),          // precomposed é
                new("cafe\u0301-1", new CatalogueTop(Url(1))),         // e and a combining accent: the same text
                new("CAF\u00C9-1", new CatalogueTop(Url(1))),          // and in upper case
                new("bad\uD800", new CatalogueTop(Url(2))),            // half a surrogate pair
                new(" SKU-3", new CatalogueTop(Url(3))),               // white space at an end
                new("SKU\n4", new CatalogueTop(Url(4))),               // a line break
                new(string.Empty, new CatalogueTop(Url(5))),
                new(new string('K', TryOnCatalogueKeys.MaxKeyLength + 1), new CatalogueTop(Url(6))),
                new("SKU-7", new CatalogueTop(Url(7))),
            };

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(), looks);

            Assert.Equal(looks.Length, items.Count);
            Assert.Equal(1, PaidSubmitsByGarment(rig.Server)[Url(1)]);
            Assert.Equal(3, items.Count(i => i.Request.Top == Url(1) && i.State == TryOnLookState.Finished));
            foreach (int bad in new[] { 2, 3, 4, 5, 6 })
            {
                TryOnCatalogueItem<CatalogueTop> item = Assert.Single(items, i => i.Request.Top == Url(bad));
                Assert.Equal((TryOnLookState.Failed, AidgeErrorKind.InvalidInput), (item.State, item.Error!.Kind));
                Assert.False(PaidSubmitsByGarment(rig.Server).ContainsKey(Url(bad)));
            }

            Assert.Equal(TryOnLookState.Finished, Assert.Single(items, i => i.Key == "SKU-7").State);
            Assert.Equal("CAFÉ-1", TryOnCatalogueKeys.Normalize("cafe\u0301-1"));
            Assert.NotNull(await rig.FindAsync("Caf\u00E9-1"));
        }

        [Fact]
        public async Task A_key_refused_inside_a_lazily_read_catalogue_does_not_stop_the_run()
        {
            await using Rig rig = await Rig.StartAsync();

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(), Lazily(Looks(3).Append(new TryOnCatalogueLook<CatalogueTop>(string.Empty, new CatalogueTop(Url(9)))).Concat(Looks(3, from: 3))));

            Assert.Equal(7, items.Count);
            Assert.Equal(6, items.Count(i => i.State == TryOnLookState.Finished));
            Assert.Equal(6, PaidSubmitsByGarment(rig.Server).Count);
        }

        [Fact]
        public async Task A_catalogue_that_throws_halts_the_run_but_every_look_already_paid_for_is_polled_to_its_end_and_reported()
        {
            await using Rig rig = await Rig.StartAsync();
            var items = new List<TryOnCatalogueItem<CatalogueTop>>();

            InvalidDataException thrown = await Assert.ThrowsAsync<InvalidDataException>(async () =>
            {
                await foreach (TryOnCatalogueItem<CatalogueTop> item in rig.Run().RunAsync(ThrowsAfter(Looks(3))))
                {
                    items.Add(item);
                }
            });

            Assert.Equal("the catalogue's fourth row", thrown.Message);
            Dictionary<string, int> paid = PaidSubmitsByGarment(rig.Server);
            Assert.Equal(paid.Count, items.Count);   // every look paid for is reported, with its pictures
            Assert.All(items, item => Assert.Equal(TryOnLookState.Finished, item.State));
        }

        [Fact]
        public async Task Two_runs_over_one_open_ledger_object_cannot_both_hold_it()
        {
            await using Rig rig = await Rig.StartAsync(submitsPerWindow: 10, window: TimeSpan.FromMilliseconds(500));
            Task<List<TryOnCatalogueItem<CatalogueTop>>> first = RunAsync(rig.Run(Options(10, TimeSpan.FromMilliseconds(500))), Looks(30));
            while (rig.Server.SubmitCount == 0 && !first.IsCompleted)
            {
                await Task.Delay(10);
            }

            IOException refused = await Assert.ThrowsAsync<IOException>(() => RunAsync(rig.Run(), Looks(30)));
            Assert.Contains("in use by another run", refused.Message, StringComparison.Ordinal);
            Assert.Equal(30, (await first).Count);
            Assert.Equal(30, PaidSubmitsByGarment(rig.Server).Count);
            Assert.All(PaidSubmitsByGarment(rig.Server).Values, count => Assert.Equal(1, count));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(6)]
        [InlineData(-1)]
        public async Task A_state_the_ledger_holds_that_this_version_does_not_know_is_in_doubt_never_a_new_submit(int state)
        {
            await using Rig rig = await Rig.StartAsync();
            await using var faulty = new FaultyLedger(rig.Ledger) { OnFind = (_, found) => found ?? new TryOnLedgerEntry("SKU-1", TryOnCatalogueKeys.Fingerprint(Look(1).Request), (TryOnLedgerState)state) };

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(new TryOnCatalogueRun<CatalogueTop>(rig.Client, faulty, Options()), new[] { Look(1) });

            TryOnCatalogueItem<CatalogueTop> item = Assert.Single(items);
            Assert.Equal(TryOnLookState.InDoubt, item.State);
            Assert.Contains("does not know", item.Error!.Message, StringComparison.Ordinal);
            Assert.Empty(PaidSubmitsByGarment(rig.Server));
        }

        [Fact]
        public async Task A_look_recorded_submitted_without_a_task_id_is_in_doubt_and_the_run_goes_on()
        {
            await using Rig rig = await Rig.StartAsync();
            // What a ledger of someone else's making might hand back: Submitted, and no task id to poll.
            var broken = new TryOnLedgerEntry("SKU-1", TryOnCatalogueKeys.Fingerprint(Look(1).Request), TryOnLedgerState.Submitted, taskId: null);
            await using var faulty = new FaultyLedger(rig.Ledger) { OnFind = (key, found) => key == "SKU-1" ? broken : found };

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(new TryOnCatalogueRun<CatalogueTop>(rig.Client, faulty, Options()), new[] { Look(1), Look(2) });

            Assert.Equal(2, items.Count);
            Assert.Equal(TryOnLookState.InDoubt, Assert.Single(items, i => i.Key == "SKU-1").State);
            Assert.False(PaidSubmitsByGarment(rig.Server).ContainsKey(Url(1)));
            Assert.Equal(TryOnLookState.Finished, Assert.Single(items, i => i.Key == "SKU-2").State);
        }

        [Fact]
        public async Task A_connection_reset_while_it_is_made_is_not_sent_and_a_service_out_of_reach_halts_the_run_with_its_looks_new_again()
        {
            using var reset = new ResettingListener();
            using var files = new TempLedger();
            using var client = new TryOnClient(new AidgeCredential("key", "secret"), new TryOnClientOptions
            {
                Endpoint = reset.Address, MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            });

            // The client: always a typed failure, where a raw SocketException escaped before; whether the request was on its way when the
            // reset came depends on timing, and a reset while the connection is made says nothing was sent.
            var outcomes = new List<bool>();
            for (int i = 0; i < 20; i++)
            {
                AidgeException failure = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new CatalogueTop(Url(1))));
                Assert.Equal(AidgeErrorKind.Transport, failure.Kind);
                outcomes.Add(failure.MayHaveCreatedTask);
            }

            Assert.Contains(false, outcomes);

            // The catalogue: a submit that certainly never left (the service out of reach, after the client's retries) halts the run
            // with the reason rather than fail every look in turn, and leaves its look new; one that may have been sent is in doubt,
            // and recorded so. No look is left submitting either way.
            await using (SqliteTryOnLedger ledger = await files.OpenAsync())
            {
                List<TryOnCatalogueItem<CatalogueTop>> items = new();
                AidgeException? halted = null;
                try
                {
                    items = await RunAsync(new TryOnCatalogueRun<CatalogueTop>(client, ledger, Options()), Looks(3));
                    Assert.Equal(3, items.Count);
                }
                catch (AidgeException exception)
                {
                    halted = exception;
                    Assert.Equal(AidgeErrorKind.Transport, halted.Kind);
                    Assert.False(halted.MayHaveCreatedTask);
                }

                foreach (TryOnCatalogueItem<CatalogueTop> item in items)
                {
                    Assert.Equal((TryOnLookState.InDoubt, AidgeErrorKind.Transport), (item.State, item.Error!.Kind));
                }

                for (int i = 0; i < 3; i++)
                {
                    TryOnLedgerEntry? entry = await FindAsync(ledger, Look(i).Key);
                    Assert.True(entry is null || entry.State == TryOnLedgerState.InDoubt, "a look left " + entry?.State);
                }
            }

            // Nothing listening at all: the first look's submit halts the run, and every look is as it was, new, for the next run.
            using var nowhere = new TryOnClient(new AidgeCredential("key", "secret"), new TryOnClientOptions
            {
                Endpoint = new Uri("http://127.0.0.1:" + FreePort() + "/"), MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            });
            using var others = new TempLedger();
            await using SqliteTryOnLedger empty = await others.OpenAsync();
            AidgeException outOfReach = await Assert.ThrowsAsync<AidgeException>(() => RunAsync(new TryOnCatalogueRun<CatalogueTop>(nowhere, empty, Options()), Looks(5)));
            Assert.Equal(AidgeErrorKind.Transport, outOfReach.Kind);
            Assert.False(outOfReach.MayHaveCreatedTask);
            for (int i = 0; i < 5; i++)
            {
                Assert.Null(await FindAsync(empty, Look(i).Key));
            }
        }

        // A loopback port nothing listens on: taken from the system, then let go.
        private static int FreePort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        [Fact]
        public async Task A_ledger_write_that_fails_after_a_paid_submit_keeps_the_task_id_in_the_item_and_the_log_and_halts()
        {
            await using Rig rig = await Rig.StartAsync();
            var log = new LogCapture();
            await using var faulty = new FaultyLedger(rig.Ledger)
            {
                OnWrite = entry =>
                {
                    if (entry.State == TryOnLedgerState.Submitted)
                    {
                        throw new IOException("disk full");
                    }
                },
            };
            TryOnCatalogueOptions options = Options();
            options.MaxTasksInFlight = 1;
            var items = new List<TryOnCatalogueItem<CatalogueTop>>();

            IOException halted = await Assert.ThrowsAsync<IOException>(async () =>
            {
                await foreach (TryOnCatalogueItem<CatalogueTop> item in new TryOnCatalogueRun<CatalogueTop>(rig.Client, faulty, options, log.For<TryOnCatalogueRun<CatalogueTop>>()).RunAsync(Looks(5)))
                {
                    items.Add(item);
                }
            });

            Assert.Equal("disk full", halted.Message);
            TryOnCatalogueItem<CatalogueTop> paid = Assert.Single(items);
            Assert.Equal(TryOnLookState.InDoubt, paid.State);
            Assert.NotNull(paid.TaskId);
            Assert.Contains(paid.TaskId!, paid.Error!.Message, StringComparison.Ordinal);
            Assert.Contains(log.Lines, line => line.StartsWith("Critical:", StringComparison.Ordinal) && line.Contains(paid.TaskId!, StringComparison.Ordinal));
            Assert.Single(PaidSubmitsByGarment(rig.Server));   // halted: nothing more was paid for
            Assert.Equal(10, faulty.Writes - 1);                 // the Submitting record, then the task id tried ten times

            // The way out: attach the task id that was logged; the next run polls it and pays nothing more.
            TryOnCatalogueRun<CatalogueTop> next = rig.Run();
            Assert.Equal(TryOnLedgerState.Submitting, Assert.Single(await next.GetInDoubtAsync()).State);
            await next.AttachTaskIdAsync(paid.Key, paid.TaskId!);
            List<TryOnCatalogueItem<CatalogueTop>> after = await RunAsync(next, Looks(1));
            Assert.Equal((TryOnLookState.Finished, paid.TaskId), (after[0].State, after[0].TaskId));
            Assert.Single(PaidSubmitsByGarment(rig.Server));
        }

        [Fact]
        public async Task A_ledger_write_that_fails_for_a_moment_is_tried_again()
        {
            await using Rig rig = await Rig.StartAsync();
            int failures = 0;
            await using var faulty = new FaultyLedger(rig.Ledger)
            {
                OnWrite = entry =>
                {
                    if (entry.State == TryOnLedgerState.Submitted && Interlocked.Increment(ref failures) <= 2)
                    {
                        throw new IOException("disk full, for a moment");
                    }
                },
            };

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(new TryOnCatalogueRun<CatalogueTop>(rig.Client, faulty, Options()), Looks(3));

            Assert.All(items, item => Assert.Equal(TryOnLookState.Finished, item.State));
            Assert.Equal(3, PaidSubmitsByGarment(rig.Server).Count);
        }

        [Fact]
        public async Task A_look_answered_501_goes_back_in_line_without_asking_the_ledger_to_forget_it()
        {
            // A forget that fails after a 501 used to leave a look never sent in doubt forever: the run no longer needs one.
            await using Rig rig = await Rig.StartAsync();
            await using var faulty = new FaultyLedger(rig.Ledger) { OnForget = _ => throw new IOException("disk full") };
            rig.Server.InjectFault(FakeAidgeFault.Error(AidgeResCodes.RateLimitExceeded, "rate limit exceeded"), FakeAidgeApi.Submit, times: 3);
            TryOnCatalogueOptions options = Options();
            options.MaxTasksInFlight = 1;

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(new TryOnCatalogueRun<CatalogueTop>(rig.Client, faulty, options), Looks(2));

            Assert.All(items, item => Assert.Equal(TryOnLookState.Finished, item.State));
            Assert.Equal(0, faulty.Forgets);
            Assert.Equal(3, rig.Server.Requests.Count(r => r.IsSubmit && r.ResCode == AidgeResCodes.RateLimitExceeded));
        }

        [Fact]
        public async Task A_task_past_its_timeout_is_still_running_with_its_task_id_and_a_later_run_asks_about_it_once()
        {
            await using Rig rig = await Rig.StartAsync();
            rig.Server.InjectFault(FakeAidgeFault.TaskNeverEnds(), FakeAidgeApi.Submit);
            TryOnCatalogueOptions options = Options();
            options.TaskTimeout = TimeSpan.FromMilliseconds(400);

            TryOnCatalogueItem<CatalogueTop> item = Assert.Single(await RunAsync(rig.Run(options), Looks(1)));

            Assert.Equal(TryOnLookState.StillRunning, item.State);
            Assert.NotNull(item.TaskId);
            Assert.Contains("paid for", item.Error!.Message, StringComparison.Ordinal);
            Assert.Equal((TryOnLedgerState.Submitted, item.TaskId), ((await rig.FindAsync("SKU-0"))!.State, (await rig.FindAsync("SKU-0"))!.TaskId));

            // The next run is past the task's timeout already (it counts from the submit): one query, then still running.
            int queries = rig.Server.Requests.Count(r => r.IsQuery);
            options.TaskTimeout = TimeSpan.FromMilliseconds(1);
            TryOnCatalogueItem<CatalogueTop> again = Assert.Single(await RunAsync(rig.Run(options), Looks(1)));
            Assert.Equal((TryOnLookState.StillRunning, item.TaskId), (again.State, again.TaskId));
            Assert.Equal(queries + 1, rig.Server.Requests.Count(r => r.IsQuery));
            Assert.Equal(1, rig.Server.SubmitCount);
        }

        [Fact]
        public async Task Looks_in_doubt_are_listed_with_when_they_were_sent_and_only_those_chosen_are_resubmitted()
        {
            await using Rig rig = await Rig.StartAsync();
            TryOnCatalogueOptions options = Options();
            options.MaxTasksInFlight = 1;
            rig.Server.InjectFault(FakeAidgeFault.Error(AidgeResCodes.SystemError, "system error"), FakeAidgeApi.Submit, times: 2);
            await RunAsync(rig.Run(options), Looks(3));

            IReadOnlyList<TryOnLedgerEntry> doubts = await rig.Run().GetInDoubtAsync();
            Assert.Equal(new[] { "SKU-0", "SKU-1" }, doubts.Select(d => d.Key));
            Assert.All(doubts, d =>
            {
                Assert.NotNull(d.SubmittedAt);
                Assert.StartsWith("fake", d.Error!.RequestId, StringComparison.Ordinal);   // the fake's request id of the 500
                Assert.Equal(AidgeErrorKind.ServiceFault, d.Error.Kind);
            });

            TryOnCatalogueOptions resubmitOne = Options();
            resubmitOne.ResubmitInDoubtKeys = new[] { "sku-1" };   // a key as the catalogue gives it
            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(resubmitOne), Looks(3));

            Assert.Equal(TryOnLookState.InDoubt, Assert.Single(items, i => i.Key == "SKU-0").State);
            Assert.Equal(TryOnLookState.Finished, Assert.Single(items, i => i.Key == "SKU-1").State);
            Assert.Equal(2, rig.Server.Requests.Count(r => r.IsSubmit && r.Body.Contains("sku-00001", StringComparison.Ordinal)));   // paid twice, as asked
            Assert.Equal(1, rig.Server.Requests.Count(r => r.IsSubmit && r.Body.Contains("sku-00000", StringComparison.Ordinal)));
            Assert.Equal(new[] { "SKU-0" }, (await rig.Run().GetInDoubtAsync()).Select(d => d.Key));
        }

        [Fact]
        public async Task A_task_id_attached_to_a_look_in_doubt_is_checked_polled_and_never_reports_another_looks_pictures()
        {
            await using Rig rig = await Rig.StartAsync();
            TryOnCatalogueOptions options = Options();
            options.MaxTasksInFlight = 1;

            // Two looks whose submits made tasks whose answers were lost: the console shows both task ids.
            rig.Server.InjectFault(FakeAidgeFault.TruncatedBody(), FakeAidgeApi.Submit, times: 2);
            await RunAsync(rig.Run(options), Looks(2));
            string[] made = rig.Server.Requests.Where(r => r.IsSubmit).Select(r => r.Body).ToArray();
            Assert.Equal(2, made.Length);
            TryOnOperation second = await rig.Client.SubmitAsync(new CatalogueTop(Url(50)));   // another look's task, for the wrong attachment

            TryOnCatalogueRun<CatalogueTop> run = rig.Run();
            await Assert.ThrowsAsync<ArgumentException>(() => run.AttachTaskIdAsync("SKU-0", "not a task id"));
            AidgeException unknown = await Assert.ThrowsAsync<AidgeException>(() => run.AttachTaskIdAsync("SKU-0", "00000000-0000-4000-8000-000000000000"));
            Assert.Equal(AidgeErrorKind.InvalidInput, unknown.Kind);
            await Assert.ThrowsAsync<InvalidOperationException>(() => run.AttachTaskIdAsync("SKU-9", second.TaskId));   // no such look
            Assert.Equal(2, (await run.GetInDoubtAsync()).Count);                                                           // nothing recorded

            // The right task for SKU-0 (the fake numbers its tasks: the first and second submits), and another look's for SKU-1.
            string firstTask = Assert.Single(rig.Server.TaskIdsFor(Url(0)));
            await run.AttachTaskIdAsync("SKU-0", firstTask);
            await run.AttachTaskIdAsync("SKU-1", second.TaskId);
            await Assert.ThrowsAsync<InvalidOperationException>(() => run.AttachTaskIdAsync("SKU-0", firstTask));   // not in doubt any more

            int submits = rig.Server.SubmitCount;
            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(run, Looks(2));

            Assert.Equal(submits, rig.Server.SubmitCount);   // nothing paid
            TryOnCatalogueItem<CatalogueTop> mended = Assert.Single(items, i => i.Key == "SKU-0");
            Assert.Equal((TryOnLookState.Finished, firstTask), (mended.State, mended.TaskId));
            Assert.All(mended.Pictures, p => Assert.Equal(Url(0), p.GarmentUrl));
            TryOnCatalogueItem<CatalogueTop> wrong = Assert.Single(items, i => i.Key == "SKU-1");
            Assert.Equal((TryOnLookState.InDoubt, AidgeErrorKind.InvalidResponse), (wrong.State, wrong.Error!.Kind));
            Assert.Empty(wrong.Pictures);
            Assert.Contains("another look's task", wrong.Error.Message, StringComparison.Ordinal);

            // A task the ledger records for another look is refused at once, whatever its pictures would show (a suit's task names
            // one garment per picture: a look of its top alone would pass the garment check).
            InvalidOperationException taken = await Assert.ThrowsAsync<InvalidOperationException>(() => run.AttachTaskIdAsync("SKU-1", firstTask));
            Assert.Contains("is recorded for the look 'SKU-0'", taken.Message, StringComparison.Ordinal);
            Assert.Equal(new[] { "SKU-1" }, (await run.GetInDoubtAsync()).Select(d => d.Key));

            // A wrong attachment can be mended: the look is still in doubt, and takes its own task id.
            string secondTask = Assert.Single(rig.Server.TaskIdsFor(Url(1)));
            await run.AttachTaskIdAsync("SKU-1", secondTask);
            TryOnCatalogueItem<CatalogueTop> right = Assert.Single(await RunAsync(run, new[] { Look(1) }));
            Assert.Equal((TryOnLookState.Finished, secondTask), (right.State, right.TaskId));
            Assert.Equal(submits, rig.Server.SubmitCount);
        }

        private static async IAsyncEnumerable<TryOnCatalogueLook<CatalogueTop>> Lazily(IEnumerable<TryOnCatalogueLook<CatalogueTop>> looks)
        {
            foreach (TryOnCatalogueLook<CatalogueTop> look in looks)
            {
                await Task.Yield();
                yield return look;
            }
        }

        private static async IAsyncEnumerable<TryOnCatalogueLook<CatalogueTop>> ThrowsAfter(IEnumerable<TryOnCatalogueLook<CatalogueTop>> looks, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (TryOnCatalogueLook<CatalogueTop> look in looks)
            {
                yield return look;
            }

            await Task.Delay(50, cancellationToken);
            throw new InvalidDataException("the catalogue's fourth row");
        }

        /// <summary>A server that takes each connection and resets it at once, as a proxy whose backend is down does.</summary>
        private sealed class ResettingListener : IDisposable
        {
            private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
            private readonly CancellationTokenSource _stop = new();

            public ResettingListener()
            {
                _listener.Start();
                Address = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port);
                _ = AcceptAsync();
            }

            public Uri Address { get; }

            public void Dispose()
            {
                _stop.Cancel();
                _listener.Stop();
                _stop.Dispose();
            }

            private async Task AcceptAsync()
            {
                try
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        using Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                        socket.LingerState = new LingerOption(true, 0);   // a close that sends RST
                        socket.Close();
                    }
                }
                catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                }
            }
        }
    }
}
