using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Aidge.Declarative.PostgreSql.Tests
{
    /// <summary>
    /// The shared submit budget's own rules, on a real PostgreSQL: recorded once for a key and taken by every process, and a permit on
    /// its way counted only while the process that holds it is heard from.
    /// </summary>
    [Collection(nameof(PostgresCollection))]
    public sealed class SharedBudgetTests
    {
        private const string Service = "https://api.aidc-ai.com";
        private readonly SharedPostgres _postgres;

        public SharedBudgetTests(SharedPostgres postgres)
        {
            _postgres = postgres;
        }

        [PostgresFact]
        public async Task A_budget_is_recorded_once_for_its_key_and_a_process_that_gives_another_is_refused_unless_it_reconfigures()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using PostgreSqlSubmitBudget first = await PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a", new PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = 3 });

            // A process that gives none takes what is recorded, window and all.
            await using PostgreSqlSubmitBudget taker = await PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a", new PostgreSqlSubmitBudgetOptions { Window = TimeSpan.FromSeconds(5) });
            Assert.Equal((3, true, TimeSpan.FromSeconds(60)), (taker.SubmitsPerWindow, taker.IsKnown, taker.Window));

            // One that gives another size or window is refused, and the recorded budget is left as it was.
            InvalidOperationException bigger = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a", new PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = 5 }));
            Assert.Contains("recorded as 3 submits per 00:01:00", bigger.Message, StringComparison.Ordinal);
            Assert.Contains("Reconfigure", bigger.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<InvalidOperationException>(() => PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a", new PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = 3, Window = TimeSpan.FromSeconds(30) }));
            await using (PostgreSqlSubmitBudget again = await PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a"))
            {
                Assert.Equal(3, again.SubmitsPerWindow);
            }

            // Asked to, a process records its budget for everyone.
            await using (PostgreSqlSubmitBudget raised = await PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a", new PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = 5, Reconfigure = true }))
            {
                Assert.Equal(5, raised.SubmitsPerWindow);
            }

            await using (PostgreSqlSubmitBudget later = await PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a"))
            {
                Assert.Equal((5, true), (later.SubmitsPerWindow, later.IsKnown));
            }

            // A budget being learned is the key's too: a size given later is refused; another key, or service, is another budget.
            await using PostgreSqlSubmitBudget learning = await PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-b");
            Assert.Equal((1, false), (learning.SubmitsPerWindow, learning.IsKnown));
            InvalidOperationException learned = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-b", new PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = 3 }));
            Assert.Contains("learned (now 1)", learned.Message, StringComparison.Ordinal);
            await using PostgreSqlSubmitBudget elsewhere = await PostgreSqlSubmitBudget.OpenAsync(database, "https://cn-api.aidc-ai.com", "key-a", new PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = 7 });
            Assert.Equal(7, elsewhere.SubmitsPerWindow);
        }

        [PostgresFact]
        public async Task Options_that_are_not_usable_are_refused_each_with_its_reason()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            ArgumentException refused = Assert.Throws<ArgumentException>(() => new PostgreSqlSubmitBudget(database, Service, "key-a", new PostgreSqlSubmitBudgetOptions
            {
                SubmitsPerWindow = 0,
                Window = TimeSpan.FromSeconds(10),
                PermitTimeout = TimeSpan.FromSeconds(5),
                HolderTimeout = TimeSpan.FromSeconds(1),
            }));

            Assert.Contains("SubmitsPerWindow is 0", refused.Message, StringComparison.Ordinal);
            Assert.Contains("PermitTimeout is 00:00:05", refused.Message, StringComparison.Ordinal);
            Assert.Contains("HolderTimeout is 00:00:01", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(" Window is", refused.Message, StringComparison.Ordinal);
        }

        [PostgresFact]
        public async Task Permits_on_their_way_count_while_their_process_is_heard_from_and_stop_counting_once_it_is_not()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            var options = new PostgreSqlSubmitBudgetOptions
            {
                SubmitsPerWindow = 2,
                Window = TimeSpan.FromSeconds(2),
                HolderTimeout = TimeSpan.FromSeconds(2),
                PermitTimeout = TimeSpan.FromMinutes(10),
            };

            // A process takes the whole budget and its calls never come back (they hang, say): it lives, and beats.
            PostgreSqlSubmitBudget holder = await PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a", options);
            ITryOnSubmitPermit[] held = { await holder.AcquireAsync(), await holder.AcquireAsync() };
            await using PostgreSqlSubmitBudget other = await PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a");

            // Well past the holder's timeout, its permits still count: the other process gets none.
            using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(6)))
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await other.AcquireAsync(wait.Token));
            }

            // The holder stops (it died, or was frozen, before giving its permits back): within its timeout they stop counting, long
            // before they expire.
            await holder.DisposeAsync();
            using var soon = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            ITryOnSubmitPermit permit = await other.AcquireAsync(soon.Token);
            await permit.ReleaseAsync(TryOnSubmitOutcome.NotSent);
            GC.KeepAlive(held);
        }

        [PostgresFact]
        public async Task A_limit_a_501_lowered_is_probed_back_up_to_the_keys_budget_while_demand_holds_it_at_the_limit()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using PostgreSqlSubmitBudget budget = await PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a", new PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = 4, Window = TimeSpan.FromMilliseconds(300) });
            await Aidge.Declarative.Tests.Catalogue.BudgetRules.LoweredThenProbedBackAsync(budget, 4);
        }

        [PostgresFact]
        public async Task A_limit_a_501_lowered_is_probed_back_up_even_when_answers_fall_on_either_side_of_a_windows_end()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using PostgreSqlSubmitBudget budget = await PostgreSqlSubmitBudget.OpenAsync(database, Service, "key-a", new PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = 4, Window = TimeSpan.FromMilliseconds(300) });
            await Aidge.Declarative.Tests.Catalogue.BudgetRules.LoweredThenProbedBackAsync(budget, 4, callers: 3, answeredWithin: TimeSpan.FromMilliseconds(150));
        }

        private async Task<NpgsqlDataSource> DatabaseAsync()
        {
            PostgresServer server = await _postgres.GetAsync();
            return NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        }
    }
}
