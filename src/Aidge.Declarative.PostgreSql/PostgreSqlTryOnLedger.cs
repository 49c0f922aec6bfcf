using System;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Npgsql;

namespace Aidge.Declarative.PostgreSql
{
    /// <summary>How the shared ledger is kept.</summary>
    public sealed class PostgreSqlLedgerOptions
    {
        /// <summary>The PostgreSQL schema that holds the ledger's tables (and the submit budget's); <c>aidge</c> by default, created when missing.</summary>
        public string Schema { get; set; } = "aidge";

        /// <summary>
        /// How long a worker's claim on a look lasts unless renewed (it is renewed every third of it while the look is worked on):
        /// a worker that dies, or is paused past it, loses the looks it held to the others after this long. 30 s by default; at
        /// least 1 s. Counted on the database's clock.
        /// </summary>
        public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// How long after its submit a look recorded as submitting is left to its holder, even once the holder's lease has run out: the
        /// holder may be slow rather than gone, with the answer on its way. After it the look is in doubt to every worker (until a late
        /// answer mends it). The client's longest call (<see cref="TryOnClientOptions.RequestTimeout"/>, 100 s by default) is enough: 2
        /// minutes by default. A shorter grace is safe (nothing is submitted again either way); it only reports doubts sooner.
        /// </summary>
        public TimeSpan AnswerGrace { get; set; } = TimeSpan.FromMinutes(2);
    }

    /// <summary>
    /// A catalogue's ledger in PostgreSQL, through Npgsql, that many runs share at once, in many processes on many machines: each
    /// look is worked on under a claim with a lease and a fencing token, and a run sends a look's paid submit only after the
    /// database has recorded it as submitting under a claim still held, so that at most one paid submit per key is ever made.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Catalogues.</b> One database (one schema) holds any number of catalogues, kept apart by name: the catalogue is part of every
    /// look's key. Each catalogue belongs to one <see cref="TryOnLedgerOwner"/>, recorded by its first session and checked by every
    /// later one, as for <see cref="SqliteTryOnLedger"/>.
    /// </para>
    /// <para>
    /// <b>Claims.</b> A session is one worker. Claiming a look that no live worker holds takes it, with a lease counted on the
    /// database's clock (<c>now()</c>), never on the workers' clocks, and a fencing token one greater than the look's last. Every
    /// write names its claim and is refused in the same statement when the claim was replaced; recording a look as submitting
    /// also requires that the lease has not run out. A worker paused past its lease (a GC pause, a frozen VM, SIGSTOP) finds its
    /// write refused when it wakes, and does not send. The answer of a submit is recorded against the submit's own token, so a
    /// task id that arrives after the lease ran out is still kept. A look recorded as submitting whose holder is gone is in doubt,
    /// and a look with a task id whose holder is gone is polled by whichever worker claims it next.
    /// </para>
    /// <para>
    /// <b>The layout</b> is created when missing and checked when present, with a version (<see cref="PostgreSqlSchema"/>); states,
    /// editions and error kinds are stored by name, and a schema holding another program's tables is refused.
    /// </para>
    /// </remarks>
    public sealed class PostgreSqlTryOnLedger : ITryOnLedger
    {
        /// <summary>
        /// The most connections the pool of a ledger opened from a connection string holds, unless the string sets <c>Maximum Pool Size</c>:
        /// each statement is short, and a run's looks in flight share a few connections (Npgsql's own default, 100 a pool, would let a
        /// few workers and a storefront take all of a default server's).
        /// </summary>
        public const int DefaultMaxPoolSize = 16;

        private readonly NpgsqlDataSource _dataSource;
        private readonly bool _ownsDataSource;

        private readonly TimeSpan _answerGrace;

        private PostgreSqlTryOnLedger(NpgsqlDataSource dataSource, bool ownsDataSource, string catalogue, string schema, TimeSpan lease, TimeSpan answerGrace)
        {
            _answerGrace = answerGrace;
            _dataSource = dataSource;
            _ownsDataSource = ownsDataSource;
            Catalogue = catalogue;
            Schema = schema;
            Lease = lease;
        }

        /// <summary>The catalogue's name: its looks are apart from every other catalogue's in the same database.</summary>
        public string Catalogue { get; }

        /// <summary>The schema that holds the tables.</summary>
        public string Schema { get; }

        /// <summary>How long a claim lasts unless renewed.</summary>
        public TimeSpan Lease { get; }

        /// <summary>Opens the catalogue <paramref name="catalogue"/> in the database <paramref name="dataSource"/> reaches, creating its tables if they are not there.</summary>
        /// <param name="dataSource">The database; it stays the caller's (the ledger does not dispose it).</param>
        /// <param name="catalogue">The catalogue's name: 1 to 200 characters, no control character.</param>
        /// <param name="options">The schema and the lease; the defaults when null.</param>
        /// <param name="cancellationToken">Cancels the connection and the check.</param>
        /// <exception cref="System.IO.IOException">The schema holds another version's layout, or another program's tables.</exception>
        public static Task<PostgreSqlTryOnLedger> OpenAsync(NpgsqlDataSource dataSource, string catalogue, PostgreSqlLedgerOptions? options = null, CancellationToken cancellationToken = default) =>
            OpenAsync(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, catalogue, options, cancellationToken);

        /// <summary>
        /// Opens the catalogue <paramref name="catalogue"/> in the database of <paramref name="connectionString"/> (an Npgsql connection
        /// string; the ledger's pool holds at most <see cref="DefaultMaxPoolSize"/> connections unless the string sets <c>Maximum Pool Size</c>).
        /// </summary>
        /// <inheritdoc cref="OpenAsync(NpgsqlDataSource, string, PostgreSqlLedgerOptions?, CancellationToken)"/>
        public static Task<PostgreSqlTryOnLedger> OpenAsync(string connectionString, string catalogue, PostgreSqlLedgerOptions? options = null, CancellationToken cancellationToken = default) =>
            OpenAsync(PostgreSqlSchema.CreateDataSource(connectionString, DefaultMaxPoolSize), ownsDataSource: true, catalogue, options, cancellationToken);

        /// <inheritdoc/>
        public async ValueTask<ITryOnLedgerSession> BeginSessionAsync(TryOnLedgerOwner owner, TryOnLedgerOwner? adoptFrom = null, CancellationToken cancellationToken = default)
        {
            if (owner is null)
            {
                throw new ArgumentNullException(nameof(owner));
            }

            await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            TryOnLedgerOwner? recorded;
            await using (var read = new NpgsqlCommand("SELECT owner_service, owner_access_key FROM " + Schema + ".ledger_catalogues WHERE catalogue = $1 FOR UPDATE", connection, transaction))
            {
                read.Parameters.AddWithValue(Catalogue);
                await using NpgsqlDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new System.IO.IOException("The " + ToString() + " is gone from its database (its row was deleted since it was opened): open it again.");
                }

                recorded = reader.IsDBNull(0) ? null : new TryOnLedgerOwner(reader.GetString(0), reader.GetString(1));
            }

            if (TryOnLedgerOwner.Admit(ToString(), recorded, owner, adoptFrom))
            {
                await using var write = new NpgsqlCommand(
                    "UPDATE " + Schema + ".ledger_catalogues SET owner_service = $2, owner_access_key = $3, adopted_from = COALESCE($4, adopted_from) WHERE catalogue = $1",
                    connection,
                    transaction);
                write.Parameters.AddWithValue(Catalogue);
                write.Parameters.AddWithValue(owner.ServiceName);
                write.Parameters.AddWithValue(owner.AccessKey);
                write.Parameters.AddWithValue((object?)recorded?.ToString() ?? DBNull.Value);
                await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new PostgreSqlLedgerSession(_dataSource, Schema, Catalogue, owner, Lease, _answerGrace);
        }

        /// <summary>Whose the catalogue is; null for one no session has taken yet.</summary>
        /// <param name="cancellationToken">Cancels the read.</param>
        public async Task<TryOnLedgerOwner?> GetOwnerAsync(CancellationToken cancellationToken = default)
        {
            await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var read = new NpgsqlCommand("SELECT owner_service, owner_access_key FROM " + Schema + ".ledger_catalogues WHERE catalogue = $1", connection);
            read.Parameters.AddWithValue(Catalogue);
            await using NpgsqlDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? new TryOnLedgerOwner(reader.GetString(0), reader.GetString(1)) : null;
        }

        /// <summary>Releases the connections the ledger made (a data source given to it stays the caller's).</summary>
        public async ValueTask DisposeAsync()
        {
            if (_ownsDataSource)
            {
                await _dataSource.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>The catalogue, as messages name it: <c>PostgreSQL schema.catalogue</c> and the database.</summary>
        public override string ToString() => "PostgreSQL ledger '" + Catalogue + "' (schema " + Schema + ", database " + _dataSource.DatabaseName() + ")";

        private static async Task<PostgreSqlTryOnLedger> OpenAsync(NpgsqlDataSource dataSource, bool ownsDataSource, string catalogue, PostgreSqlLedgerOptions? options, CancellationToken cancellationToken)
        {
            try
            {
                options ??= new PostgreSqlLedgerOptions();
                CheckCatalogue(catalogue);
                string schema = PostgreSqlSchema.Check(options.Schema);
                if (options.Lease < TimeSpan.FromSeconds(1) || options.Lease > TimeSpan.FromHours(1))
                {
                    throw new ArgumentException("PostgreSqlLedgerOptions.Lease is " + options.Lease + "; it must be 1 s to 1 hour.", nameof(options));
                }

                if (options.AnswerGrace < TimeSpan.Zero || options.AnswerGrace > TimeSpan.FromHours(1))
                {
                    throw new ArgumentException("PostgreSqlLedgerOptions.AnswerGrace is " + options.AnswerGrace + "; it must be 0 to 1 hour.", nameof(options));
                }

                await PostgreSqlSchema.EnsureAsync(dataSource, schema, cancellationToken).ConfigureAwait(false);
                await using (NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
                await using (var register = new NpgsqlCommand("INSERT INTO " + schema + ".ledger_catalogues (catalogue) VALUES ($1) ON CONFLICT (catalogue) DO NOTHING", connection))
                {
                    register.Parameters.AddWithValue(catalogue);
                    await register.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return new PostgreSqlTryOnLedger(dataSource, ownsDataSource, catalogue, schema, options.Lease, options.AnswerGrace);
            }
            catch
            {
                if (ownsDataSource)
                {
                    await dataSource.DisposeAsync().ConfigureAwait(false);
                }

                throw;
            }
        }

        private static void CheckCatalogue(string catalogue)
        {
            if (catalogue is null)
            {
                throw new ArgumentNullException(nameof(catalogue));
            }

            if (catalogue.Length == 0 || catalogue.Length > 200 || char.IsWhiteSpace(catalogue[0]) || char.IsWhiteSpace(catalogue[catalogue.Length - 1]))
            {
                throw new ArgumentException("A catalogue's name is 1 to 200 characters with no white space at either end; '" + catalogue + "' is not.", nameof(catalogue));
            }

            foreach (char c in catalogue)
            {
                if (char.IsControl(c) || char.IsSurrogate(c))
                {
                    throw new ArgumentException("A catalogue's name holds no control character and no surrogate.", nameof(catalogue));
                }
            }
        }
    }

    internal static class DataSourceNames
    {
        public static string DatabaseName(this NpgsqlDataSource dataSource) =>
            new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database ?? "(default)";
    }
}
