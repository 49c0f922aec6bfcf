using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Npgsql;
using NpgsqlTypes;

namespace Aidge.Declarative.PostgreSql
{
    /// <summary>
    /// One worker of a shared catalogue: its claims, and its writes under them. Every condition on a claim (its holder, its fence,
    /// its lease against <c>now()</c>) is checked in the statement that writes, so no two workers can both believe they hold a look.
    /// </summary>
    internal sealed class PostgreSqlLedgerSession : ITryOnLedgerSession
    {
        private const string EndedStates = "('Finished', 'Failed', 'InDoubt')";

        private readonly NpgsqlDataSource _dataSource;
        private readonly string _schema;
        private readonly string _catalogue;
        private readonly Guid _worker = Guid.NewGuid();
        private readonly string _claim;
        private readonly string _find;
        private readonly string _renew;
        private readonly string _beginSubmit;
        private readonly string _recordSubmit;
        private readonly string _forgetSubmit;
        private readonly string _save;
        private readonly string _release;
        private readonly string _listInDoubt;
        private int _disposed;

        private readonly TimeSpan _answerGrace;

        public PostgreSqlLedgerSession(NpgsqlDataSource dataSource, string schema, string catalogue, TryOnLedgerOwner owner, TimeSpan lease, TimeSpan answerGrace)
        {
            _answerGrace = answerGrace;
            _dataSource = dataSource;
            _schema = schema;
            _catalogue = catalogue;
            Owner = owner;
            Lease = lease;
            string looks = schema + ".ledger_looks";
            const string Columns = "state, fingerprint, task_id, task_attached, edition, pictures, error_kind, error_code, error_message, request_id, submitted_at, updated_at, fence";
            string answer = "state = $3, fingerprint = $4, task_id = $5, task_attached = $6, edition = $7, pictures = $8, error_kind = $9, error_code = $10, " +
                "error_message = $11, request_id = $12, updated_at = $14";
            string values = answer + ", submitted_at = $13";

            // Takes a look no live worker holds (and, unless asked, one that has not ended); else reads it as it stands, with how long its
            // holder's lease has left. A new key is inserted claimed, as New. A look submitted within the answer's grace is not taken
            // even when its holder's lease ran out: the holder may only be slow, and its answer on the way.
            _claim =
                "WITH claimed AS (" +
                "INSERT INTO " + looks + " AS l (catalogue, key, state, updated_at, holder, lease_until, fence) VALUES ($1, $2, 'New', now(), $3, now() + $4, 1) " +
                "ON CONFLICT (catalogue, key) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until, fence = l.fence + 1 " +
                "WHERE (l.holder IS NULL OR l.lease_until <= now() OR l.holder = excluded.holder) AND ($5 OR l.state NOT IN " + EndedStates + ") " +
                "AND NOT (l.state = 'Submitting' AND l.holder IS NOT NULL AND l.holder <> excluded.holder AND l.submitted_at > now() - $6) " +
                "RETURNING " + Columns + ", true AS held, interval '0' AS left) " +
                "SELECT * FROM claimed UNION ALL " +
                "SELECT " + Columns + ", false, GREATEST(COALESCE(lease_until, now()) - now(), " +
                "CASE WHEN state = 'Submitting' AND holder IS NOT NULL THEN submitted_at + $6 - now() ELSE interval '0' END, interval '0') FROM " + looks + " " +
                "WHERE catalogue = $1 AND key = $2 AND NOT EXISTS (SELECT 1 FROM claimed)";
            _find = "SELECT " + Columns + " FROM " + looks + " WHERE catalogue = $1 AND key = $2";
            string mine = " WHERE catalogue = $1 AND key = $2 AND holder = $15 AND fence = $16";
            _renew = "UPDATE " + looks + " SET lease_until = now() + $3 WHERE catalogue = $1 AND key = $2 AND holder = $4 AND fence = $5";

            // The one write a paid submit waits for: only while the claim is this worker's and its lease has not run out, by the database's
            // clock, and never over a look whose task id arrived meanwhile (a late answer of another worker's submit); the lease starts
            // again from it, the submit keeps the claim's token as its own, and its time is the database's.
            _beginSubmit = "UPDATE " + looks + " SET " + answer + ", submitted_at = now(), submit_fence = fence, lease_until = now() + $17" + mine +
                " AND lease_until > now() AND state NOT IN ('Submitted', 'Finished')";

            // What the submit answered goes to the row of that submit, whoever holds it now; an end lets the claim go.
            _recordSubmit = "UPDATE " + looks + " SET " + values + ", holder = CASE WHEN $3 IN " + EndedStates + " THEN NULL ELSE holder END, " +
                "lease_until = CASE WHEN $3 IN " + EndedStates + " THEN NULL ELSE lease_until END WHERE catalogue = $1 AND key = $2 AND submit_fence = $16";
            _forgetSubmit = "UPDATE " + looks + " SET state = 'New', fingerprint = NULL, task_id = NULL, task_attached = false, edition = NULL, pictures = NULL, error_kind = NULL, " +
                "error_code = NULL, error_message = NULL, request_id = NULL, submitted_at = NULL, submit_fence = NULL, updated_at = now() WHERE catalogue = $1 AND key = $2 AND submit_fence = $3";
            _save = "UPDATE " + looks + " SET " + values + ", holder = CASE WHEN $3 IN " + EndedStates + " THEN NULL ELSE holder END, " +
                "lease_until = CASE WHEN $3 IN " + EndedStates + " THEN NULL ELSE lease_until END" + mine;
            _release = "UPDATE " + looks + " SET holder = NULL, lease_until = NULL WHERE catalogue = $1 AND key = $2 AND holder = $3 AND fence = $4";
            _listInDoubt = "SELECT " + Columns + ", key FROM " + looks + " WHERE catalogue = $1 AND (state = 'InDoubt' OR (state = 'Submitting' AND " +
                "(holder IS NULL OR (lease_until <= now() AND submitted_at <= now() - $2)))) ORDER BY key";
        }

        public TryOnLedgerOwner Owner { get; }

        public TimeSpan Lease { get; }

        public async ValueTask<TryOnLedgerClaim> ClaimAsync(string key, bool evenIfEnded = false, CancellationToken cancellationToken = default)
        {
            Check(key);

            // A key two workers insert at once: the one whose insert lost sees nothing in its statement's snapshot; it asks again.
            for (int attempt = 0; ; attempt++)
            {
                await using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand(_claim, connection);
                command.Parameters.AddWithValue(_catalogue);
                command.Parameters.AddWithValue(key);
                command.Parameters.AddWithValue(_worker);
                command.Parameters.AddWithValue(Lease);
                command.Parameters.AddWithValue(evenIfEnded);
                command.Parameters.AddWithValue(_answerGrace);
                await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    TryOnLedgerEntry? entry = PostgreSqlLedgerRows.Read(reader, key, ToString());
                    long fence = reader.GetInt64(12);
                    bool held = reader.GetBoolean(13);
                    TimeSpan left = reader.GetTimeSpan(14);
                    return new TryOnLedgerClaim(key, entry, fence, held, left);
                }

                if (attempt >= 3)
                {
                    throw new InvalidOperationException("The look '" + key + "' of the " + ToString() + " could be neither claimed nor read after 4 tries.");
                }
            }
        }

        public async ValueTask<bool> RenewAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default)
        {
            await using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(_renew, connection);
            command.Parameters.AddWithValue(_catalogue);
            command.Parameters.AddWithValue(claim.Key);
            command.Parameters.AddWithValue(Lease);
            command.Parameters.AddWithValue(_worker);
            command.Parameters.AddWithValue(claim.Fence);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public ValueTask<bool> BeginSubmitAsync(TryOnLedgerClaim claim, TryOnLedgerEntry submitting, CancellationToken cancellationToken = default) =>
            WriteAsync(_beginSubmit, claim, submitting, withLease: true, cancellationToken);

        public ValueTask<bool> RecordSubmitAsync(TryOnLedgerClaim claim, TryOnLedgerEntry answer, CancellationToken cancellationToken = default) =>
            WriteAsync(_recordSubmit, claim, answer, withLease: false, cancellationToken);

        public async ValueTask<bool> ForgetSubmitAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default)
        {
            await using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(_forgetSubmit, connection);
            command.Parameters.AddWithValue(_catalogue);
            command.Parameters.AddWithValue(claim.Key);
            command.Parameters.AddWithValue(claim.Fence);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public ValueTask<bool> SaveAsync(TryOnLedgerClaim claim, TryOnLedgerEntry entry, CancellationToken cancellationToken = default) =>
            WriteAsync(_save, claim, entry, withLease: false, cancellationToken);

        public async ValueTask ReleaseAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default)
        {
            await using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(_release, connection);
            command.Parameters.AddWithValue(_catalogue);
            command.Parameters.AddWithValue(claim.Key);
            command.Parameters.AddWithValue(_worker);
            command.Parameters.AddWithValue(claim.Fence);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask<TryOnLedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default)
        {
            Check(key);
            await using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(_find, connection);
            command.Parameters.AddWithValue(_catalogue);
            command.Parameters.AddWithValue(key);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgreSqlLedgerRows.Read(reader, key, ToString()) : null;
        }

        public async ValueTask<string?> FindKeyOfTaskAsync(string taskId, CancellationToken cancellationToken = default)
        {
            if (taskId is null)
            {
                throw new ArgumentNullException(nameof(taskId));
            }

            await using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT key FROM " + _schema + ".ledger_looks WHERE catalogue = $1 AND task_id = $2 LIMIT 1", connection);
            command.Parameters.AddWithValue(_catalogue);
            command.Parameters.AddWithValue(taskId);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        public async IAsyncEnumerable<TryOnLedgerEntry> ListInDoubtAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(_listInDoubt, connection);
            command.Parameters.AddWithValue(_catalogue);
            command.Parameters.AddWithValue(_answerGrace);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (PostgreSqlLedgerRows.Read(reader, reader.GetString(13), ToString()) is { } entry)
                {
                    yield return entry;
                }
            }
        }

        // Every claim still held goes back at once, rather than when its lease runs out.
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            try
            {
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
                await using var command = new NpgsqlCommand("UPDATE " + _schema + ".ledger_looks SET holder = NULL, lease_until = NULL WHERE catalogue = $1 AND holder = $2", connection);
                command.Parameters.AddWithValue(_catalogue);
                command.Parameters.AddWithValue(_worker);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // Out of reach: the claims simply run out.
            }
        }

        public override string ToString() => "PostgreSQL ledger '" + _catalogue + "' (schema " + _schema + ")";

        private static void Check(string key)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            string recorded = TryOnCatalogueKeys.Normalize(key);
            if (!string.Equals(recorded, key, StringComparison.Ordinal))
            {
                throw new ArgumentException("Give the ledger a key in its recorded form (TryOnCatalogueKeys.Normalize): '" + recorded + "', not '" + key + "'.", nameof(key));
            }
        }

        private async ValueTask<bool> WriteAsync(string sql, TryOnLedgerClaim claim, TryOnLedgerEntry entry, bool withLease, CancellationToken cancellationToken)
        {
            if (entry is null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            if (!string.Equals(claim.Key, entry.Key, StringComparison.Ordinal))
            {
                throw new ArgumentException("The entry is the look '" + entry.Key + "'s, but the claim is of '" + claim.Key + "'.", nameof(entry));
            }

            if (entry.State == TryOnLedgerState.Submitted && entry.TaskId is null)
            {
                throw new ArgumentException("A look recorded as Submitted needs its task id.", nameof(entry));
            }

            await using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(sql, connection);
            NpgsqlParameterCollection p = command.Parameters;
            p.AddWithValue(_catalogue);
            p.AddWithValue(claim.Key);
            PostgreSqlLedgerRows.Bind(p, entry);
            p.AddWithValue(_worker);
            p.AddWithValue(claim.Fence);
            if (withLease)
            {
                p.AddWithValue(Lease);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        private ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(nameof(ITryOnLedgerSession), "This ledger session has ended.");
            }

            return _dataSource.OpenConnectionAsync(cancellationToken);
        }
    }
}
