using System;
using System.Security.Cryptography;
using System.Text;

namespace Aidge.Declarative
{
    /// <summary>The gateway's signature, IOP version 2, exactly as the contract gives it.</summary>
    internal static class IopSignature
    {
        public const string PartnerId = "aidge";
        public const string SignMethod = "sha256";
        public const string SignVersion = "v2";

        // The query parameters, in the contract's order.
        public const string PartnerIdParameter = "partner_id";
        public const string SignMethodParameter = "sign_method";
        public const string SignVersionParameter = "sign_ver";
        public const string AppKeyParameter = "app_key";
        public const string TimestampParameter = "timestamp";
        public const string SignParameter = "sign";

        public static readonly string[] Parameters =
        {
            PartnerIdParameter, SignMethodParameter, SignVersionParameter, AppKeyParameter, TimestampParameter, SignParameter,
        };

        /// <summary><c>UPPERCASE_HEX(HMAC_SHA256(key: UTF8(secret), message: UTF8(secret + timestamp)))</c>.</summary>
        public static string Compute(string secret, string timestamp)
        {
#if NET8_0_OR_GREATER
            // One-shot HMAC over stack memory: no HMAC object, no byte arrays, one string. The key is the
            // message's first bytes (the message is secret + timestamp); the bytes are wiped afterwards.
            int keyLength = Encoding.UTF8.GetByteCount(secret);
            int messageLength = keyLength + Encoding.UTF8.GetByteCount(timestamp);
            byte[]? rented = null;
            Span<byte> message = messageLength <= 256
                ? stackalloc byte[256]
                : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(messageLength));
            message = message.Slice(0, messageLength);
            try
            {
                Encoding.UTF8.GetBytes(secret, message);
                Encoding.UTF8.GetBytes(timestamp, message.Slice(keyLength));
                Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
                HMACSHA256.HashData(message.Slice(0, keyLength), message, hash);
                return Convert.ToHexString(hash);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(message);
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                }
            }
#else
            byte[] key = Encoding.UTF8.GetBytes(secret);
            byte[] message = Encoding.UTF8.GetBytes(secret + timestamp);
            using var hmac = new HMACSHA256(key);
            byte[] hash = hmac.ComputeHash(message);
            const string Hex = "0123456789ABCDEF";
            var hex = new char[hash.Length * 2];
            for (int i = 0; i < hash.Length; i++)
            {
                hex[2 * i] = Hex[hash[i] >> 4];
                hex[(2 * i) + 1] = Hex[hash[i] & 0xF];
            }

            return new string(hex);
#endif
        }

        /// <summary>The query string of a signed call, parameters in the contract's order.</summary>
        public static string Query(string accessKey, string timestamp, string sign) =>
            "?" + PartnerIdParameter + "=" + PartnerId +
            "&" + SignMethodParameter + "=" + SignMethod +
            "&" + SignVersionParameter + "=" + SignVersion +
            "&" + AppKeyParameter + "=" + Uri.EscapeDataString(accessKey) +
            "&" + TimestampParameter + "=" + timestamp +
            "&" + SignParameter + "=" + sign;

        /// <summary>Compares two signatures in constant time, so a verifier does not leak how much matched.</summary>
        public static bool Matches(string expected, string? actual)
        {
            if (actual is null || actual.Length != expected.Length)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                difference |= expected[i] ^ actual[i];
            }

            return difference == 0;
        }
    }
}
