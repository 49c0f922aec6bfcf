using System;
using Aidge.Declarative.Catalogue;
using Npgsql;
using NpgsqlTypes;

namespace Aidge.Declarative.PostgreSql
{
    /// <summary>
    /// A look's row as the shared ledger writes and reads it: every value by name (<see cref="TryOnLedgerValues"/>), each parameter with
    /// its type, and a row that cannot be read as a look named with its catalogue and key.
    /// </summary>
    internal static class PostgreSqlLedgerRows
    {
        /// <summary>Adds the entry's values as the parameters after the catalogue and the key: state, fingerprint, task id, ... updated at.</summary>
        public static void Bind(NpgsqlParameterCollection p, TryOnLedgerEntry entry)
        {
            Add(p, NpgsqlDbType.Text, TryOnLedgerValues.StateName(entry.State));
            Add(p, NpgsqlDbType.Text, entry.Fingerprint);
            Add(p, NpgsqlDbType.Text, entry.TaskId);
            Add(p, NpgsqlDbType.Boolean, entry.TaskAttached);
            Add(p, NpgsqlDbType.Text, TryOnLedgerValues.EditionName(entry.Edition));
            Add(p, NpgsqlDbType.Text, entry.Pictures.Count == 0 ? null : TryOnLedgerValues.WritePictures(entry.Pictures, entry.SavedPictures));
            Add(p, NpgsqlDbType.Text, entry.Error is null ? null : TryOnLedgerValues.KindName(entry.Error.Kind));
            Add(p, NpgsqlDbType.Integer, entry.Error?.ResCode);
            Add(p, NpgsqlDbType.Text, entry.Error?.Message);
            Add(p, NpgsqlDbType.Text, entry.Error?.RequestId);
            Add(p, NpgsqlDbType.TimestampTz, entry.SubmittedAt?.UtcDateTime);
            Add(p, NpgsqlDbType.TimestampTz, entry.UpdatedAt.UtcDateTime);
        }

        /// <summary>
        /// The entry of the row the reader is on (state, fingerprint, task id, task attached, edition, pictures, error kind, code,
        /// message, request id, submitted at, updated at); null for a look that is only claimed (New).
        /// </summary>
        /// <exception cref="System.IO.IOException">The row holds a value this version cannot read; it names the catalogue and the key.</exception>
        public static TryOnLedgerEntry? Read(NpgsqlDataReader reader, string key, string ledger)
        {
            string state = reader.GetString(0);
            if (state == "New")
            {
                return null;
            }

            try
            {
                string? kind = Text(reader, 6);
                TryOnLookError? error = kind is null
                    ? null
                    : new TryOnLookError(TryOnLedgerValues.ParseKind(kind), Text(reader, 8) ?? string.Empty, reader.IsDBNull(7) ? 0 : reader.GetInt32(7), Text(reader, 9));
                TryOnSavedPicture[]? saved = null;
                return new TryOnLedgerEntry(
                    key,
                    reader.GetString(1),
                    TryOnLedgerValues.ParseState(state),
                    Text(reader, 2),
                    TryOnLedgerValues.ParseEdition(reader.GetString(4)),
                    Text(reader, 5) is { } pictures ? TryOnLedgerValues.ReadPictures(pictures, out saved) : null,
                    error,
                    new DateTimeOffset(reader.GetDateTime(11), TimeSpan.Zero),
                    reader.IsDBNull(10) ? null : new DateTimeOffset(reader.GetDateTime(10), TimeSpan.Zero),
                    reader.GetBoolean(3),
                    saved);
            }
            catch (Exception exception) when (exception is FormatException or InvalidCastException)
            {
                throw new System.IO.IOException("The " + ledger + " holds a row for the look '" + key + "' that this version cannot read (" + exception.Message + "); it is not acted on.", exception);
            }
        }

        private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        private static void Add(NpgsqlParameterCollection p, NpgsqlDbType type, object? value) =>
            p.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });
    }
}
