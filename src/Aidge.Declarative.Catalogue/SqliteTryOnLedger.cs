using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// The ledger in one SQLite file, through Microsoft.Data.Sqlite: nothing to install or start.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>One file, whole after every commit.</b> Each save is its own transaction, committed and synced to disk before it returns
    /// (a rollback journal, <c>synchronous=FULL</c>), so a look recorded as submitting survives a crash or a power cut of the process
    /// about to pay for it, and the <c>.db</c> file alone holds everything once a save has returned: it can be copied or backed up
    /// between saves. (A write-ahead log would keep recent commits in a second file that a copy of the first one loses.)
    /// </para>
    /// <para>
    /// <b>Checked when opened.</b> The file must carry the ledger's mark and this version's schema, word for word; SQLite's
    /// <c>integrity_check</c> must pass; every row must match the seal (a hash of all its values) it was written with; and the rows must
    /// add up to the count kept beside them. A file that fails any of these is refused with an <see cref="IOException"/> that names
    /// what failed, before anything is read from it: a damaged ledger could make a look that was paid for look new. A SQLite file of
    /// another program is refused untouched.
    /// </para>
    /// <para>
    /// <b>One run at a time.</b> The file is held exclusively while open (a lock file beside it, <c>.lock</c>, and SQLite's own
    /// exclusive lock): a second process opening it is refused at once with an <see cref="IOException"/>; and one object gives one
    /// session at a time (<see cref="BeginSessionAsync"/>), so two runs sharing it in one process are refused too. SQLite over a network
    /// file system is not safe: keep the file on a local disk, and use a ledger built for sharing to run a catalogue from several machines.
    /// </para>
    /// </remarks>
    public sealed class SqliteTryOnLedger : ITryOnLedger
    {
        private readonly SqliteConnection _connection;
        private readonly FileStream _lock;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly SqliteCommand _find;
        private readonly SqliteCommand _findTask;
        private readonly SqliteCommand _update;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _remove;
        private readonly SqliteCommand _setTally;
        private long _looks;
        private byte[] _keys;
        private readonly SqliteCommand _listInDoubt;
        private TryOnLedgerOwner? _owner;
        private Session? _session;
        private bool _disposed;

        private SqliteTryOnLedger(SqliteConnection connection, FileStream lockFile, string path, TryOnLedgerOwner? owner, long looks, byte[] keys)
        {
            _connection = connection;
            _looks = looks;
            _keys = keys;
            _lock = lockFile;
            _owner = owner;
            Path = path;
            _find = Prepare("SELECT " + SqliteLedgerRows.Columns + " FROM looks WHERE key = $key", "$key");
            _findTask = Prepare("SELECT key FROM looks WHERE task_id = $task_id LIMIT 1", "$task_id");
            string[] parameters = SqliteLedgerRows.ParameterNames();
            _insert = Prepare("INSERT INTO looks (" + SqliteLedgerRows.Columns + ") VALUES (" + string.Join(", ", parameters) + ")", parameters);
            _update = Prepare(
                "UPDATE looks SET fingerprint = $fingerprint, state = $state, task_id = $task_id, task_attached = $task_attached, edition = $edition, " +
                "pictures = $pictures, error_kind = $error_kind, error_code = $error_code, error_message = $error_message, request_id = $request_id, " +
                "submitted_at = $submitted_at, updated_at = $updated_at, seal = $seal WHERE key = $key",
                parameters);
            _setTally = Prepare("UPDATE tally SET looks = $looks, keys = $keys, seal = $seal", "$looks", "$keys", "$seal");
            _remove = Prepare("DELETE FROM looks WHERE key = $key", "$key");
            _listInDoubt = Prepare("SELECT " + SqliteLedgerRows.Columns + " FROM looks WHERE state IN ('InDoubt', 'Submitting') ORDER BY key");
        }

        /// <summary>The file's full path.</summary>
        public string Path { get; }

        /// <summary>
        /// Whose the ledger is; null for a ledger that holds no look yet. A ledger with no look has nothing of anyone's to replay, so
        /// the next session records its own owner (a run whose key was refused at once, say, leaves its ledger empty, and nobody's).
        /// </summary>
        public TryOnLedgerOwner? Owner => Interlocked.Read(ref _looks) == 0 ? null : Volatile.Read(ref _owner);

        /// <summary>Opens the ledger at <paramref name="path"/>, creating it if it does not exist, and checks it whole.</summary>
        /// <exception cref="IOException">
        /// Another run holds the ledger; or the file is not a ledger (another program's, or not SQLite), is a ledger of another schema
        /// version, or is damaged. The message says which, and names the file. Nothing in the file was changed.
        /// </exception>
        public static async Task<SqliteTryOnLedger> OpenAsync(string path, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("Give the path of the ledger's file.", nameof(path));
            }

            string fullPath = System.IO.Path.GetFullPath(path);
            bool lockIsOurs = !File.Exists(fullPath + ".lock");
            FileStream lockFile = TakeLock(fullPath);
            SqliteConnection? connection = null;
            try
            {
                bool isNew = !File.Exists(fullPath);
                if (!isNew && new FileInfo(fullPath).Length == 0)
                {
                    // A ledger is never empty once made (it holds its mark and its schema): an empty file is one truncated, or not a ledger.
                    throw new NotALedgerException(
                        "The file " + fullPath + " is empty. A ledger is never empty once made, so this is not one, or one that was emptied (a full disk, a " +
                        "sync tool, a stray '>'): it is not taken for a new ledger, which would pay for every look again. Restore the ledger, or delete the file to start one.");
                }

                var builder = new SqliteConnectionStringBuilder
                {
                    DataSource = fullPath,
                    Mode = isNew ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
                    Pooling = false,

                    // Microsoft.Data.Sqlite waits out a busy file for the command's timeout, whatever busy_timeout says: 1 s at most.
                    DefaultTimeout = 1,
                };
                connection = new SqliteConnection(builder.ToString());
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                Execute(connection, "PRAGMA busy_timeout = 0");
                TryOnLedgerOwner? owner;
                long looks;
                byte[] keys;
                try
                {
                    if (IsEmpty(connection))
                    {
                        Create(connection);
                    }
                    else
                    {
                        CheckIsLedger(connection, fullPath);
                    }

                    // Rollback journal, synced, the file held exclusively from the first write to the close.
                    Execute(connection, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = FULL; BEGIN EXCLUSIVE; COMMIT;");
                    (owner, looks, keys) = Verify(connection, fullPath, cancellationToken);
                }
                catch (SqliteException exception) when (exception.SqliteErrorCode is 5 or 6)
                {
                    throw InUse(fullPath, exception);
                }

                return new SqliteTryOnLedger(connection, lockFile, fullPath, owner, looks, keys);
            }
            catch (SqliteException exception)
            {
                connection?.Dispose();
                lockFile.Dispose();
                throw new IOException("The ledger " + fullPath + " could not be opened: " + exception.Message, exception);
            }
            catch (NotALedgerException notALedger)
            {
                // A file that is no ledger is left as it was found: without the lock file made beside it. (Another run that took the lock
                // meanwhile would refuse the file as well.)
                connection?.Dispose();
                lockFile.Dispose();
                if (lockIsOurs)
                {
                    File.Delete(fullPath + ".lock");
                }

                throw new IOException(notALedger.Message);
            }
            catch
            {
                connection?.Dispose();
                lockFile.Dispose();
                throw;
            }
        }

        /// <inheritdoc/>
        public async ValueTask<ITryOnLedgerSession> BeginSessionAsync(TryOnLedgerOwner owner, TryOnLedgerOwner? adoptFrom = null, CancellationToken cancellationToken = default)
        {
            if (owner is null)
            {
                throw new ArgumentNullException(nameof(owner));
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ThrowIfDisposed();
                if (_session is not null)
                {
                    throw new IOException("The ledger " + Path + " is in use by another run in this process; one run at a time may use a ledger.");
                }

                TryOnLedgerOwner? recorded = Owner;
                if (TryOnLedgerOwner.Admit(Path, recorded, owner, adoptFrom))
                {
                    RecordOwner(owner, recorded);
                    Volatile.Write(ref _owner, owner);
                }

                _session = new Session(this, owner);
                return _session;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Counts the looks in each state: for a summary, or a test.</summary>
        public async Task<IReadOnlyDictionary<TryOnLedgerState, int>> CountAsync(CancellationToken cancellationToken = default)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ThrowIfDisposed();
                var counts = new Dictionary<TryOnLedgerState, int>();
                foreach (TryOnLedgerState state in new[] { TryOnLedgerState.Submitting, TryOnLedgerState.Submitted, TryOnLedgerState.Finished, TryOnLedgerState.Failed, TryOnLedgerState.InDoubt })
                {
                    using SqliteCommand command = _connection.CreateCommand();
                    command.CommandText = "SELECT COUNT(*) FROM looks WHERE state = $state";
                    command.Parameters.AddWithValue("$state", TryOnLedgerValues.StateName(state));
                    int count = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                    if (count != 0)
                    {
                        counts[state] = count;
                    }
                }

                return counts;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Closes the file, releasing it for the next run.</summary>
        public async ValueTask DisposeAsync()
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _find.Dispose();
                _findTask.Dispose();
                _insert.Dispose();
                _update.Dispose();
                _remove.Dispose();
                _setTally.Dispose();
                _listInDoubt.Dispose();
                _connection.Dispose();

                // Last: the file is released only once SQLite has let go of it.
                _lock.Dispose();
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <inheritdoc/>
        public override string ToString() => "SqliteTryOnLedger { Path = " + Path + " }";

        // The lock beside the file: refused at once, not after a wait, when another process holds it.
        private static FileStream TakeLock(string fullPath)
        {
            try
            {
                return new FileStream(fullPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (DirectoryNotFoundException exception)
            {
                throw new IOException("The folder of the ledger " + fullPath + " does not exist: make it, or give the ledger a path in one that does.", exception);
            }
            catch (IOException exception) when (exception is not FileNotFoundException and not PathTooLongException)
            {
                throw InUse(fullPath, exception);
            }
        }

        private static IOException InUse(string fullPath, Exception inner) =>
            new("The ledger " + fullPath + " is in use by another run; one run at a time may use a ledger.", inner);

        private static bool IsEmpty(SqliteConnection connection) =>
            Scalar(connection, "PRAGMA application_id") == 0 && Scalar(connection, "SELECT COUNT(*) FROM sqlite_master") == 0;

        private static void Create(SqliteConnection connection)
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            foreach (string statement in SqliteLedgerRows.Schema)
            {
                Execute(connection, statement, transaction);
            }

            string none = SqliteLedgerRows.Hex(new byte[32]);
            using (SqliteCommand tally = connection.CreateCommand())
            {
                tally.Transaction = transaction;
                tally.CommandText = "INSERT INTO tally (looks, keys, seal) VALUES (0, $keys, $seal)";
                tally.Parameters.AddWithValue("$keys", none);
                tally.Parameters.AddWithValue("$seal", SqliteLedgerRows.TallySeal(0, none));
                tally.ExecuteNonQuery();
            }

            string version = SqliteLedgerRows.SchemaVersion.ToString(CultureInfo.InvariantCulture);
            InsertMeta(connection, transaction, "schema", version);
            Execute(connection, "PRAGMA application_id = " + SqliteLedgerRows.ApplicationId.ToString(CultureInfo.InvariantCulture), transaction);
            Execute(connection, "PRAGMA user_version = " + version, transaction);
            transaction.Commit();
        }

        // Read only: a file that is not this version's ledger is refused as it was found.
        private static void CheckIsLedger(SqliteConnection connection, string fullPath)
        {
            long mark = Scalar(connection, "PRAGMA application_id");
            if (mark != SqliteLedgerRows.ApplicationId)
            {
                bool earlier = mark == 0 && Tables(connection) is { } tables && tables.Contains("looks") && tables.Contains("meta");
                throw new NotALedgerException(earlier
                    ? "The ledger " + fullPath + " was written by an earlier version of Aidge.Declarative.Catalogue (schema 1), which recorded neither whose it is nor " +
                      "a seal per row; this version cannot check it, so it does not read it. Finish it with that version, or start a new ledger."
                    : "The file " + fullPath + " is a SQLite database of another program (it holds " + string.Join(", ", Tables(connection)) + "), not a ledger; it was left as it was. Give the ledger a file of its own.");
            }

            long version = Scalar(connection, "PRAGMA user_version");
            if (version != SqliteLedgerRows.SchemaVersion)
            {
                throw new IOException("The ledger " + fullPath + " has schema version " + version + "; this version of Aidge.Declarative.Catalogue reads version " + SqliteLedgerRows.SchemaVersion + ".");
            }
        }

        // The whole file, before anything is read from it: its structure, its schema, every row's seal, and the count of rows.
        private static (TryOnLedgerOwner? Owner, long Looks, byte[] Keys) Verify(SqliteConnection connection, string fullPath, CancellationToken cancellationToken)
        {
            using (SqliteCommand check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check";
                using SqliteDataReader reader = check.ExecuteReader();
                reader.Read();
                string verdict = reader.GetString(0);
                if (verdict != "ok")
                {
                    throw SqliteLedgerRows.Damaged(fullPath, null, "SQLite's integrity check failed (" + verdict + ")");
                }
            }

            var schema = new List<string>();
            using (SqliteCommand master = connection.CreateCommand())
            {
                master.CommandText = "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid";
                using SqliteDataReader reader = master.ExecuteReader();
                while (reader.Read())
                {
                    schema.Add(reader.GetString(0));
                }
            }

            if (!SameStatements(schema, SqliteLedgerRows.Schema))
            {
                throw SqliteLedgerRows.Damaged(fullPath, null, "its schema is not the one this version writes");
            }

            var meta = new Dictionary<string, string>(StringComparer.Ordinal);
            using (SqliteCommand read = connection.CreateCommand())
            {
                read.CommandText = "SELECT name, value, seal FROM meta";
                using SqliteDataReader reader = read.ExecuteReader();
                while (reader.Read())
                {
                    string name = reader.GetString(0);
                    string value = reader.GetString(1);
                    if (!string.Equals(reader.GetString(2), SqliteLedgerRows.MetaSeal(name, value), StringComparison.Ordinal))
                    {
                        throw SqliteLedgerRows.Damaged(fullPath, null, "its record of '" + name + "' does not match its seal");
                    }

                    meta[name] = value;
                }
            }

            if (!meta.TryGetValue("schema", out string? version) || version != SqliteLedgerRows.SchemaVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw SqliteLedgerRows.Damaged(fullPath, null, "its sealed schema version is missing or not " + SqliteLedgerRows.SchemaVersion);
            }

            long rows = 0;
            byte[] keys = new byte[32];
            using (SqliteCommand all = connection.CreateCommand())
            {
                all.CommandText = "SELECT " + SqliteLedgerRows.Columns + " FROM looks";
                using SqliteDataReader reader = all.ExecuteReader();
                while (reader.Read())
                {
                    if ((++rows & 1023) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    SqliteLedgerRows.Toggle(keys, SqliteLedgerRows.Read(reader, fullPath).Key);
                }
            }

            // The looks must add up to the count and the keys' digest kept beside them, sealed: a look gone, or one put in another's
            // place, is found here rather than paid for again.
            if (Scalar(connection, "SELECT COUNT(*) FROM tally") != 1)
            {
                throw SqliteLedgerRows.Damaged(fullPath, null, "its count of looks is missing or doubled");
            }

            using (SqliteCommand tally = connection.CreateCommand())
            {
                tally.CommandText = "SELECT looks, keys, seal FROM tally";
                using SqliteDataReader reader = tally.ExecuteReader();
                reader.Read();
                long counted = reader.GetInt64(0);
                string digest = reader.GetString(1);
                if (!string.Equals(reader.GetString(2), SqliteLedgerRows.TallySeal(counted, digest), StringComparison.Ordinal))
                {
                    throw SqliteLedgerRows.Damaged(fullPath, null, "its count of looks does not match its seal");
                }

                if (counted != rows || !string.Equals(digest, SqliteLedgerRows.Hex(keys), StringComparison.Ordinal))
                {
                    throw SqliteLedgerRows.Damaged(fullPath, null, "it holds " + rows + " looks, but its count says " + counted + (counted == rows ? " of other keys" : string.Empty) + ": a look was taken out, or put in another's place");
                }
            }

            bool hasService = meta.TryGetValue("owner.service", out string? service);
            bool hasKey = meta.TryGetValue("owner.access_key", out string? accessKey);
            if (hasService != hasKey)
            {
                throw SqliteLedgerRows.Damaged(fullPath, null, "it records half of its owner");
            }

            return (hasService ? new TryOnLedgerOwner(service!, accessKey!) : null, rows, keys);
        }

        private static bool SameStatements(List<string> found, string[] expected)
        {
            if (found.Count != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < expected.Length; i++)
            {
                if (!string.Equals(found[i], expected[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private static List<string> Tables(SqliteConnection connection)
        {
            var tables = new List<string>();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }

            return tables;
        }

        private static void InsertMeta(SqliteConnection connection, SqliteTransaction transaction, string name, string value)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO meta (name, value, seal) VALUES ($name, $value, $seal) ON CONFLICT (name) DO UPDATE SET value = excluded.value, seal = excluded.seal";
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$seal", SqliteLedgerRows.MetaSeal(name, value));
            command.ExecuteNonQuery();
        }

        private static long Scalar(SqliteConnection connection, string sql)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        // The owner, and for a ledger taken over the owner it was taken from: what a later reader needs to see why.
        private void RecordOwner(TryOnLedgerOwner owner, TryOnLedgerOwner? previous)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            InsertMeta(_connection, transaction, "owner.service", owner.ServiceName);
            InsertMeta(_connection, transaction, "owner.access_key", owner.AccessKey);
            if (previous is not null)
            {
                InsertMeta(_connection, transaction, "owner.adopted_from", previous.ToString());
            }

            transaction.Commit();
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            SqliteCommand command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (string name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(SqliteTryOnLedger));
            }
        }

        // One transaction: the look, and (when it is new) the count and the keys' digest beside it.
        private int Save(TryOnLedgerEntry entry)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            _update.Transaction = transaction;
            SqliteLedgerRows.Bind(_update.Parameters, entry);
            if (_update.ExecuteNonQuery() == 1)
            {
                transaction.Commit();
                return 1;
            }

            _insert.Transaction = transaction;
            SqliteLedgerRows.Bind(_insert.Parameters, entry);
            _insert.ExecuteNonQuery();
            byte[] keys = (byte[])_keys.Clone();
            SqliteLedgerRows.Toggle(keys, entry.Key);
            SetTally(transaction, _looks + 1, keys);
            transaction.Commit();
            (_looks, _keys) = (_looks + 1, keys);
            return 1;
        }

        private int Remove(string key)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            _remove.Transaction = transaction;
            _remove.Parameters[0].Value = key;
            if (_remove.ExecuteNonQuery() == 0)
            {
                transaction.Commit();
                return 0;
            }

            byte[] keys = (byte[])_keys.Clone();
            SqliteLedgerRows.Toggle(keys, key);
            SetTally(transaction, _looks - 1, keys);
            transaction.Commit();
            (_looks, _keys) = (_looks - 1, keys);
            return 1;
        }

        private void SetTally(SqliteTransaction transaction, long looks, byte[] keys)
        {
            string digest = SqliteLedgerRows.Hex(keys);
            _setTally.Transaction = transaction;
            _setTally.Parameters[0].Value = looks;
            _setTally.Parameters[1].Value = digest;
            _setTally.Parameters[2].Value = SqliteLedgerRows.TallySeal(looks, digest);
            _setTally.ExecuteNonQuery();
        }

        private async Task<T> UnderGateAsync<T>(Session session, Func<T> action, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ThrowIfDisposed();
                if (_session != session)
                {
                    throw new ObjectDisposedException(nameof(ITryOnLedgerSession), "This ledger session has ended.");
                }

                return action();
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>The file is no ledger of this version: refused as it was found.</summary>
        private sealed class NotALedgerException : IOException
        {
            public NotALedgerException(string message)
                : base(message)
            {
            }
        }

        /// <summary>
        /// One run's hold on the file; only the session that holds the ledger may read or write it. The session holds the whole file,
        /// so every claim is granted, never runs out, and no write under it can be refused.
        /// </summary>
        private sealed class Session : ITryOnLedgerSession
        {
            private readonly SqliteTryOnLedger _ledger;

            public Session(SqliteTryOnLedger ledger, TryOnLedgerOwner owner)
            {
                _ledger = ledger;
                Owner = owner;
            }

            public TryOnLedgerOwner Owner { get; }

            public TimeSpan Lease => Timeout.InfiniteTimeSpan;

            public async ValueTask<TryOnLedgerClaim> ClaimAsync(string key, bool evenIfEnded = false, CancellationToken cancellationToken = default) =>
                new(key, await FindAsync(key, cancellationToken).ConfigureAwait(false), fence: 1, isHeld: true);

            public ValueTask<bool> RenewAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default) => new(true);

            public ValueTask<bool> BeginSubmitAsync(TryOnLedgerClaim claim, TryOnLedgerEntry submitting, CancellationToken cancellationToken = default) =>
                SaveAsync(claim, submitting, cancellationToken);

            public ValueTask<bool> RecordSubmitAsync(TryOnLedgerClaim claim, TryOnLedgerEntry answer, CancellationToken cancellationToken = default) =>
                SaveAsync(claim, answer, cancellationToken);

            public async ValueTask<bool> ForgetSubmitAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default)
            {
                string key = CheckKey(claim).Key;
                await _ledger.UnderGateAsync(this, () => _ledger.Remove(key), cancellationToken).ConfigureAwait(false);
                return true;
            }

            public async ValueTask<bool> SaveAsync(TryOnLedgerClaim claim, TryOnLedgerEntry entry, CancellationToken cancellationToken = default)
            {
                if (entry is null)
                {
                    throw new ArgumentNullException(nameof(entry));
                }

                if (!string.Equals(CheckKey(claim).Key, entry.Key, StringComparison.Ordinal))
                {
                    throw new ArgumentException("The entry is the look '" + entry.Key + "'s, but the claim is of '" + claim.Key + "'.", nameof(entry));
                }

                if (entry.State == TryOnLedgerState.Submitted && entry.TaskId is null)
                {
                    throw new ArgumentException("A look recorded as Submitted needs its task id.", nameof(entry));
                }

                await _ledger.UnderGateAsync(this, () => _ledger.Save(entry), cancellationToken).ConfigureAwait(false);
                return true;
            }

            public ValueTask ReleaseAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default) => default;

            public async ValueTask<TryOnLedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default)
            {
                CheckKey(key);
                return await _ledger.UnderGateAsync(this, () =>
                {
                    _ledger._find.Parameters[0].Value = key;
                    using SqliteDataReader reader = _ledger._find.ExecuteReader();
                    return reader.Read() ? SqliteLedgerRows.Read(reader, _ledger.Path) : null;
                }, cancellationToken).ConfigureAwait(false);
            }

            // A scan: a task id is looked for only when one is given by hand, rarely.
            public async ValueTask<string?> FindKeyOfTaskAsync(string taskId, CancellationToken cancellationToken = default)
            {
                if (taskId is null)
                {
                    throw new ArgumentNullException(nameof(taskId));
                }

                return await _ledger.UnderGateAsync(this, () =>
                {
                    _ledger._findTask.Parameters[0].Value = taskId;
                    return _ledger._findTask.ExecuteScalar() as string;
                }, cancellationToken).ConfigureAwait(false);
            }

            // Submitting counts too: no session but this one holds the file, so a look recorded as submitting is a dead run's.
            public async IAsyncEnumerable<TryOnLedgerEntry> ListInDoubtAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                List<TryOnLedgerEntry> entries = await _ledger.UnderGateAsync(this, () =>
                {
                    var found = new List<TryOnLedgerEntry>();
                    using SqliteDataReader reader = _ledger._listInDoubt.ExecuteReader();
                    while (reader.Read())
                    {
                        found.Add(SqliteLedgerRows.Read(reader, _ledger.Path));
                    }

                    return found;
                }, cancellationToken).ConfigureAwait(false);
                foreach (TryOnLedgerEntry entry in entries)
                {
                    yield return entry;
                }
            }

            public async ValueTask DisposeAsync()
            {
                await _ledger._gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    if (_ledger._session == this)
                    {
                        _ledger._session = null;
                    }
                }
                finally
                {
                    _ledger._gate.Release();
                }
            }

            private static TryOnLedgerClaim CheckKey(TryOnLedgerClaim claim)
            {
                if (claim is null)
                {
                    throw new ArgumentNullException(nameof(claim));
                }

                CheckKey(claim.Key);
                return claim;
            }

            // Keys reach the ledger in their recorded form; one that is not is a caller's bug, not a look.
            private static void CheckKey(string key)
            {
                if (key is null)
                {
                    throw new ArgumentNullException(nameof(key));
                }

                if (TryOnCatalogueKeys.Problem(key, out string? recorded) is { } problem)
                {
                    throw new ArgumentException(problem, nameof(key));
                }

                if (!string.Equals(recorded, key, StringComparison.Ordinal))
                {
                    throw new ArgumentException("Give the ledger a key in its recorded form (TryOnCatalogueKeys.Normalize): '" + recorded + "', not '" + key + "'.", nameof(key));
                }
            }
        }
    }
}
