using System;
using System.Diagnostics;

namespace Aidge.Declarative
{
    /// <summary>
    /// An Aidge access key and its secret. The secret signs each call and is never sent, shown, logged
    /// or put in an exception: <see cref="ToString"/> and the debugger show the access key only.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed class AidgeCredential
    {
        /// <summary>The environment variable <see cref="FromEnvironment"/> reads the access key from.</summary>
        public const string AccessKeyVariable = "AIDGE_ACCESS_KEY";

        /// <summary>The environment variable <see cref="FromEnvironment"/> reads the secret from.</summary>
        public const string SecretVariable = "AIDGE_ACCESS_SECRET";

        [DebuggerBrowsable(DebuggerBrowsableState.Never)]
        private readonly string _secret;

        /// <summary>Creates a credential.</summary>
        /// <param name="accessKey">The access key's name (sent as <c>app_key</c>).</param>
        /// <param name="secret">The access key's secret.</param>
        public AidgeCredential(string accessKey, string secret)
        {
            if (string.IsNullOrWhiteSpace(accessKey))
            {
                throw new ArgumentException("The access key must not be empty.", nameof(accessKey));
            }

            if (string.IsNullOrEmpty(secret))
            {
                // The value is not repeated: it is the secret.
                throw new ArgumentException("The secret must not be empty.", nameof(secret));
            }

            AccessKey = accessKey;
            _secret = secret;
        }

        /// <summary>The access key's name.</summary>
        public string AccessKey { get; }

        /// <summary>
        /// The credential in <c>AIDGE_ACCESS_KEY</c> and <c>AIDGE_ACCESS_SECRET</c>, or null when either is not set.
        /// </summary>
        public static AidgeCredential? FromEnvironment()
        {
            string? accessKey = Environment.GetEnvironmentVariable(AccessKeyVariable);
            string? secret = Environment.GetEnvironmentVariable(SecretVariable);
            return string.IsNullOrWhiteSpace(accessKey) || string.IsNullOrEmpty(secret) ? null : new AidgeCredential(accessKey!, secret!);
        }

        /// <summary>The access key, with the secret hidden.</summary>
        public override string ToString() => "AidgeCredential { AccessKey = " + AccessKey + ", Secret = *** }";

        /// <summary>The <c>sign</c> for a call made at <paramref name="timestamp"/>.</summary>
        internal string Sign(string timestamp) => IopSignature.Compute(_secret, timestamp);
    }
}
