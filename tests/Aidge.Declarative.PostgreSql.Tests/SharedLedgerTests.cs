using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Npgsql;
using Xunit;

namespace Aidge.Declarative.PostgreSql.Tests
{
    /// <summary>
    /// The shared ledger's protocol, session by session, on a real PostgreSQL: claims, leases on the database's clock, fencing tokens,
    /// the conditional write before a paid submit, answers recorded after a lease ran out, owners and catalogues.
    /// </summary>
    [Collection(nameof(PostgresCollection))]
    public sealed class SharedLedgerTests
    {
        private static readonly TryOnLedgerOwner Owner = new("https://api.aidc-ai.com", "key-a");
        private readonly SharedPostgres _postgres;

        public SharedLedgerTests(SharedPostgres postgres)
        {
            _postgres = postgres;
        }

        [PostgresFact]
        public async Task One_worker_at_a_time_holds_a_look_and_another_takes_it_once_the_lease_has_run_out_on_the_databases_clock()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using PostgreSqlTryOnLedger ledger = await PostgreSqlTryOnLedger.OpenAsync(database, "autumn", new PostgreSqlLedgerOptions { Lease = TimeSpan.FromSeconds(1) });
            await using ITryOnLedgerSession a = await ledger.BeginSessionAsync(Owner);
            await using ITryOnLedgerSession b = await ledger.BeginSessionAsync(Owner);

            TryOnLedgerClaim first = await a.ClaimAsync("SKU-1");
            TryOnLedgerClaim refused = await b.ClaimAsync("SKU-1");

            Assert.True(first.IsHeld);
            Assert.Null(first.Entry);   // new
            Assert.False(refused.IsHeld);
            Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));

            await Task.Delay(TimeSpan.FromSeconds(1.2));
            TryOnLedgerClaim taken = await b.ClaimAsync("SKU-1");
            Assert.True(taken.IsHeld);
            Assert.True(taken.Fence > first.Fence);

            // The worker that slept past its lease: every write under its claim is refused, and above all the one before a paid submit.
            Assert.False(await a.BeginSubmitAsync(first, Submitting("SKU-1")));
            Assert.False(await a.RenewAsync(first));
            Assert.False(await a.SaveAsync(first, new TryOnLedgerEntry("SKU-1", "fp", TryOnLedgerState.Failed, error: new TryOnLookError(AidgeErrorKind.Unknown, "x"))));
            Assert.True(await b.BeginSubmitAsync(taken, Submitting("SKU-1")));
            Assert.Equal(TryOnLedgerState.Submitting, (await a.FindAsync("SKU-1"))!.State);
        }

        [PostgresFact]
        public async Task A_submit_is_recorded_only_while_the_lease_holds_even_for_the_worker_still_named_as_holder()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using PostgreSqlTryOnLedger ledger = await PostgreSqlTryOnLedger.OpenAsync(database, "autumn", new PostgreSqlLedgerOptions { Lease = TimeSpan.FromSeconds(1) });
            await using ITryOnLedgerSession a = await ledger.BeginSessionAsync(Owner);
            TryOnLedgerClaim claim = await a.ClaimAsync("SKU-1");

            // Paused past the lease, and nobody took the look meanwhile: the claim is still named this worker's, but its lease ran out.
            await Task.Delay(TimeSpan.FromSeconds(1.2));

            Assert.False(await a.BeginSubmitAsync(claim, Submitting("SKU-1")));
            Assert.Null(await a.FindAsync("SKU-1"));   // still new: nothing recorded, so nothing may be sent
        }

        [PostgresFact]
        public async Task A_task_id_that_arrives_after_the_lease_ran_out_is_still_recorded_against_its_submit()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using PostgreSqlTryOnLedger ledger = await PostgreSqlTryOnLedger.OpenAsync(database, "autumn", new PostgreSqlLedgerOptions { Lease = TimeSpan.FromSeconds(1), AnswerGrace = TimeSpan.Zero });
            await using ITryOnLedgerSession a = await ledger.BeginSessionAsync(Owner);
            await using ITryOnLedgerSession b = await ledger.BeginSessionAsync(Owner);
            TryOnLedgerClaim claim = await a.ClaimAsync("SKU-1");
            Assert.True(await a.BeginSubmitAsync(claim, Submitting("SKU-1")));

            // The submit is on its way when the worker stalls; another takes the look, finds it submitting with no holder: in doubt.
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            Assert.Equal("SKU-1", Assert.Single(await ToListAsync(b.ListInDoubtAsync())).Key);   // submitting, and its holder's lease ran out
            TryOnLedgerClaim other = await b.ClaimAsync("SKU-1");
            Assert.True(other.IsHeld);
            Assert.Equal(TryOnLedgerState.Submitting, other.Entry!.State);
            Assert.True(await b.SaveAsync(other, new TryOnLedgerEntry("SKU-1", "fp", TryOnLedgerState.InDoubt, error: new TryOnLookError(AidgeErrorKind.Unknown, "its holder died"))));

            // Asked to resubmit the doubt, that worker claims it again...
            TryOnLedgerClaim resubmitting = await b.ClaimAsync("SKU-1", evenIfEnded: true);
            Assert.True(resubmitting.IsHeld);

            // ...when the answer comes: recorded against the submit it answers, so the doubt is mended and the task polled by whoever claims it.
            Assert.True(await a.RecordSubmitAsync(claim, new TryOnLedgerEntry("SKU-1", "fp", TryOnLedgerState.Submitted, "task-1")));
            TryOnLedgerEntry entry = (await b.FindAsync("SKU-1"))!;
            Assert.Equal((TryOnLedgerState.Submitted, "task-1"), (entry.State, entry.TaskId));
            Assert.Empty(await ToListAsync(b.ListInDoubtAsync()));

            // The resubmit is refused though the claim holds: the look has the task id it would pay for again.
            Assert.True(await b.RenewAsync(resubmitting));
            Assert.False(await b.BeginSubmitAsync(resubmitting, Submitting("SKU-1")));
            Assert.Equal("task-1", (await b.FindAsync("SKU-1"))!.TaskId);
        }

        [PostgresFact]
        public async Task A_look_submitted_within_the_answer_grace_is_left_to_its_holder_even_once_its_lease_ran_out()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using PostgreSqlTryOnLedger ledger = await PostgreSqlTryOnLedger.OpenAsync(database, "autumn", new PostgreSqlLedgerOptions { Lease = TimeSpan.FromSeconds(1), AnswerGrace = TimeSpan.FromMinutes(1) });
            await using ITryOnLedgerSession a = await ledger.BeginSessionAsync(Owner);
            await using ITryOnLedgerSession b = await ledger.BeginSessionAsync(Owner);
            TryOnLedgerClaim claim = await a.ClaimAsync("SKU-1");
            Assert.True(await a.BeginSubmitAsync(claim, Submitting("SKU-1")));

            // Its holder is slow, not gone: the answer may be on its way, so the look is neither taken nor reported in doubt.
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            TryOnLedgerClaim refused = await b.ClaimAsync("SKU-1");
            Assert.False(refused.IsHeld);
            Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
            Assert.Empty(await ToListAsync(b.ListInDoubtAsync()));
            Assert.True(await a.RecordSubmitAsync(claim, new TryOnLedgerEntry("SKU-1", "fp", TryOnLedgerState.Submitted, "task-1")));
            Assert.Equal("task-1", (await b.FindAsync("SKU-1"))!.TaskId);
        }

        [PostgresFact]
        public async Task A_look_that_has_ended_is_not_claimed_unless_asked_and_a_submitting_look_with_a_live_holder_is_not_in_doubt()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using PostgreSqlTryOnLedger ledger = await PostgreSqlTryOnLedger.OpenAsync(database, "autumn");
            await using ITryOnLedgerSession a = await ledger.BeginSessionAsync(Owner);
            await using ITryOnLedgerSession b = await ledger.BeginSessionAsync(Owner);
            TryOnLedgerClaim claim = await a.ClaimAsync("SKU-1");
            Assert.True(await a.SaveAsync(claim, new TryOnLedgerEntry("SKU-1", "fp", TryOnLedgerState.Finished, "task-1", pictures: new[] { new TryOnPicture("https://img.example/1.png", "https://shop.example/1.jpg") })));

            TryOnLedgerClaim ended = await b.ClaimAsync("SKU-1");
            Assert.False(ended.IsHeld);
            Assert.Equal(TryOnLedgerState.Finished, ended.Entry!.State);
            Assert.Equal("https://img.example/1.png", Assert.Single(ended.Entry.Pictures).Url);
            Assert.True((await b.ClaimAsync("SKU-1", evenIfEnded: true)).IsHeld);   // the end let the claim go

            TryOnLedgerClaim live = await a.ClaimAsync("SKU-2");
            Assert.True(await a.BeginSubmitAsync(live, Submitting("SKU-2")));
            Assert.Empty(await ToListAsync(b.ListInDoubtAsync()));   // its holder is alive: on its way, not in doubt
        }

        [PostgresFact]
        public async Task A_catalogue_belongs_to_one_owner_and_two_catalogues_in_one_database_are_kept_apart()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using PostgreSqlTryOnLedger autumn = await PostgreSqlTryOnLedger.OpenAsync(database, "autumn");
            await using PostgreSqlTryOnLedger spring = await PostgreSqlTryOnLedger.OpenAsync(database, "spring");
            await using (ITryOnLedgerSession session = await autumn.BeginSessionAsync(Owner))
            {
                TryOnLedgerClaim claim = await session.ClaimAsync("SKU-1");
                Assert.True(await session.SaveAsync(claim, new TryOnLedgerEntry("SKU-1", "fp", TryOnLedgerState.Failed, error: new TryOnLookError(AidgeErrorKind.ImageProblem, "703", 703))));
                TryOnLedgerClaim submitted = await session.ClaimAsync("SKU-2");
                Assert.True(await session.SaveAsync(submitted, new TryOnLedgerEntry("SKU-2", "fp", TryOnLedgerState.Submitted, "task-2")));
                Assert.Equal("SKU-2", await session.FindKeyOfTaskAsync("task-2"));   // a task is one look's: the one that holds it is found
                Assert.Null(await session.FindKeyOfTaskAsync("task-3"));

                // Nor can any write give it to a second look (two attaches racing past the check above): the database refuses it.
                TryOnLedgerClaim third = await session.ClaimAsync("SKU-3");
                PostgresException twice = await Assert.ThrowsAsync<PostgresException>(async () => await session.SaveAsync(third, new TryOnLedgerEntry("SKU-3", "fp", TryOnLedgerState.Submitted, "task-2")));
                Assert.Equal(PostgresErrorCodes.UniqueViolation, twice.SqlState);
                Assert.Equal("SKU-2", await session.FindKeyOfTaskAsync("task-2"));
            }

            var other = new TryOnLedgerOwner("https://cn-api.aidc-ai.com", "key-b");
            TryOnLedgerOwnerException refused = await Assert.ThrowsAsync<TryOnLedgerOwnerException>(async () => await autumn.BeginSessionAsync(other));
            Assert.Contains("autumn", refused.Message, StringComparison.Ordinal);
            Assert.Equal(Owner, refused.Recorded);

            await using ITryOnLedgerSession springSession = await spring.BeginSessionAsync(other);   // another catalogue, its own owner
            Assert.Null(await springSession.FindAsync("SKU-1"));
            Assert.Null(await springSession.FindKeyOfTaskAsync("task-2"));
            await using ITryOnLedgerSession adopted = await autumn.BeginSessionAsync(other, adoptFrom: Owner);
            Assert.Equal(TryOnLedgerState.Failed, (await adopted.FindAsync("SKU-1"))!.State);
        }

        [PostgresFact]
        public async Task A_schema_of_another_program_or_of_another_version_is_refused_and_left_as_it_was()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using (NpgsqlCommand create = database.CreateCommand("CREATE SCHEMA shop; CREATE TABLE shop.orders (id int); CREATE SCHEMA aidge_old; CREATE TABLE aidge_old.layout (name text PRIMARY KEY, version integer NOT NULL); INSERT INTO aidge_old.layout VALUES ('aidge-declarative', 99);"))
            {
                await create.ExecuteNonQueryAsync();
            }

            IOException foreign = await Assert.ThrowsAsync<IOException>(() => PostgreSqlTryOnLedger.OpenAsync(database, "autumn", new PostgreSqlLedgerOptions { Schema = "shop" }));
            IOException newer = await Assert.ThrowsAsync<IOException>(() => PostgreSqlTryOnLedger.OpenAsync(database, "autumn", new PostgreSqlLedgerOptions { Schema = "aidge_old" }));

            Assert.Contains("another program", foreign.Message, StringComparison.Ordinal);
            Assert.Contains("version 99", newer.Message, StringComparison.Ordinal);
            await using NpgsqlCommand tables = database.CreateCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'shop'");
            Assert.Equal(1L, await tables.ExecuteScalarAsync());
        }

        [PostgresFact]
        public async Task States_and_kinds_are_stored_by_name()
        {
            await using NpgsqlDataSource database = await DatabaseAsync();
            await using PostgreSqlTryOnLedger ledger = await PostgreSqlTryOnLedger.OpenAsync(database, "autumn");
            await using (ITryOnLedgerSession session = await ledger.BeginSessionAsync(Owner))
            {
                TryOnLedgerClaim claim = await session.ClaimAsync("SKU-1");
                Assert.True(await session.SaveAsync(claim, new TryOnLedgerEntry("SKU-1", "fp", TryOnLedgerState.InDoubt, edition: TryOnEdition.Pro, error: new TryOnLookError(AidgeErrorKind.ServiceFault, "500", 500))));
            }

            await using NpgsqlCommand read = database.CreateCommand("SELECT state, edition, error_kind FROM aidge.ledger_looks WHERE key = 'SKU-1'");
            await using NpgsqlDataReader reader = await read.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("InDoubt", "Pro", "ServiceFault"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        private static TryOnLedgerEntry Submitting(string key) => new(key, "fp", TryOnLedgerState.Submitting, updatedAt: DateTimeOffset.UtcNow, submittedAt: DateTimeOffset.UtcNow);

        private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
        {
            var list = new List<T>();
            await foreach (T item in items)
            {
                list.Add(item);
            }

            return list;
        }

        private async Task<NpgsqlDataSource> DatabaseAsync()
        {
            PostgresServer server = await _postgres.GetAsync();
            return NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        }
    }
}
