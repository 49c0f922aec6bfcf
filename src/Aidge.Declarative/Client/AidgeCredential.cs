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

        /// <summary>The credential in <c>AIDGE_ACCESS_KEY</c> and <c>AIDGE_ACCESS_SECRET</c>, both of which must be set.</summary>
        /// <exception cref="InvalidOperationException">Either variable is not set (or is empty); the message names which.</exception>
        public static AidgeCredential FromEnvironment() =>
            FromEnvironmentIfSet() ?? throw new InvalidOperationException(
                "Set " + AccessKeyVariable + " and " + SecretVariable + " to the access key and its secret; neither is set.");

        /// <summary>
        /// The credential in <c>AIDGE_ACCESS_KEY</c> and <c>AIDGE_ACCESS_SECRET</c>, or null when neither is set: for a program
        /// that runs against a fake server without credentials. Half a pair is an error, never taken for none.
        /// </summary>
        /// <exception cref="InvalidOperationException">One variable is set and the other is not (or is empty); the message names the missing one.</exception>
        public static AidgeCredential? FromEnvironmentIfSet()
        {
            string? accessKey = Environment.GetEnvironmentVariable(AccessKeyVariable);
            string? secret = Environment.GetEnvironmentVariable(SecretVariable);
            bool hasKey = !string.IsNullOrWhiteSpace(accessKey);
            bool hasSecret = !string.IsNullOrEmpty(secret);
            if (hasKey != hasSecret)
            {
                // Neither value is repeated: one of them is the secret.
                throw new InvalidOperationException(
                    (hasKey ? AccessKeyVariable + " is set but " + SecretVariable + " is not" : SecretVariable + " is set but " + AccessKeyVariable + " is not") +
                    ": set both (the access key and its secret), or neither.");
            }

            return hasKey ? new AidgeCredential(accessKey!, secret!) : null;
        }

        /// <summary>The access key, with the secret hidden.</summary>
        public override string ToString() => "AidgeCredential { AccessKey = " + AccessKey + ", Secret = *** }";

        /// <summary>The <c>sign</c> for a call made at <paramref name="timestamp"/>.</summary>
        internal string Sign(string timestamp) => IopSignature.Compute(_secret, timestamp);
    }
}
