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
            byte[] key = Encoding.UTF8.GetBytes(secret);
            byte[] message = Encoding.UTF8.GetBytes(secret + timestamp);
            using var hmac = new HMACSHA256(key);
            byte[] hash = hmac.ComputeHash(message);
            var hex = new StringBuilder(hash.Length * 2);
            foreach (byte b in hash)
            {
                hex.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return hex.ToString();
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
