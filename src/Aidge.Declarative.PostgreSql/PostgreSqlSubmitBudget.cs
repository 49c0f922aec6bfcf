using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Aidge.Declarative.PostgreSql
{
    /// <summary>How a shared submit budget is kept.</summary>
    public sealed class PostgreSqlSubmitBudgetOptions
    {
        /// <summary>
        /// The key's submits per <see cref="Window"/>, when known (3 per 60 s in the vendor's test phase). The first process that opens the
        /// key's budget records it (or, when null, a budget to learn: starting at 1 per window and doubling until the first 501), and every
        /// later one takes what is recorded: a later process that gives other values is refused with an
        /// <see cref="InvalidOperationException"/> rather than change the budget for everyone, unless <see cref="Reconfigure"/> is set.
        /// Null (the default): what is recorded.
        /// </summary>
        public int? SubmitsPerWindow { get; set; }

        /// <summary>The window the budget is counted over, for a budget this process records; 60 s by default. A recorded budget keeps its own.</summary>
        public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Whether this process records <see cref="SubmitsPerWindow"/> and <see cref="Window"/> as the key's budget for every process,
        /// replacing what is recorded (the vendor raised the key's limit, say). False by default: a budget is recorded once.
        /// </summary>
        public bool Reconfigure { get; set; }

        /// <summary>
        /// How long a process may go unheard (it beats every quarter of this while it lives) before the permits it holds
        /// and has not given back stop counting: a process that died, or was frozen, holding permits holds the key's budget this long at
        /// most. 10 s by default; at least 2 s.
        /// </summary>
        public TimeSpan HolderTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// How long a permit counts when it is never given back by a process that lives on (the database was out of reach when it was
        /// to be given back, say): then it expires. A dead process's permits stop counting sooner, after <see cref="HolderTimeout"/>.
        /// The window plus the client's longest call is enough; 2 minutes plus the window by default.
        /// </summary>
        public TimeSpan? PermitTimeout { get; set; }

        /// <summary>The PostgreSQL schema that holds the tables (the ledger's); <c>aidge</c> by default, created when missing.</summary>
        public string Schema { get; set; } = "aidge";

        /// <summary>The clock for the waits between asking for a permit. The budget's own time is the database's.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
    }

    /// <summary>
    /// An access key's submit budget in PostgreSQL, shared by every process that submits under the key: catalogue workers on several
    /// machines and a storefront's instances alike. Give it to <see cref="TryOnClientOptions.SubmitBudget"/> (or register it as an
    /// <see cref="ITryOnSubmitBudget"/> with dependency injection); a catalogue run over that client uses it too.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Its semantics are the in-process pacer's, with its state and its time in the database: a permit is held from before the send
    /// until a window after the answer; permits are granted one every window / limit, across all processes; a 501 lowers the limit
    /// for everyone to what the service accepted in the last window; a limit learned or lowered is probed one higher after ten quiet
    /// windows in which it was all used; a permit never given back expires after <see cref="PostgreSqlSubmitBudgetOptions.PermitTimeout"/>,
    /// or sooner, once its process has gone unheard for <see cref="PostgreSqlSubmitBudgetOptions.HolderTimeout"/>. The budget's size
    /// and window are recorded once, by the first process, and taken by every other (<see cref="PostgreSqlSubmitBudgetOptions.SubmitsPerWindow"/>).
    /// </para>
    /// <para>
    /// Each decision is one call of a function in the database that locks the key's row, so every holder is counted against one limit
    /// on one clock (the database's). It gives a permit for the first moment within a window at which the spacing and the limit allow
    /// one, and the caller sends at that moment without asking again. In each process one caller at a time asks; the others wait their
    /// turn in the process, so a process with a thousand looks waiting asks no more often than one with a few.
    /// </para>
    /// </remarks>
    public sealed class PostgreSqlSubmitBudget : ITryOnSubmitBudget, IAsyncDisposable
    {
        private readonly NpgsqlDataSource _dataSource;
        private readonly bool _ownsDataSource;
        private readonly PostgreSqlSubmitBudgetOptions _options;
        private readonly string _schema;
        private readonly string _service;
        private readonly string _accessKey;
        private readonly int _maxHoldMs;
        private readonly TimeProvider _time;
        private static readonly TimeSpan OutOfReachLimit = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The most connections the pool of a budget opened from a connection string (or registered with dependency injection) holds,
        /// unless the string sets <c>Maximum Pool Size</c>: one ask at a time, the permits given back, and the beat.
        /// </summary>
        public const int DefaultMaxPoolSize = 4;
        private readonly SemaphoreSlim _asking = new(1, 1);
        private readonly Guid _holder = Guid.NewGuid();
        private readonly int _holderGraceMs;
        private ITimer? _beat;
        private int _disposed;
        private bool _ready;
        private int _submitsPerWindow;
        private long _windowTicks;
        private int _known;

        /// <summary>The budget of the access key <paramref name="accessKey"/> at the service <paramref name="serviceName"/>, in the database <paramref name="dataSource"/> reaches; its tables are made or checked when it is first used.</summary>
        /// <param name="dataSource">The database; it stays the caller's.</param>
        /// <param name="serviceName">The service, as <see cref="TryOnClient.ServiceName"/> (or <see cref="TryOnClientOptions.GetServiceName"/>) names it.</param>
        /// <param name="accessKey">The access key's name.</param>
        /// <param name="options">The budget's size and window; the defaults learn it, over 60 s.</param>
        /// <exception cref="ArgumentException">The options are not usable; the message says which.</exception>
        public PostgreSqlSubmitBudget(NpgsqlDataSource dataSource, string serviceName, string accessKey, PostgreSqlSubmitBudgetOptions? options = null)
            : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, serviceName, accessKey, options)
        {
        }

        private PostgreSqlSubmitBudget(NpgsqlDataSource dataSource, bool ownsDataSource, string serviceName, string accessKey, PostgreSqlSubmitBudgetOptions? options)
        {
            options ??= new PostgreSqlSubmitBudgetOptions();
            if (string.IsNullOrEmpty(serviceName) || string.IsNullOrEmpty(accessKey))
            {
                throw new ArgumentException("A budget is an access key's at a service: give both.", string.IsNullOrEmpty(serviceName) ? nameof(serviceName) : nameof(accessKey));
            }

            var problems = new System.Collections.Generic.List<string>();
            if (options.SubmitsPerWindow is < 1)
            {
                problems.Add("SubmitsPerWindow is " + options.SubmitsPerWindow + "; give at least 1, or null to take what is recorded.");
            }

            if (options.Window <= TimeSpan.Zero || options.Window > TimeSpan.FromHours(1))
            {
                problems.Add("Window is " + options.Window + "; it must be more than 0 and at most 1 hour.");
            }

            if (options.PermitTimeout is { } timeout && timeout <= options.Window)
            {
                problems.Add("PermitTimeout is " + timeout + "; it must be longer than Window (" + options.Window + ").");
            }

            if (options.HolderTimeout < TimeSpan.FromSeconds(2) || options.HolderTimeout > TimeSpan.FromHours(1))
            {
                problems.Add("HolderTimeout is " + options.HolderTimeout + "; it must be 2 s to 1 hour.");
            }

            if (options.TimeProvider is null)
            {
                problems.Add("TimeProvider is null.");
            }

            if (problems.Count != 0)
            {
                throw new ArgumentException("The PostgreSqlSubmitBudgetOptions are not usable: " + string.Join(" ", problems), nameof(options));
            }

            _dataSource = dataSource;
            _ownsDataSource = ownsDataSource;
            _options = options;
            _schema = PostgreSqlSchema.Check(options.Schema);
            _service = serviceName;
            _accessKey = accessKey;
            _time = options.TimeProvider!;
            _windowTicks = options.Window.Ticks;
            _known = options.SubmitsPerWindow is null ? 0 : 1;
            _maxHoldMs = (int)(options.PermitTimeout ?? options.Window + TimeSpan.FromMinutes(2)).TotalMilliseconds;
            _holderGraceMs = (int)options.HolderTimeout.TotalMilliseconds;
            _submitsPerWindow = options.SubmitsPerWindow ?? 1;
        }

        /// <inheritdoc/>
        public int SubmitsPerWindow => Volatile.Read(ref _submitsPerWindow);

        /// <inheritdoc/>
        public bool IsKnown => Volatile.Read(ref _known) != 0;

        /// <inheritdoc/>
        public TimeSpan Window => TimeSpan.FromTicks(Interlocked.Read(ref _windowTicks));

        /// <summary>The budget, its tables made or checked now, so that a database out of reach or of another layout is told at once.</summary>
        /// <param name="dataSource">The database; it stays the caller's.</param>
        /// <param name="serviceName">The service, as <see cref="TryOnClient.ServiceName"/> names it.</param>
        /// <param name="accessKey">The access key's name.</param>
        /// <param name="options">The budget's size and window; the defaults learn it, over 60 s.</param>
        /// <param name="cancellationToken">Cancels the connection and the set-up.</param>
        public static async Task<PostgreSqlSubmitBudget> OpenAsync(NpgsqlDataSource dataSource, string serviceName, string accessKey, PostgreSqlSubmitBudgetOptions? options = null, CancellationToken cancellationToken = default)
        {
            var budget = new PostgreSqlSubmitBudget(dataSource, serviceName, accessKey, options);
            await budget.EnsureAsync(cancellationToken).ConfigureAwait(false);
            return budget;
        }

        /// <summary>The budget of an access key at a service, in the database of <paramref name="connectionString"/> (an Npgsql connection string), its tables made or checked now.</summary>
        /// <param name="connectionString">The database. Its pool holds at most <see cref="DefaultMaxPoolSize"/> connections unless the string sets <c>Maximum Pool Size</c>.</param>
        /// <param name="serviceName">The service, as <see cref="TryOnClient.ServiceName"/> names it.</param>
        /// <param name="accessKey">The access key's name.</param>
        /// <param name="options">The budget's size and window; the defaults learn it, over 60 s.</param>
        /// <param name="cancellationToken">Cancels the connection and the set-up.</param>
        public static async Task<PostgreSqlSubmitBudget> OpenAsync(string connectionString, string serviceName, string accessKey, PostgreSqlSubmitBudgetOptions? options = null, CancellationToken cancellationToken = default)
        {
            NpgsqlDataSource dataSource = PostgreSqlSchema.CreateDataSource(connectionString, DefaultMaxPoolSize);
            try
            {
                var budget = new PostgreSqlSubmitBudget(dataSource, ownsDataSource: true, serviceName, accessKey, options);
                await budget.EnsureAsync(cancellationToken).ConfigureAwait(false);
                return budget;
            }
            catch
            {
                await dataSource.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <inheritdoc/>
        public async ValueTask<ITryOnSubmitPermit> AcquireAsync(CancellationToken cancellationToken = default)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                // Disposed, it no longer beats: a permit it gave now would stop counting for the others within the holder's timeout.
                throw new ObjectDisposedException(nameof(PostgreSqlSubmitBudget));
            }

            long outOfReachSince = 0;
            while (true)
            {
                long? id;
                int waitMs;
                try
                {
                    (id, waitMs) = await AskAsync(cancellationToken).ConfigureAwait(false);
                    outOfReachSince = 0;
                }
                catch (NpgsqlException exception) when (exception.IsTransient || exception is PostgresException { SqlState: "57P01" or "57P02" or "57P03" })
                {
                    // The database is restarting, or out of reach for a moment: waiting for a permit may wait for it too, for a while.
                    long now = _time.GetTimestamp();
                    outOfReachSince = outOfReachSince == 0 ? now : outOfReachSince;
                    if (_time.GetElapsedTime(outOfReachSince, now) > OutOfReachLimit)
                    {
                        throw;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (id is not { } granted)
                {
                    // Nothing within a window: the limit is held by submits still on their way, whose answers will shorten their hold.
                    // Ask again within a slot of the spacing, when one of them has likely been answered.
                    TimeSpan slot = TimeSpan.FromTicks(Window.Ticks / Math.Max(1, SubmitsPerWindow));
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Min(waitMs, slot.TotalMilliseconds))), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var permit = new Permit(this, granted);
                if (waitMs > 0)
                {
                    // The permit is this caller's from the moment the database gave it: the send waits for it, with no second ask.
                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(waitMs), _time, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        await permit.ReleaseAsync(TryOnSubmitOutcome.NotSent, CancellationToken.None).ConfigureAwait(false);
                        throw;
                    }
                }

                return permit;
            }
        }

        /// <summary>Releases the connections the budget made (a data source given to it stays the caller's).</summary>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            Interlocked.Exchange(ref _beat, null)?.Dispose();
            if (_ownsDataSource)
            {
                await _dataSource.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <inheritdoc/>
        public override string ToString() => "PostgreSqlSubmitBudget { AccessKey = " + _accessKey + ", Service = " + _service + ", SubmitsPerWindow = " + SubmitsPerWindow + ", Window = " + Window + " }";

        /// <summary>
        /// Makes or checks the budget's tables, and takes the key's recorded budget (or records this one), now: a database out of reach,
        /// of another layout, or a budget other than the recorded one then stops the process at its start rather than at its first
        /// submit. <c>OpenAsync</c> does it; a budget registered with dependency injection does it at its first permit, unless asked
        /// sooner (a storefront before it takes requests). Done once; later calls return at once.
        /// </summary>
        /// <param name="cancellationToken">Cancels the connection and the set-up.</param>
        /// <exception cref="InvalidOperationException">This process gives another budget than the recorded one (see <see cref="PostgreSqlSubmitBudgetOptions.SubmitsPerWindow"/>).</exception>
        /// <exception cref="System.IO.IOException">The schema holds another version's layout, or another program's tables.</exception>
        public Task CheckAsync(CancellationToken cancellationToken = default) => EnsureAsync(cancellationToken);

        private async Task EnsureAsync(CancellationToken cancellationToken)
        {
            await _asking.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_ready)
                {
                    await SetUpAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _asking.Release();
            }
        }

        // The tables, then the key's row: recorded once, by the first process (or anew, when asked), and taken as it is by every other.
        // Called under the asking gate.
        private async Task SetUpAsync(CancellationToken cancellationToken)
        {
            await PostgreSqlSchema.EnsureAsync(_dataSource, _schema, cancellationToken).ConfigureAwait(false);
            await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var given = new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = (object?)_options.SubmitsPerWindow ?? DBNull.Value };
            await using (var record = new NpgsqlCommand(
                "INSERT INTO " + _schema + ".budgets AS b (service, access_key, submits_per_window, known, window_ms, slow_start, quiet_windows, window_started, accepted_this_window, refused_this_window) " +
                "VALUES ($1, $2, COALESCE($3, 1), $3, $4, $3 IS NULL, 0, now(), 0, false) " +
                "ON CONFLICT (service, access_key) DO UPDATE SET known = excluded.known, window_ms = excluded.window_ms, submits_per_window = excluded.submits_per_window, " +
                "slow_start = excluded.slow_start, quiet_windows = 0 WHERE $5",
                connection))
            {
                record.Parameters.AddWithValue(_service);
                record.Parameters.AddWithValue(_accessKey);
                record.Parameters.Add(given);
                record.Parameters.AddWithValue((int)_options.Window.TotalMilliseconds);
                record.Parameters.AddWithValue(_options.Reconfigure);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var read = new NpgsqlCommand("SELECT submits_per_window, known, window_ms FROM " + _schema + ".budgets WHERE service = $1 AND access_key = $2", connection);
            read.Parameters.AddWithValue(_service);
            read.Parameters.AddWithValue(_accessKey);
            await using NpgsqlDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            int limit = reader.GetInt32(0);
            int? known = reader.IsDBNull(1) ? null : reader.GetInt32(1);
            int windowMs = reader.GetInt32(2);
            if (_options.SubmitsPerWindow is { } mine && (known != mine || windowMs != (int)_options.Window.TotalMilliseconds))
            {
                throw new InvalidOperationException(
                    "The submit budget of access key " + _accessKey + " at " + _service + " is recorded as " + (known is { } k ? k + " submits" : "learned (now " + limit + ")") + " per " +
                    TimeSpan.FromMilliseconds(windowMs) + ", and this process gives " + mine + " per " + _options.Window + ": a budget is the key's, the same for every process. " +
                    "Give the recorded one (or none, to take it), or set PostgreSqlSubmitBudgetOptions.Reconfigure to record this one for everyone.");
            }

            Volatile.Write(ref _submitsPerWindow, limit);
            Volatile.Write(ref _known, known is null ? 0 : 1);
            Interlocked.Exchange(ref _windowTicks, TimeSpan.FromMilliseconds(windowMs).Ticks);

            // The beat that keeps this process's permits counted while they are on their way: a quarter of the holder's grace.
            TimeSpan every = TimeSpan.FromMilliseconds(_holderGraceMs / 4.0);
            ITimer beat = _time.CreateTimer(_ => _ = BeatAsync(), null, every, every);
            if (Interlocked.CompareExchange(ref _beat, beat, null) is not null || Volatile.Read(ref _disposed) != 0)
            {
                beat.Dispose();
            }

            _ready = true;
        }

        private async Task BeatAsync()
        {
            try
            {
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
                await using var beat = new NpgsqlCommand(
                    "INSERT INTO " + _schema + ".budget_holders (id, seen, grace_ms) VALUES ($1, clock_timestamp(), $2) ON CONFLICT (id) DO UPDATE SET seen = excluded.seen", connection);
                beat.Parameters.AddWithValue(_holder);
                beat.Parameters.AddWithValue(_holderGraceMs);
                await beat.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is NpgsqlException or ObjectDisposedException or InvalidOperationException or TimeoutException)
            {
                // Out of reach: the next beat tells again. Meanwhile this process's permits on their way may stop counting.
            }
        }

        // One caller of the process at a time asks the database; it is answered at once, and lets the next one ask.
        private async Task<(long? Permit, int WaitMs)> AskAsync(CancellationToken cancellationToken)
        {
            await _asking.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_ready)
                {
                    await SetUpAsync(cancellationToken).ConfigureAwait(false);
                }

                return await CallAcquireAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _asking.Release();
            }
        }

        private async Task<(long? Permit, int WaitMs)> CallAcquireAsync(CancellationToken cancellationToken)
        {
            await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT permit_id, wait_ms, submits_per_window FROM " + _schema + ".budget_acquire($1, $2, $3, $4, $5)", connection);
            command.Parameters.AddWithValue(_service);
            command.Parameters.AddWithValue(_accessKey);
            command.Parameters.AddWithValue(_holder);
            command.Parameters.AddWithValue(_maxHoldMs);
            command.Parameters.AddWithValue(_holderGraceMs);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _submitsPerWindow, reader.GetInt32(2));
            return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt32(1));
        }

        private async ValueTask ReleaseAsync(long permit, TryOnSubmitOutcome outcome, CancellationToken cancellationToken)
        {
            await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT " + _schema + ".budget_release($1, $2)", connection);
            command.Parameters.AddWithValue(permit);
            command.Parameters.AddWithValue(outcome switch
            {
                TryOnSubmitOutcome.NotSent => "NotSent",
                TryOnSubmitOutcome.Accepted => "Accepted",
                TryOnSubmitOutcome.RateLimited => "RateLimited",
                _ => "Answered",
            });
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int limit && limit > 0)
            {
                Volatile.Write(ref _submitsPerWindow, limit);
            }
        }

        /// <summary>A permit in the database; given back once, and if never, it expires there.</summary>
        private sealed class Permit : ITryOnSubmitPermit
        {
            private readonly PostgreSqlSubmitBudget _budget;
            private readonly long _id;
            private int _given;

            public Permit(PostgreSqlSubmitBudget budget, long id)
            {
                _budget = budget;
                _id = id;
            }

            public async ValueTask ReleaseAsync(TryOnSubmitOutcome outcome, CancellationToken cancellationToken = default)
            {
                if (Interlocked.Exchange(ref _given, 1) != 0)
                {
                    return;
                }

                try
                {
                    await _budget.ReleaseAsync(_id, outcome, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException or ObjectDisposedException)
                {
                    // The database is out of reach (or the budget was disposed first): the permit counts until it expires (PermitTimeout),
                    // or until this process is no longer heard from (HolderTimeout), which errs on the side of fewer submits.
                }
            }

            public ValueTask DisposeAsync() => ReleaseAsync(TryOnSubmitOutcome.Answered);
        }
    }
}
