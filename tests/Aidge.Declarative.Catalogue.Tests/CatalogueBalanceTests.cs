using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Xunit;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>One garment on the pro edition: a catalogue of two editions.</summary>
    [TryOnRequest(Edition = TryOnEdition.Pro)]
    public partial record ProTop([Garment(GarmentType.Tops)] string Top);

    /// <summary>The quota balance checked once before the first submit, when asked: reported, and a stop before anything is paid when it is short.</summary>
    public sealed class CatalogueBalanceTests
    {
        [Fact]
        public async Task The_balance_is_asked_once_and_reported_with_what_the_catalogue_needs()
        {
            await using Rig rig = await Rig.StartAsync(configure: server => server.Balances["/ai/virtual/tryon"] = 500);
            TryOnCatalogueOptions options = Options();
            options.CheckBalance = true;
            options.ExpectedLooks = 12;
            var progress = new ProgressLog();

            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(rig.Run(options), Looks(12), progress);

            Assert.All(items, item => Assert.Equal(TryOnLookState.Finished, item.State));
            Assert.Single(rig.Server.Requests, request => request.IsBalance);
            Assert.True(rig.Server.Requests.First(request => request.IsBalance).ReceivedAt <= rig.Server.Requests.First(request => request.IsSubmit).ReceivedAt);
            TryOnCatalogueBalance balance = Assert.Single(progress.Reports.Last().Balances);
            Assert.Equal((500m, 12), (balance.Balance.Remaining, balance.Needed));
            Assert.True(balance.CoversCatalogue);
            Assert.Equal("500 calls left for /ai/virtual/tryon, the catalogue needs at most 12", balance.ToString());
            Assert.Equal(488m, rig.Server.BalanceOf(TryOnEdition.Standard));
        }

        [Fact]
        public async Task A_balance_that_cannot_pay_for_the_looks_in_flight_stops_the_run_before_anything_is_paid()
        {
            await using Rig rig = await Rig.StartAsync(configure: server => server.Balances["/ai/virtual/tryon"] = 3);
            TryOnCatalogueOptions options = Options();
            options.CheckBalance = true;
            options.ExpectedLooks = 50;
            options.MaxTasksInFlight = 10;

            var error = await Assert.ThrowsAsync<AidgeException>(() => RunAsync(rig.Run(options), Looks(50)));

            Assert.Equal(AidgeErrorKind.QuotaExhausted, error.Kind);
            Assert.Contains("3 calls left for /ai/virtual/tryon, the catalogue needs at most 50", error.Message, StringComparison.Ordinal);
            Assert.Contains("10 looks submitted at once", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, rig.Server.SubmitCount);
            Assert.Null(await rig.FindAsync("SKU-0"));
        }

        [Fact]
        public async Task A_balance_short_of_the_catalogue_but_enough_for_the_looks_in_flight_goes_on_until_the_gateway_refuses()
        {
            await using Rig rig = await Rig.StartAsync(configure: server => server.Balances["/ai/virtual/tryon"] = 5);
            TryOnCatalogueOptions options = Options();
            options.CheckBalance = true;
            options.ExpectedLooks = 20;
            options.MaxTasksInFlight = 2;

            var error = await Assert.ThrowsAsync<AidgeException>(() => RunAsync(rig.Run(options), Looks(20)));

            Assert.Equal((AidgeErrorKind.QuotaExhausted, "NoResource"), (error.Kind, error.GatewayCode));
            Assert.Equal(5, PaidSubmitsByGarment(rig.Server).Values.Sum());
        }

        [Fact]
        public async Task Looks_the_ledger_has_ended_are_not_counted_as_needed()
        {
            await using Rig rig = await Rig.StartAsync();
            await RunAsync(rig.Run(), Looks(4));
            TryOnCatalogueOptions options = Options();
            options.CheckBalance = true;
            options.ExpectedLooks = 10;
            var progress = new ProgressLog();
            var fourSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            int seen = 0;

            // The new looks come only once the four the ledger has ended are out, so that the check counts them whatever the timing.
            async IAsyncEnumerable<TryOnCatalogueLook<CatalogueTop>> Catalogue()
            {
                foreach (TryOnCatalogueLook<CatalogueTop> look in Looks(4))
                {
                    yield return look;
                }

                await fourSeen.Task;
                foreach (TryOnCatalogueLook<CatalogueTop> look in Looks(6, from: 4))
                {
                    yield return look;
                }
            }

            await foreach (TryOnCatalogueItem<CatalogueTop> item in rig.Run(options).RunAsync(Catalogue(), progress))
            {
                if (++seen == 4)
                {
                    fourSeen.SetResult();
                }
            }

            Assert.Equal(10, seen);
            Assert.Equal(6, Assert.Single(progress.Reports.Last().Balances).Needed);
        }

        [Fact]
        public async Task A_list_given_to_the_run_is_its_size_so_a_small_catalogue_is_not_stopped_for_MaxTasksInFlight()
        {
            await using Rig rig = await Rig.StartAsync(configure: server => server.Balances["/ai/virtual/tryon"] = 5);
            TryOnCatalogueOptions options = Options();
            options.CheckBalance = true;
            var progress = new ProgressLog();

            var items = new List<TryOnCatalogueItem<CatalogueTop>>();
            await foreach (TryOnCatalogueItem<CatalogueTop> item in rig.Run(options).RunAsync(Looks(3).ToList(), progress))
            {
                items.Add(item);
            }

            Assert.All(items, item => Assert.Equal(TryOnLookState.Finished, item.State));
            Assert.Equal((3, 3), (Assert.Single(progress.Reports.Last().Balances).Needed, Assert.Single(progress.Reports.Last().Balances).InFlight));
        }

        [Fact]
        public async Task A_catalogue_of_unknown_size_stops_only_when_not_one_look_can_be_paid_for()
        {
            await using Rig rig = await Rig.StartAsync(configure: server => server.Balances["/ai/virtual/tryon"] = 0);
            TryOnCatalogueOptions options = Options();
            options.CheckBalance = true;
            await using Rig enough = await Rig.StartAsync(configure: server => server.Balances["/ai/virtual/tryon"] = 2);
            var progress = new ProgressLog();

            var error = await Assert.ThrowsAsync<AidgeException>(() => RunAsync(rig.Run(options), Streamed(Looks(2))));
            List<TryOnCatalogueItem<CatalogueTop>> items = await RunAsync(enough.Run(options), Streamed(Looks(2)), progress);

            Assert.Equal(AidgeErrorKind.QuotaExhausted, error.Kind);
            Assert.Contains("for a single look", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, rig.Server.SubmitCount);
            Assert.All(items, item => Assert.Equal(TryOnLookState.Finished, item.State));
            Assert.Contains("an unknown number (set ExpectedLooks)", Assert.Single(progress.Reports.Last().Balances).ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Each_edition_of_the_catalogue_has_its_balance_checked_before_its_first_submit()
        {
            await using Rig rig = await Rig.StartAsync(configure: server => { server.Balances["/ai/virtual/tryon"] = 100; server.Balances["/ai/virtual/tryon-pro"] = 0; });
            TryOnCatalogueOptions options = Options();
            options.CheckBalance = true;
            options.ExpectedLooks = 4;
            var run = new TryOnCatalogueRun<ITryOnRequest>(rig.Client, rig.Ledger, options);
            var looks = new TryOnCatalogueLook<ITryOnRequest>[]
            {
                new("TOP-1", new CatalogueTop(Url(1))), new("TOP-2", new CatalogueTop(Url(2))), new("PRO-1", new ProTop(Url(3))), new("TOP-3", new CatalogueTop(Url(4))),
            };
            var items = new List<TryOnCatalogueItem<ITryOnRequest>>();

            var error = await Assert.ThrowsAsync<AidgeException>(async () =>
            {
                await foreach (TryOnCatalogueItem<ITryOnRequest> item in run.RunAsync(looks))
                {
                    items.Add(item);
                }
            });

            Assert.Equal(AidgeErrorKind.QuotaExhausted, error.Kind);
            Assert.Contains("/ai/virtual/tryon-pro", error.Message, StringComparison.Ordinal);
            Assert.Equal(2, rig.Server.Requests.Count(request => request.IsBalance));
            Assert.DoesNotContain(rig.Server.Requests, request => request.Edition == TryOnEdition.Pro);
        }

        [Fact]
        public async Task CheckBalance_with_a_client_on_the_trial_quota_is_refused_when_the_run_is_made()
        {
            await using Rig rig = await Rig.StartAsync();
            using TryOnClient trial = NewClient(rig.Server, options => options.UseTrialResource = true);
            TryOnCatalogueOptions options = Options();
            options.CheckBalance = true;

            var error = Assert.Throws<ArgumentException>(() => new TryOnCatalogueRun<CatalogueTop>(trial, rig.Ledger, options));

            Assert.Contains("trial quota", error.Message, StringComparison.Ordinal);
        }

        private static async IAsyncEnumerable<TryOnCatalogueLook<CatalogueTop>> Streamed(IEnumerable<TryOnCatalogueLook<CatalogueTop>> looks)
        {
            foreach (TryOnCatalogueLook<CatalogueTop> look in looks)
            {
                await Task.Yield();
                yield return look;
            }
        }

        [Fact]
        public async Task Without_CheckBalance_no_balance_call_is_made()
        {
            await using Rig rig = await Rig.StartAsync();

            await RunAsync(rig.Run(), Looks(3));

            Assert.DoesNotContain(rig.Server.Requests, request => request.IsBalance);
        }
    }
}
