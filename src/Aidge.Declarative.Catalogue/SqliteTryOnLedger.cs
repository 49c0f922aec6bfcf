using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// The ledger in one SQLite file, through Microsoft.Data.Sqlite: nothing to install or start. Each save is committed and synced
    /// to disk before it returns (WAL journal, <c>synchronous=FULL</c>), so a look recorded as submitting survives a crash, or a power
    /// cut, of the process that was about to pay for it. The file is held exclusively while open: a second run on the same ledger is
    /// refused rather than let two runs submit the same look.
    /// </summary>
    public sealed class SqliteTryOnLedger : ITryOnLedger
    {
        private const int SchemaVersion = 1;

        private readonly SqliteConnection _connection;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly SqliteCommand _find;
        private readonly SqliteCommand _save;
        private readonly SqliteCommand _remove;
        private bool _disposed;

        private SqliteTryOnLedger(SqliteConnection connection, string path)
        {
            _connection = connection;
            Path = path;
            _find = Prepare(
                "SELECT fingerprint, state, task_id, edition, pictures, error_kind, error_code, error_message, request_id, updated_at FROM looks WHERE key = $key",
                "$key");
            _save = Prepare(
                "INSERT OR REPLACE INTO looks (key, fingerprint, state, task_id, edition, pictures, error_kind, error_code, error_message, request_id, updated_at) " +
                "VALUES ($key, $fingerprint, $state, $task_id, $edition, $pictures, $error_kind, $error_code, $error_message, $request_id, $updated_at)",
                "$key", "$fingerprint", "$state", "$task_id", "$edition", "$pictures", "$error_kind", "$error_code", "$error_message", "$request_id", "$updated_at");
            _remove = Prepare("DELETE FROM looks WHERE key = $key", "$key");
        }

        /// <summary>The file's full path.</summary>
        public string Path { get; }

        /// <summary>Opens the ledger at <paramref name="path"/>, creating it if it does not exist.</summary>
        /// <exception cref="IOException">Another run holds the ledger, or the file is not a ledger this version can read.</exception>
        public static async Task<SqliteTryOnLedger> OpenAsync(string path, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("Give the path of the ledger's file.", nameof(path));
            }

            string fullPath = System.IO.Path.GetFullPath(path);
            var builder = new SqliteConnectionStringBuilder { DataSource = fullPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
            var connection = new SqliteConnection(builder.ToString());
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                Execute(connection, "PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
                try
                {
                    // The first write takes the exclusive lock, held until the connection closes.
                    Execute(
                        connection,
                        "BEGIN IMMEDIATE;" +
                        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);" +
                        "CREATE TABLE IF NOT EXISTS looks (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, state INTEGER NOT NULL, task_id TEXT, " +
                        "edition INTEGER NOT NULL, pictures TEXT, error_kind INTEGER, error_code INTEGER, error_message TEXT, request_id TEXT, updated_at INTEGER NOT NULL);" +
                        "INSERT OR IGNORE INTO meta (name, value) VALUES ('schema', '" + SchemaVersion + "');" +
                        "COMMIT;");
                }
                catch (SqliteException exception) when (exception.SqliteErrorCode is 5 or 6)
                {
                    throw new IOException("The ledger " + fullPath + " is in use by another run; one run at a time may use a ledger.", exception);
                }

                using (SqliteCommand schema = connection.CreateCommand())
                {
                    schema.CommandText = "SELECT value FROM meta WHERE name = 'schema'";
                    string? version = schema.ExecuteScalar() as string;
                    if (version != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    {
                        throw new IOException("The ledger " + fullPath + " has schema version " + version + "; this version of Aidge.Declarative.Catalogue reads version " + SchemaVersion + ".");
                    }
                }

                return new SqliteTryOnLedger(connection, fullPath);
            }
            catch (SqliteException exception)
            {
                connection.Dispose();
                throw new IOException("The ledger " + fullPath + " could not be opened: " + exception.Message, exception);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <inheritdoc/>
        public async ValueTask<TryOnLedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default)
        {
            TryOnCatalogueKeys.Check(key, nameof(key));
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ThrowIfDisposed();
                _find.Parameters[0].Value = key;
                using SqliteDataReader reader = _find.ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }

                TryOnLookError? error = reader.IsDBNull(5)
                    ? null
                    : new TryOnLookError((AidgeErrorKind)reader.GetInt32(5), reader.GetString(7), reader.GetInt32(6), reader.IsDBNull(8) ? null : reader.GetString(8));
                return new TryOnLedgerEntry(
                    key,
                    reader.GetString(0),
                    (TryOnLedgerState)reader.GetInt32(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    (TryOnEdition)reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : ReadPictures(reader.GetString(4)),
                    error,
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)));
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <inheritdoc/>
        public async ValueTask SaveAsync(TryOnLedgerEntry entry, CancellationToken cancellationToken = default)
        {
            if (entry is null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ThrowIfDisposed();
                SqliteParameterCollection p = _save.Parameters;
                p[0].Value = entry.Key;
                p[1].Value = entry.Fingerprint;
                p[2].Value = (int)entry.State;
                p[3].Value = (object?)entry.TaskId ?? DBNull.Value;
                p[4].Value = (int)entry.Edition;
                p[5].Value = entry.Pictures.Count == 0 ? DBNull.Value : WritePictures(entry.Pictures);
                p[6].Value = entry.Error is null ? DBNull.Value : (int)entry.Error.Kind;
                p[7].Value = entry.Error is null ? DBNull.Value : entry.Error.ResCode;
                p[8].Value = (object?)entry.Error?.Message ?? DBNull.Value;
                p[9].Value = (object?)entry.Error?.RequestId ?? DBNull.Value;
                p[10].Value = entry.UpdatedAt.ToUnixTimeMilliseconds();
                _save.ExecuteNonQuery();
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <inheritdoc/>
        public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
        {
            TryOnCatalogueKeys.Check(key, nameof(key));
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ThrowIfDisposed();
                _remove.Parameters[0].Value = key;
                _remove.ExecuteNonQuery();
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
                using SqliteCommand command = _connection.CreateCommand();
                command.CommandText = "SELECT state, COUNT(*) FROM looks GROUP BY state";
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    counts[(TryOnLedgerState)reader.GetInt32(0)] = reader.GetInt32(1);
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
                _save.Dispose();
                _remove.Dispose();
                _connection.Dispose();
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <inheritdoc/>
        public override string ToString() => "SqliteTryOnLedger { Path = " + Path + " }";

        private static void Execute(SqliteConnection connection, string sql)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
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

        // [{"url":"...","garment":"..."}]: the one JSON form the ledger writes.
        private static string WritePictures(IReadOnlyList<TryOnPicture> pictures)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartArray();
                foreach (TryOnPicture picture in pictures)
                {
                    writer.WriteStartObject();
                    writer.WriteString("url", picture.Url);
                    if (picture.GarmentUrl is { } garment)
                    {
                        writer.WriteString("garment", garment);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }

        private static TryOnPicture[] ReadPictures(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            var pictures = new TryOnPicture[document.RootElement.GetArrayLength()];
            int i = 0;
            foreach (JsonElement element in document.RootElement.EnumerateArray())
            {
                pictures[i++] = new TryOnPicture(
                    element.GetProperty("url").GetString()!,
                    element.TryGetProperty("garment", out JsonElement garment) ? garment.GetString() : null);
            }

            return pictures;
        }
    }
}
