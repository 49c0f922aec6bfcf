using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Aidge.Declarative.PostgreSql
{
    /// <summary>
    /// The tables and functions of the shared ledger and the shared submit budget, in one PostgreSQL schema of their own, created or
    /// checked when either is opened: one layout, one version, written once, in one transaction that holds an advisory lock, so that
    /// workers starting together do not race to create it.
    /// </summary>
    internal static class PostgreSqlSchema
    {
        /// <summary>
        /// The layout's version: it changes with the layout, and a schema of another version is refused, not used. 2: the budget's
        /// holders (a dead process's permits stop counting), permits answered, and looks found by their task id.
        /// </summary>
        public const int Version = 2;

        /// <summary>The schema's name, checked: lower-case letters, digits and underscores, as PostgreSQL folds a plain name.</summary>
        public static string Check(string schema)
        {
            if (string.IsNullOrEmpty(schema) || schema.Length > 63 || !(schema[0] is >= 'a' and <= 'z' or '_'))
            {
                throw new ArgumentException("A schema's name is 1 to 63 lower-case letters, digits and underscores, starting with a letter or an underscore; '" + schema + "' is not.", nameof(schema));
            }

            foreach (char c in schema)
            {
                if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
                {
                    throw new ArgumentException("A schema's name is 1 to 63 lower-case letters, digits and underscores; '" + schema + "' is not.", nameof(schema));
                }
            }

            return schema;
        }

        /// <summary>
        /// A data source of the ledger's or the budget's own. Every command is one statement that keeps no session state, so a connection
        /// given back to the pool needs no reset (which would cost a round trip on its next use).
        /// </summary>
        /// <remarks>
        /// Its pool holds at most <paramref name="defaultMaxPoolSize"/> connections unless the connection string says otherwise
        /// (<c>Maximum Pool Size</c>): Npgsql's own default, 100 a pool, would let three workers and a storefront take more than a
        /// default PostgreSQL server's 100 connections.
        /// </remarks>
        public static NpgsqlDataSource CreateDataSource(string connectionString, int defaultMaxPoolSize)
        {
            NpgsqlConnectionStringBuilder builder = ReadConnectionString(connectionString);
            builder.NoResetOnClose = true;
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            bool sized = false;
            foreach (string key in given.Keys)
            {
                string plain = key.Replace(" ", string.Empty);
                sized |= string.Equals(plain, "MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || string.Equals(plain, "MaxPoolSize", StringComparison.OrdinalIgnoreCase);
            }

            if (!sized)
            {
                builder.MaxPoolSize = defaultMaxPoolSize;
            }

            return NpgsqlDataSource.Create(builder.ConnectionString);
        }

        /// <summary>
        /// The connection string, read: refused with an example when there is none, and with Npgsql's reason when it cannot be read (the
        /// string itself is not repeated: it may hold a password).
        /// </summary>
        /// <exception cref="ArgumentException">There is no connection string, or Npgsql cannot read it.</exception>
        public static NpgsqlConnectionStringBuilder ReadConnectionString(string connectionString)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new ArgumentException("Give an Npgsql connection string, such as \"Host=db.example;Database=shop;Username=aidge\".", nameof(connectionString));
            }

            try
            {
                return new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException unreadable)
            {
                throw new ArgumentException("The connection string is not one Npgsql reads (keys and values separated by ';', such as \"Host=db.example;Database=shop;Username=aidge\"): " + unreadable.Message, nameof(connectionString), unreadable);
            }
        }

        /// <summary>Creates the schema when it is not there; checks its version when it is.</summary>
        /// <exception cref="System.IO.IOException">The schema holds another version's layout, or tables of another program.</exception>
        public static async Task EnsureAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
        {
            await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('aidge.declarative.schema'))", connection, transaction))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            int? version = null;
            bool schemaExists;
            await using (var probe = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1), to_regclass($2) IS NOT NULL", connection, transaction))
            {
                probe.Parameters.AddWithValue(schema);
                probe.Parameters.AddWithValue(schema + ".layout");
                await using NpgsqlDataReader reader = await probe.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                schemaExists = reader.GetBoolean(0);
                bool hasLayout = reader.GetBoolean(1);
                await reader.CloseAsync().ConfigureAwait(false);
                if (hasLayout)
                {
                    await using var read = new NpgsqlCommand("SELECT version FROM " + schema + ".layout WHERE name = 'aidge-declarative'", connection, transaction);
                    version = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int found ? found : -1;
                }
            }

            if (version is null)
            {
                if (schemaExists && await HasTablesAsync(connection, transaction, schema, cancellationToken).ConfigureAwait(false))
                {
                    throw new System.IO.IOException("The PostgreSQL schema '" + schema + "' holds tables of another program, and no Aidge ledger: it was left as it was. Give the ledger a schema of its own (PostgreSqlLedgerOptions.Schema).");
                }

                foreach (string statement in Statements(schema))
                {
                    await using var create = new NpgsqlCommand(statement, connection, transaction);
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            else if (version != Version)
            {
                throw new System.IO.IOException(
                    "The PostgreSQL schema '" + schema + "' holds the Aidge ledger's layout version " + version.Value.ToString(CultureInfo.InvariantCulture) +
                    "; this version of Aidge.Declarative.PostgreSql reads version " + Version.ToString(CultureInfo.InvariantCulture) + ".");
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        private static async Task<bool> HasTablesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = $1)", connection, transaction);
            command.Parameters.AddWithValue(schema);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }

        // Every state and outcome by name, checked; each look is one row of one catalogue, with its claim (holder, lease, fence) beside it.
        private static string[] Statements(string s) => new[]
        {
            "CREATE SCHEMA IF NOT EXISTS " + s,
            "CREATE TABLE " + s + ".layout (name text PRIMARY KEY, version integer NOT NULL)",
            "INSERT INTO " + s + ".layout (name, version) VALUES ('aidge-declarative', " + Version.ToString(CultureInfo.InvariantCulture) + ")",
            "CREATE TABLE " + s + ".ledger_catalogues (catalogue text PRIMARY KEY, owner_service text, owner_access_key text, adopted_from text, " +
                "created_at timestamptz NOT NULL DEFAULT now(), CHECK ((owner_service IS NULL) = (owner_access_key IS NULL)))",
            "CREATE TABLE " + s + ".ledger_looks (" +
                "catalogue text NOT NULL REFERENCES " + s + ".ledger_catalogues (catalogue), key text NOT NULL, " +
                "state text NOT NULL CHECK (state IN ('New', 'Submitting', 'Submitted', 'Finished', 'Failed', 'InDoubt')), " +
                "fingerprint text, task_id text, task_attached boolean NOT NULL DEFAULT false, edition text CHECK (edition IN ('Standard', 'Pro')), " +
                "pictures text, error_kind text, error_code integer, error_message text, request_id text, submitted_at timestamptz, updated_at timestamptz NOT NULL, " +
                "holder uuid, lease_until timestamptz, fence bigint NOT NULL, submit_fence bigint, " +
                "PRIMARY KEY (catalogue, key), " +
                "CHECK (state = 'New' OR (fingerprint IS NOT NULL AND edition IS NOT NULL)), " +
                "CHECK (state <> 'Submitted' OR task_id IS NOT NULL), " +
                "CHECK ((holder IS NULL) = (lease_until IS NULL)))",
            "CREATE INDEX ledger_looks_in_doubt ON " + s + ".ledger_looks (catalogue, key) WHERE state IN ('InDoubt', 'Submitting')",
            // A task is one look's: no write, however two workers race (two task ids attached by hand at once), gives one to two looks.
            "CREATE UNIQUE INDEX ledger_looks_by_task ON " + s + ".ledger_looks (catalogue, task_id) WHERE task_id IS NOT NULL",
            "CREATE TABLE " + s + ".budgets (service text NOT NULL, access_key text NOT NULL, submits_per_window integer NOT NULL CHECK (submits_per_window >= 1), " +
                "known integer CHECK (known >= 1), window_ms integer NOT NULL CHECK (window_ms >= 1), slow_start boolean NOT NULL, quiet_windows integer NOT NULL, " +
                "window_started timestamptz NOT NULL, accepted_this_window integer NOT NULL, refused_this_window boolean NOT NULL, limited_this_window boolean NOT NULL DEFAULT false, last_grant timestamptz, last_refused timestamptz, " +
                "PRIMARY KEY (service, access_key))",
            "CREATE TABLE " + s + ".budget_holders (id uuid PRIMARY KEY, seen timestamptz NOT NULL, grace_ms integer NOT NULL CHECK (grace_ms >= 1))",
            "CREATE TABLE " + s + ".budget_permits (id bigserial PRIMARY KEY, service text NOT NULL, access_key text NOT NULL, holder uuid NOT NULL REFERENCES " + s + ".budget_holders (id), " +
                "granted_at timestamptz NOT NULL, held_until timestamptz NOT NULL, answered boolean NOT NULL DEFAULT false, accepted_at timestamptz, " +
                "FOREIGN KEY (service, access_key) REFERENCES " + s + ".budgets (service, access_key))",
            "CREATE INDEX budget_permits_held ON " + s + ".budget_permits (service, access_key, held_until)",

            // One permit, or how long to wait for one: the budget's row locked while it is decided, so that every holder of the key is
            // counted against one limit. A window that has passed first grows the limit as the in-process pacer does (a window was all
            // used when as many submits were accepted in it as the limit, or an ask in it found every permit held). The permit is
            // given for the first moment, within a window, at which both the spacing and the limit allow one: its slot in the spacing
            // (which keeps to its schedule; after an idle spell at most half a slot is made up), and no sooner than enough of the
            // permits held then have run out. It counts as held from now, and its holder sends at that moment, with no second ask. A
            // permit not yet given back counts only while its process is alive (it beats within the grace that process gave; its first ask records it): a process
            // that died holding permits (reserved ahead, or with calls on their way) holds the key's budget a few seconds, not minutes.
            "CREATE FUNCTION " + s + ".budget_acquire(p_service text, p_key text, p_holder uuid, p_max_hold_ms integer, p_holder_grace_ms integer) " +
            "RETURNS TABLE (permit_id bigint, wait_ms integer, submits_per_window integer) LANGUAGE plpgsql AS $$\n" +
            "DECLARE b " + s + ".budgets%ROWTYPE; t timestamptz := clock_timestamp(); at timestamptz; spacing interval; frees timestamptz; held integer; grown integer; used_all boolean; granted bigint;\n" +
            "BEGIN\n" +
            "  SELECT * INTO b FROM " + s + ".budgets WHERE service = p_service AND access_key = p_key FOR UPDATE;\n" +
            "  IF NOT FOUND THEN RAISE EXCEPTION 'no budget for access key % at %', p_key, p_service; END IF;\n" +
            "  INSERT INTO " + s + ".budget_holders (id, seen, grace_ms) VALUES (p_holder, t, p_holder_grace_ms) ON CONFLICT (id) DO NOTHING;\n" +
            "  IF t - b.window_started >= make_interval(secs => b.window_ms / 1000.0) THEN\n" +
            "    used_all := b.accepted_this_window >= b.submits_per_window OR b.limited_this_window; grown := b.submits_per_window;\n" +
            "    IF used_all AND NOT b.refused_this_window THEN\n" +
            "      IF b.slow_start THEN grown := b.submits_per_window * 2;\n" +
            "      ELSE b.quiet_windows := b.quiet_windows + 1; IF b.quiet_windows >= 10 THEN grown := b.submits_per_window + 1; b.quiet_windows := 0; END IF; END IF;\n" +
            "    ELSIF NOT used_all THEN b.quiet_windows := 0; END IF;\n" +
            "    IF b.known IS NOT NULL AND grown > b.known THEN grown := b.known; END IF;\n" +
            "    b.submits_per_window := grown; b.window_started := t; b.accepted_this_window := 0; b.refused_this_window := false;\n" +
            "    UPDATE " + s + ".budgets SET submits_per_window = b.submits_per_window, quiet_windows = b.quiet_windows, window_started = b.window_started, " +
                "accepted_this_window = 0, refused_this_window = false, limited_this_window = false WHERE service = p_service AND access_key = p_key;\n" +
            "    DELETE FROM " + s + ".budget_permits WHERE service = p_service AND access_key = p_key AND held_until < t - interval '10 minutes';\n" +
            "    DELETE FROM " + s + ".budget_holders h WHERE h.seen < t - interval '1 day' AND NOT EXISTS (SELECT 1 FROM " + s + ".budget_permits p WHERE p.holder = h.id);\n" +
            "  END IF;\n" +
            "  spacing := make_interval(secs => b.window_ms / 1000.0 / b.submits_per_window);\n" +
            "  at := GREATEST(t, COALESCE(b.last_grant + spacing, t));\n" +
            "  SELECT count(*) INTO held FROM " + s + ".budget_permits p JOIN " + s + ".budget_holders h ON h.id = p.holder " +
                "WHERE p.service = p_service AND p.access_key = p_key AND p.held_until > at AND (p.answered OR h.seen > t - make_interval(secs => h.grace_ms / 1000.0));\n" +
            "  IF held >= b.submits_per_window THEN\n" +
            "    UPDATE " + s + ".budgets SET limited_this_window = true WHERE service = p_service AND access_key = p_key AND NOT limited_this_window;\n" +
            "    SELECT p.held_until INTO frees FROM " + s + ".budget_permits p JOIN " + s + ".budget_holders h ON h.id = p.holder " +
                "WHERE p.service = p_service AND p.access_key = p_key AND p.held_until > at AND (p.answered OR h.seen > t - make_interval(secs => h.grace_ms / 1000.0)) " +
                "ORDER BY p.held_until OFFSET held - b.submits_per_window LIMIT 1;\n" +
            "    at := frees;\n" +
            "  END IF;\n" +
            "  IF at - t > make_interval(secs => b.window_ms / 1000.0) THEN\n" +
            "    RETURN QUERY SELECT NULL::bigint, GREATEST(1, CEIL(EXTRACT(EPOCH FROM (at - t - make_interval(secs => b.window_ms / 1000.0))) * 1000))::integer, b.submits_per_window;\n" +
            "    RETURN;\n" +
            "  END IF;\n" +
            "  INSERT INTO " + s + ".budget_permits (service, access_key, holder, granted_at, held_until) VALUES (p_service, p_key, p_holder, at, at + make_interval(secs => p_max_hold_ms / 1000.0)) RETURNING budget_permits.id INTO granted;\n" +
            "  UPDATE " + s + ".budgets SET last_grant = GREATEST(at, COALESCE(b.last_grant + spacing, at), t - spacing / 2) WHERE service = p_service AND access_key = p_key;\n" +
            "  RETURN QUERY SELECT granted, GREATEST(0, CEIL(EXTRACT(EPOCH FROM (at - t)) * 1000))::integer, b.submits_per_window;\n" +
            "END $$",

            // A permit given back: what came of the submit decides how long it still counts, and a 501 lowers the limit for everyone.
            "CREATE FUNCTION " + s + ".budget_release(p_permit bigint, p_outcome text) RETURNS integer LANGUAGE plpgsql AS $$\n" +
            "DECLARE b " + s + ".budgets%ROWTYPE; t timestamptz := clock_timestamp(); p " + s + ".budget_permits%ROWTYPE; hold interval; accepted integer; same_burst boolean; lower integer;\n" +
            "BEGIN\n" +
            "  SELECT * INTO p FROM " + s + ".budget_permits WHERE id = p_permit;\n" +
            "  IF NOT FOUND THEN RETURN 0; END IF;\n" +
            "  SELECT * INTO b FROM " + s + ".budgets WHERE service = p.service AND access_key = p.access_key FOR UPDATE;\n" +
            "  hold := make_interval(secs => b.window_ms / 1000.0 + LEAST(b.window_ms / 500000.0, 0.1));\n" +
            "  IF p_outcome = 'NotSent' THEN DELETE FROM " + s + ".budget_permits WHERE id = p_permit; RETURN b.submits_per_window; END IF;\n" +
            "  IF p_outcome = 'Accepted' THEN\n" +
            "    UPDATE " + s + ".budget_permits SET held_until = t + hold, accepted_at = t, answered = true WHERE id = p_permit;\n" +
            "    UPDATE " + s + ".budgets SET accepted_this_window = accepted_this_window + 1 WHERE service = p.service AND access_key = p.access_key;\n" +
            "  ELSIF p_outcome = 'RateLimited' THEN\n" +
            "    UPDATE " + s + ".budget_permits SET held_until = t + hold, answered = true WHERE id = p_permit;\n" +
            "    SELECT count(*) INTO accepted FROM " + s + ".budget_permits WHERE service = p.service AND access_key = p.access_key AND accepted_at > t - hold;\n" +
            "    same_burst := b.last_refused IS NOT NULL AND t - b.last_refused < make_interval(secs => b.window_ms / 1000.0 / b.submits_per_window);\n" +
            "    lower := GREATEST(1, LEAST(CASE WHEN same_burst THEN b.submits_per_window ELSE b.submits_per_window - 1 END, accepted));\n" +
            "    UPDATE " + s + ".budgets SET submits_per_window = lower, slow_start = false, quiet_windows = 0, refused_this_window = true, last_refused = t " +
                "WHERE service = p.service AND access_key = p.access_key;\n" +
            "    b.submits_per_window := lower;\n" +
            "  ELSIF p_outcome = 'Answered' THEN\n" +
            "    UPDATE " + s + ".budget_permits SET held_until = t + hold, answered = true WHERE id = p_permit;\n" +
            "  ELSE RAISE EXCEPTION 'no outcome %', p_outcome; END IF;\n" +
            "  RETURN b.submits_per_window;\n" +
            "END $$",
        };
    }
}
