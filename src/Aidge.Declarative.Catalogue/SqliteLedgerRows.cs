using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// The SQLite ledger's layout and how a row is written and read: every value by name (never an enum's number), and every row
    /// sealed with a hash of all its values, so that a byte changed on disk is found when the file is opened rather than paid for.
    /// </summary>
    internal static class SqliteLedgerRows
    {
        /// <summary>The layout's version, in the file's header (<c>user_version</c>) and its sealed meta: it changes with the layout.</summary>
        public const int SchemaVersion = 2;

        /// <summary>The file's header mark (<c>application_id</c>, "AiLg"): a SQLite file without it is not a ledger.</summary>
        public const int ApplicationId = 0x41694C67;

        public const string Columns = "key, fingerprint, state, task_id, task_attached, edition, pictures, error_kind, error_code, error_message, request_id, submitted_at, updated_at, seal";

        /// <summary>The schema, statement by statement, as <c>sqlite_master</c> keeps it: checked word for word when a file opens.</summary>
        public static readonly string[] Schema =
        {
            "CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, seal TEXT NOT NULL) STRICT",
            "CREATE TABLE looks (key TEXT PRIMARY KEY NOT NULL, fingerprint TEXT NOT NULL, " +
                "state TEXT NOT NULL CHECK (state IN ('Submitting', 'Submitted', 'Finished', 'Failed', 'InDoubt')), " +
                "task_id TEXT, task_attached INTEGER NOT NULL CHECK (task_attached IN (0, 1)), " +
                "edition TEXT NOT NULL CHECK (edition IN ('Standard', 'Pro')), pictures TEXT, error_kind TEXT, error_code INTEGER, " +
                "error_message TEXT, request_id TEXT, submitted_at INTEGER, updated_at INTEGER NOT NULL, seal TEXT NOT NULL, " +
                "CHECK (state <> 'Submitted' OR task_id IS NOT NULL)) STRICT",
            "CREATE TABLE tally (looks INTEGER NOT NULL, keys TEXT NOT NULL, seal TEXT NOT NULL) STRICT",
            "CREATE INDEX looks_by_state ON looks (state, key)",
        };

        public static void Bind(SqliteParameterCollection p, TryOnLedgerEntry entry)
        {
            string? pictures = entry.Pictures.Count == 0 ? null : TryOnLedgerValues.WritePictures(entry.Pictures, entry.SavedPictures);
            long? submittedAt = entry.SubmittedAt?.ToUnixTimeMilliseconds();
            long updatedAt = entry.UpdatedAt.ToUnixTimeMilliseconds();
            p["$key"].Value = entry.Key;
            p["$fingerprint"].Value = entry.Fingerprint;
            p["$state"].Value = TryOnLedgerValues.StateName(entry.State);
            p["$task_id"].Value = (object?)entry.TaskId ?? DBNull.Value;
            p["$task_attached"].Value = entry.TaskAttached ? 1 : 0;
            p["$edition"].Value = TryOnLedgerValues.EditionName(entry.Edition);
            p["$pictures"].Value = (object?)pictures ?? DBNull.Value;
            p["$error_kind"].Value = entry.Error is null ? DBNull.Value : TryOnLedgerValues.KindName(entry.Error.Kind);
            p["$error_code"].Value = entry.Error is null ? DBNull.Value : entry.Error.ResCode;
            p["$error_message"].Value = (object?)entry.Error?.Message ?? DBNull.Value;
            p["$request_id"].Value = (object?)entry.Error?.RequestId ?? DBNull.Value;
            p["$submitted_at"].Value = (object?)submittedAt ?? DBNull.Value;
            p["$updated_at"].Value = updatedAt;
            p["$seal"].Value = Seal(
                entry.Key, entry.Fingerprint, TryOnLedgerValues.StateName(entry.State), entry.TaskId, entry.TaskAttached ? "1" : "0", TryOnLedgerValues.EditionName(entry.Edition), pictures,
                entry.Error is null ? null : TryOnLedgerValues.KindName(entry.Error.Kind), entry.Error?.ResCode.ToString(CultureInfo.InvariantCulture), entry.Error?.Message,
                entry.Error?.RequestId, submittedAt?.ToString(CultureInfo.InvariantCulture), updatedAt.ToString(CultureInfo.InvariantCulture));
        }

        public static string[] ParameterNames() => new[]
        {
            "$key", "$fingerprint", "$state", "$task_id", "$task_attached", "$edition", "$pictures", "$error_kind", "$error_code", "$error_message",
            "$request_id", "$submitted_at", "$updated_at", "$seal",
        };

        /// <summary>The row the reader is on (its columns in <see cref="Columns"/>' order), checked against its seal; a damaged row throws, naming itself.</summary>
        public static TryOnLedgerEntry Read(SqliteDataReader reader, string ledger)
        {
            string? key = null;
            try
            {
                key = Text(reader, 0);
                string fingerprint = Text(reader, 1)!;
                string state = Text(reader, 2)!;
                string? taskId = Text(reader, 3);
                long attached = reader.GetInt64(4);
                string edition = Text(reader, 5)!;
                string? pictures = Text(reader, 6);
                string? kind = Text(reader, 7);
                long? code = reader.IsDBNull(8) ? null : reader.GetInt64(8);
                string? message = Text(reader, 9);
                string? requestId = Text(reader, 10);
                long? submittedAt = reader.IsDBNull(11) ? null : reader.GetInt64(11);
                long updatedAt = reader.GetInt64(12);
                string seal = Text(reader, 13)!;
                string expected = Seal(
                    key!, fingerprint, state, taskId, attached.ToString(CultureInfo.InvariantCulture), edition, pictures, kind,
                    code?.ToString(CultureInfo.InvariantCulture), message, requestId, submittedAt?.ToString(CultureInfo.InvariantCulture),
                    updatedAt.ToString(CultureInfo.InvariantCulture));
                if (!string.Equals(seal, expected, StringComparison.Ordinal))
                {
                    throw Damaged(ledger, key, "its values do not match its seal: a byte of it changed after it was written");
                }

                TryOnLookError? error = kind is null
                    ? null
                    : new TryOnLookError(TryOnLedgerValues.ParseKind(kind), message ?? throw Damaged(ledger, key, "an error kind without a message"), checked((int)(code ?? 0)), requestId);
                TryOnLedgerState parsed = TryOnLedgerValues.ParseState(state);
                if (parsed == TryOnLedgerState.Submitted && taskId is null)
                {
                    throw Damaged(ledger, key, "Submitted with no task id");
                }

                TryOnSavedPicture[]? saved = null;
                return new TryOnLedgerEntry(
                    key!,
                    fingerprint,
                    parsed,
                    taskId,
                    TryOnLedgerValues.ParseEdition(edition),
                    pictures is null ? null : TryOnLedgerValues.ReadPictures(pictures, out saved),
                    error,
                    DateTimeOffset.FromUnixTimeMilliseconds(updatedAt),
                    submittedAt is { } sent ? DateTimeOffset.FromUnixTimeMilliseconds(sent) : null,
                    attached == 1,
                    saved);
            }
            catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
            {
                throw Damaged(ledger, key, exception.Message, exception);
            }
        }

        /// <summary>The seal of the tally: how many looks, and the digest of their keys.</summary>
        public static string TallySeal(long looks, string keys) => Seal("tally", looks.ToString(CultureInfo.InvariantCulture), keys);

        /// <summary>A key's share of the keys' digest: the digest is every key's SHA-256, XORed, so adding or removing a key changes it.</summary>
        public static byte[] KeyHash(string key)
        {
#if NET8_0_OR_GREATER
            return SHA256.HashData(Encoding.UTF8.GetBytes(key));
#else
            using var sha = SHA256.Create();
            return sha.ComputeHash(Encoding.UTF8.GetBytes(key));
#endif
        }

        public static void Toggle(byte[] digest, string key)
        {
            byte[] hash = KeyHash(key);
            for (int i = 0; i < digest.Length; i++)
            {
                digest[i] ^= hash[i];
            }
        }

        public static string Hex(byte[] bytes) =>
#if NET8_0_OR_GREATER
            Convert.ToHexString(bytes);
#else
            BitConverter.ToString(bytes).Replace("-", string.Empty);
#endif

        /// <summary>The seal of a meta row.</summary>
        public static string MetaSeal(string name, string value) => Seal("meta", name, value);

        public static IOException Damaged(string ledger, string? key, string problem, Exception? inner = null) =>
            new("The ledger " + ledger + " is damaged" + (key is null ? string.Empty : " at the look '" + TryOnLedgerValues.Printable(key) + "'") + ": " + problem +
                ". It is not read, so that nothing is paid for again on its account: restore it from a copy, or start a new ledger.", inner);

        private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        // SHA-256 (the first 16 bytes, in hex) over every value, each with its length, a null told apart from an empty string.
        private static string Seal(params string?[] values)
        {
            using var buffer = new MemoryStream();
            byte[] tag = Encoding.ASCII.GetBytes("aidge-ledger-v" + SchemaVersion.ToString(CultureInfo.InvariantCulture));
            buffer.Write(tag, 0, tag.Length);
            foreach (string? value in values)
            {
                if (value is null)
                {
                    buffer.WriteByte(0);
                    continue;
                }

                // The length in four bytes, least significant first, whatever the machine's own order.
                byte[] bytes = Encoding.UTF8.GetBytes(value);
                buffer.WriteByte(1);
                for (int shift = 0; shift < 32; shift += 8)
                {
                    buffer.WriteByte((byte)(bytes.Length >> shift));
                }

                buffer.Write(bytes, 0, bytes.Length);
            }

#if NET8_0_OR_GREATER
            byte[] hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            return Convert.ToHexString(hash, 0, 16);
#else
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(buffer.GetBuffer(), 0, (int)buffer.Length);
            return BitConverter.ToString(hash, 0, 16).Replace("-", string.Empty);
#endif
        }

    }
}
