using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.Testing;
using Xunit;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>A catalogue run against the fake server over real HTTP: every look once, paid for once, resumable from its rig.Ledger.</summary>
    public sealed class CatalogueRunTests
    {
        [Fact]
        public async Task Every_look_ends_with_its_own_pictures_and_is_paid_for_once()
        {
            await using Rig rig = await Rig.StartAsync();
            var progress = new ProgressLog();
            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(), Looks(30), progress);
            await rig.ReopenAsync();
            IReadOnlyDictionary<TryOnLedgerState, int> counts = await rig.Ledger.CountAsync();
            Assert.Equal(30, counts[TryOnLedgerState.Finished]);
            Assert.Single(counts);

            Assert.Equal(Enumerable.Range(0, 30).Select(i => "SKU-" + i).OrderBy(k => k), items.Select(i => i.Key).OrderBy(k => k));
            Assert.All(items, item =>
            {
                Assert.Equal(TryOnLookState.Finished, item.State);
                Assert.Null(item.Error);
                Assert.False(item.FromLedger);
                Assert.NotNull(item.TaskId);
                Assert.Equal(4, item.Pictures.Count);
                Assert.All(item.Pictures, picture => Assert.Equal(item.Request.Top, picture.GarmentUrl));
            });
            Dictionary<string, int> paid = PaidSubmitsByGarment(rig.Server);
            Assert.Equal(30, paid.Count);
            Assert.All(paid.Values, count => Assert.Equal(1, count));

            TryOnCatalogueProgress last = progress.Reports[^1];
            Assert.Equal((30, 30, 0, 0, 30, 0), (last.Read, last.Finished, last.Failed, last.InDoubt, last.Submits, last.RateLimited));
            Assert.Equal(0, last.Running + last.Waiting);
        }

        [Fact]
        public async Task A_second_run_pays_for_nothing_and_reports_every_look_from_the_ledger()
        {
            await using Rig rig = await Rig.StartAsync();
            await RunAsync(rig.Run(), Looks(12));
            await rig.ReopenAsync();   // as the next process would

            int callsBefore = rig.Server.Requests.Count;
            List<TryOnCatalogueItem<CatalogueTop>> again = await RunAsync(rig.Run(), Looks(12));

            Assert.Equal(callsBefore, rig.Server.Requests.Count);   // not a submit, not even a query
            Assert.Equal(12, again.Count);
            Assert.All(again, item =>
            {
                Assert.True(item.FromLedger);
                Assert.Equal(TryOnLookState.Finished, item.State);
                Assert.Equal(4, item.Pictures.Count);
                Assert.All(item.Pictures, picture => Assert.Equal(item.Request.Top, picture.GarmentUrl));
            });
        }

        [Fact]
        public async Task A_look_recorded_as_submitting_is_in_doubt_and_never_submitted_again_unless_asked()
        {
            await using Rig rig = await Rig.StartAsync();
            TryOnCatalogueLook<CatalogueTop> crashed = Look(1);

            // What a process killed between recording the submit and recording its answer leaves behind.
            await rig.SaveAsync(new TryOnLedgerEntry(crashed.Key, TryOnCatalogueKeys.Fingerprint(crashed.Request), TryOnLedgerState.Submitting));
            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(), Looks(3));

            TryOnCatalogueItem<CatalogueTop> doubt = Assert.Single(items, i => i.Key == crashed.Key);
            Assert.Equal(TryOnLookState.InDoubt, doubt.State);
            Assert.Contains("may have been paid for", doubt.Error!.Message, StringComparison.Ordinal);
            Assert.Equal(TryOnLedgerState.InDoubt, (await rig.FindAsync(crashed.Key))!.State);
            Assert.Equal(2, items.Count(i => i.State == TryOnLookState.Finished));
            Assert.False(PaidSubmitsByGarment(rig.Server).ContainsKey(crashed.Request.Top));

            // Reported again by the next run, still not paid for.
            items = await RunAsync(rig.Run(), Looks(3));
            Assert.Equal(TryOnLookState.InDoubt, Assert.Single(items, i => i.Key == crashed.Key).State);
            Assert.False(PaidSubmitsByGarment(rig.Server).ContainsKey(crashed.Request.Top));

            // Only when the user accepts paying twice.
            TryOnCatalogueOptions resubmit = Options();
            resubmit.ResubmitInDoubt = true;
            items = await RunAsync(rig.Run(resubmit), Looks(3));
            Assert.Equal(TryOnLookState.Finished, Assert.Single(items, i => i.Key == crashed.Key).State);
            Assert.Equal(1, PaidSubmitsByGarment(rig.Server)[crashed.Request.Top]);
        }

        [Fact]
        public async Task A_look_with_a_task_id_is_polled_again_not_submitted()
        {
            await using Rig rig = await Rig.StartAsync();
            TryOnCatalogueLook<CatalogueTop> look = Look(7);
            TryOnOperation earlier = await rig.Client.SubmitAsync(look.Request);   // the submit of a run that died before the task ended
            await rig.SaveAsync(new TryOnLedgerEntry(look.Key, TryOnCatalogueKeys.Fingerprint(look.Request), TryOnLedgerState.Submitted, earlier.TaskId, updatedAt: DateTimeOffset.UtcNow));

            TryOnCatalogueItem<CatalogueTop> item = Assert.Single(await RunAsync(rig.Run(), new[] { look }));

            Assert.Equal(TryOnLookState.Finished, item.State);
            Assert.Equal(earlier.TaskId, item.TaskId);
            Assert.Equal(4, item.Pictures.Count);
            Assert.Equal(1, PaidSubmitsByGarment(rig.Server)[look.Request.Top]);
            Assert.Equal(TryOnLedgerState.Finished, (await rig.FindAsync(look.Key))!.State);
        }

        [Fact]
        public async Task Bad_input_ends_that_look_with_its_typed_reason_and_the_run_goes_on()
        {
            await using Rig rig = await Rig.StartAsync();
            var looks = Looks(6).ToList();
            looks.Insert(2, new TryOnCatalogueLook<CatalogueTop>("BAD-COUNT", new CatalogueTop(Url(100), Pictures: 12)));
            looks.Insert(4, new TryOnCatalogueLook<CatalogueTop>("BAD-URL", new CatalogueTop("ftp://shop.example/x.jpg")));

            // The service refuses one look's image (701): it ends Failed with that code; the rest go on.
            rig.Server.InjectFault(FakeAidgeFault.Error(AidgeResCodes.ImageDownloadFailed, "image download failed"), FakeAidgeApi.Submit);
            TryOnCatalogueOptions options = Options();
            options.MaxTasksInFlight = 1;   // one at a time, so that the fault meets the first look
            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(options), looks);

            Assert.Equal(8, items.Count);
            TryOnCatalogueItem<CatalogueTop> refused = Assert.Single(items, i => i.Key == "SKU-0");
            Assert.Equal((TryOnLookState.Failed, AidgeErrorKind.ImageProblem, AidgeResCodes.ImageDownloadFailed), (refused.State, refused.Error!.Kind, refused.Error.ResCode));
            Assert.Equal(TryOnLedgerState.Failed, (await rig.FindAsync("SKU-0"))!.State);

            foreach (string key in new[] { "BAD-COUNT", "BAD-URL" })
            {
                TryOnCatalogueItem<CatalogueTop> invalid = Assert.Single(items, i => i.Key == key);
                Assert.Equal(TryOnLookState.Failed, invalid.State);
                Assert.Equal(AidgeErrorKind.InvalidInput, invalid.Error!.Kind);
                Assert.IsType<TryOnValidationException>(invalid.Error.Exception);
                Assert.Null(await rig.FindAsync(key));   // nothing sent, nothing recorded: a mended look goes next run
            }

            Assert.Equal(5, items.Count(i => i.State == TryOnLookState.Finished));
            Assert.False(PaidSubmitsByGarment(rig.Server).ContainsKey(Url(100)));
        }

        [Fact]
        public async Task A_submit_that_may_have_run_is_in_doubt_not_retried()
        {
            await using Rig rig = await Rig.StartAsync();
            TryOnCatalogueOptions options = Options();
            options.MaxTasksInFlight = 1;
            rig.Server.InjectFault(FakeAidgeFault.Error(AidgeResCodes.SystemError, "system error"), FakeAidgeApi.Submit);
            rig.Server.InjectFault(FakeAidgeFault.DropConnection(), FakeAidgeApi.Submit);

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(options), Looks(4));

            TryOnCatalogueItem<CatalogueTop>[] doubts = items.Where(i => i.State == TryOnLookState.InDoubt).OrderBy(i => i.Key).ToArray();
            Assert.Equal(new[] { "SKU-0", "SKU-1" }, doubts.Select(i => i.Key));
            Assert.Equal(AidgeErrorKind.ServiceFault, doubts[0].Error!.Kind);
            Assert.Equal(AidgeErrorKind.Transport, doubts[1].Error!.Kind);
            foreach (string sku in new[] { "sku-00000.jpg", "sku-00001.jpg" })
            {
                Assert.Equal(1, rig.Server.Requests.Count(r => r.IsSubmit && r.Body.Contains(sku, StringComparison.Ordinal)));   // sent once, never again
            }

            Assert.Equal(TryOnLedgerState.InDoubt, (await rig.FindAsync("SKU-0"))!.State);
            Assert.Equal(TryOnLedgerState.InDoubt, (await rig.FindAsync("SKU-1"))!.State);
            Assert.Equal(2, items.Count(i => i.State == TryOnLookState.Finished));
        }

        [Fact]
        public async Task Answers_of_501_lower_the_rate_to_what_the_service_allows_and_no_look_is_lost()
        {
            // The run is told 20 per window; the key allows 4 (another process shares it, say).
            await using Rig rig = await Rig.StartAsync(submitsPerWindow: 4, window: TimeSpan.FromMilliseconds(500));
            var progress = new ProgressLog();

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(
                rig.Run(Options(submitsPerWindow: 20, window: TimeSpan.FromMilliseconds(500))), Looks(24), progress);

            Assert.All(items, item => Assert.Equal(TryOnLookState.Finished, item.State));
            Assert.Equal(24, items.Count);
            Assert.All(PaidSubmitsByGarment(rig.Server).Values, count => Assert.Equal(1, count));
            int refused = rig.Server.Requests.Count(r => r.IsSubmit && r.ResCode == AidgeResCodes.RateLimitExceeded);
            TryOnCatalogueProgress last = progress.Reports[^1];
            Assert.Equal(refused, last.RateLimited);
            Assert.InRange(refused, 1, 12);
            Assert.InRange(last.SubmitsPerWindow, 1, 4);
        }

        [Fact]
        public async Task A_budget_not_given_is_learned()
        {
            await using Rig rig = await Rig.StartAsync(submitsPerWindow: 6, window: TimeSpan.FromMilliseconds(400));
            var progress = new ProgressLog();

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(
                rig.Run(Options(submitsPerWindow: null, window: TimeSpan.FromMilliseconds(400))), Looks(40), progress);

            Assert.All(items, item => Assert.Equal(TryOnLookState.Finished, item.State));
            Assert.All(PaidSubmitsByGarment(rig.Server).Values, count => Assert.Equal(1, count));
            TryOnCatalogueProgress last = progress.Reports[^1];
            Assert.False(last.BudgetKnown);
            Assert.Contains(progress.Reports, report => report.SubmitsPerWindow > 1);   // it grew from 1
            Assert.InRange(last.SubmitsPerWindow, 1, 6);                                  // and never stayed above the key's budget
        }

        [Fact]
        public async Task A_failure_every_call_would_meet_stops_the_run_after_draining_and_is_thrown()
        {
            await using Rig rig = await Rig.StartAsync();
            TryOnCatalogueOptions options = Options();
            options.MaxTasksInFlight = 1;
            rig.Server.InjectFault(FakeAidgeFault.Error(AidgeResCodes.SystemError, AidgeResCodes.QuotaExhaustedMessagePrefix + "."), FakeAidgeApi.Submit);
            var items = new List<TryOnCatalogueItem<CatalogueTop>>();

            AidgeException stopped = await Assert.ThrowsAsync<AidgeException>(async () =>
            {
                await foreach (TryOnCatalogueItem<CatalogueTop> item in rig.Run(options).RunAsync(Looks(5)))
                {
                    items.Add(item);
                }
            });

            Assert.Equal(AidgeErrorKind.QuotaExhausted, stopped.Kind);
            Assert.Empty(items);
            Assert.Null(await rig.FindAsync("SKU-0"));   // nothing ran: new again for the next run
            Assert.Empty(PaidSubmitsByGarment(rig.Server));
        }

        [Fact]
        public async Task A_key_given_again_for_another_look_is_refused_and_one_given_twice_is_paid_once()
        {
            await using Rig rig = await Rig.StartAsync();
            await RunAsync(rig.Run(), Looks(2));

            var changed = new TryOnCatalogueLook<CatalogueTop>("SKU-0", new CatalogueTop(Url(50)));
            var twice = new[] { changed, Look(5), Look(5), Look(5) };
            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(), twice);

            TryOnCatalogueItem<CatalogueTop> conflict = Assert.Single(items, i => i.Key == "SKU-0");
            Assert.Equal(TryOnLookState.Failed, conflict.State);
            Assert.Contains("new key", conflict.Error!.Message, StringComparison.Ordinal);
            Assert.False(PaidSubmitsByGarment(rig.Server).ContainsKey(Url(50)));

            TryOnCatalogueItem<CatalogueTop>[] fives = items.Where(i => i.Key == "SKU-5").ToArray();
            Assert.Equal(3, fives.Length);
            Assert.All(fives, item => Assert.Equal(TryOnLookState.Finished, item.State));
            Assert.Equal(1, PaidSubmitsByGarment(rig.Server)[Url(5)]);
        }

        [Fact]
        public async Task Looks_without_keys_are_known_by_what_they_send()
        {
            await using Rig rig = await Rig.StartAsync();
            CatalogueTop[] requests = { new(Url(1)), new(Url(2)), new(Url(1)) };
            var items = new List<TryOnCatalogueItem<CatalogueTop>>();
            await foreach (TryOnCatalogueItem<CatalogueTop> item in rig.Run().RunAsync(requests))
            {
                items.Add(item);
            }

            Assert.Equal(3, items.Count);
            Assert.Equal(2, items.Select(i => i.Key).Distinct().Count());
            Assert.All(items, item => Assert.StartsWith("sha256:", item.Key, StringComparison.Ordinal));
            Assert.Equal(TryOnCatalogueKeys.Of(requests[0]), TryOnCatalogueKeys.Of(new CatalogueTop(Url(1))));
            Assert.NotEqual(TryOnCatalogueKeys.Of(requests[0]), TryOnCatalogueKeys.Of(new CatalogueTop(Url(1), Pictures: 2)));
            Assert.Equal(1, PaidSubmitsByGarment(rig.Server)[Url(1)]);
        }

        [Fact]
        public async Task Cancelling_stops_the_run_and_the_next_run_finishes_it_without_paying_twice()
        {
            await using Rig rig = await Rig.StartAsync(submitsPerWindow: 5, window: TimeSpan.FromMilliseconds(300));
            using var cancel = new CancellationTokenSource();
            var first = new List<TryOnCatalogueItem<CatalogueTop>>();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (TryOnCatalogueItem<CatalogueTop> item in rig.Run(Options(5, TimeSpan.FromMilliseconds(300))).RunAsync(Looks(30), cancellationToken: cancel.Token))
                {
                    first.Add(item);
                    if (first.Count == 6)
                    {
                        cancel.Cancel();
                    }
                }
            });

            List<TryOnCatalogueItem<CatalogueTop>> second = await RunAsync(rig.Run(Options(5, TimeSpan.FromMilliseconds(300))), Looks(30));

            Assert.InRange(first.Count, 6, 29);
            Assert.Equal(30, second.Count);
            Assert.All(second, item => Assert.Equal(TryOnLookState.Finished, item.State));   // a submit in flight at the cancel was let finish: none in doubt
            Assert.All(PaidSubmitsByGarment(rig.Server).Values, count => Assert.Equal(1, count));
            Assert.Equal(30, PaidSubmitsByGarment(rig.Server).Count);
        }

        [Fact]
        public async Task Stopping_early_ends_quietly_and_frees_the_run()
        {
            await using Rig rig = await Rig.StartAsync();
            var run = rig.Run();

            await foreach (TryOnCatalogueItem<CatalogueTop> item in run.RunAsync(Looks(20)))
            {
                break;
            }

            List<TryOnCatalogueItem<CatalogueTop>> rest = await RunAsync(run, Looks(20));
            Assert.Equal(20, rest.Count);
            Assert.All(PaidSubmitsByGarment(rig.Server).Values, count => Assert.Equal(1, count));
        }

        [Fact]
        public async Task A_task_that_fails_ends_its_look_failed_and_recorded()
        {
            await using Rig rig = await Rig.StartAsync();
            rig.Server.InjectFault(FakeAidgeFault.TaskFails(), FakeAidgeApi.Submit);
            TryOnCatalogueOptions options = Options();
            options.MaxTasksInFlight = 1;

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(options), Looks(2));

            TryOnCatalogueItem<CatalogueTop> failed = Assert.Single(items, i => i.State == TryOnLookState.Failed);
            Assert.Equal(AidgeErrorKind.TaskFailed, failed.Error!.Kind);
            Assert.IsType<TryOnTaskFailedException>(failed.Error.Exception);
            TryOnLedgerEntry entry = (await rig.FindAsync(failed.Key))!;
            Assert.Equal((TryOnLedgerState.Failed, AidgeErrorKind.TaskFailed, failed.TaskId), (entry.State, entry.Error!.Kind, entry.TaskId));
        }

        [Fact]
        public void Options_that_cannot_work_are_refused_with_every_problem()
        {
            var options = new TryOnCatalogueOptions { SubmitsPerWindow = 0, Window = TimeSpan.Zero, MaxTasksInFlight = 0, PollingInterval = TimeSpan.FromSeconds(10), MaxPollingInterval = TimeSpan.FromSeconds(1) };
            using var client = new TryOnClient(new AidgeCredential("key", "secret"));

            ArgumentException problem = Assert.Throws<ArgumentException>(() => new TryOnCatalogueRun<CatalogueTop>(client, new NoLedger(), options));

            foreach (string name in new[] { "SubmitsPerWindow", "Window", "MaxTasksInFlight", "PollingInterval" })
            {
                Assert.Contains(name, problem.Message, StringComparison.Ordinal);
            }
        }

        private sealed class NoLedger : ITryOnLedger
        {
            public ValueTask<ITryOnLedgerSession> BeginSessionAsync(TryOnLedgerOwner owner, TryOnLedgerOwner? adoptFrom = null, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException();

            public ValueTask DisposeAsync() => default;
        }
    }
}
