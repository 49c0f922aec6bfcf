using System;
using System.Security.Cryptography;
using System.Text;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>One look of a catalogue: a request, and the stable key the ledger knows it by (a SKU, say).</summary>
    /// <typeparam name="TRequest">The declared request type.</typeparam>
    public sealed class TryOnCatalogueLook<TRequest>
        where TRequest : ITryOnRequest
    {
        private string? _fingerprint;

        /// <summary>A look known by its own key: give the same key for the same look in every run.</summary>
        /// <exception cref="ArgumentException">The key is empty or longer than <see cref="TryOnCatalogueKeys.MaxKeyLength"/> characters.</exception>
        public TryOnCatalogueLook(string key, TRequest request)
        {
            TryOnCatalogueKeys.Check(key, nameof(key));
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            Key = key;
            Request = request;
        }

        /// <summary>A look known by what it sends: its key is <see cref="TryOnCatalogueKeys.Of{TRequest}(TRequest)"/>, so the same look is never paid twice.</summary>
        public TryOnCatalogueLook(TRequest request)
        {
            // The key is the fingerprint: computed once, kept for the run's own use.
            _fingerprint = TryOnCatalogueKeys.Fingerprint(request);
            Key = TryOnCatalogueKeys.KeyPrefix + _fingerprint;
            Request = request;
        }

        /// <summary>The key: at most one paid submit is ever made per key and ledger.</summary>
        public string Key { get; }

        /// <summary>The request.</summary>
        public TRequest Request { get; }

        /// <summary>The request's fingerprint, computed once per look (a look known by its hash has it already).</summary>
        internal string Fingerprint => _fingerprint ??= TryOnCatalogueKeys.Fingerprint(Request);

        /// <inheritdoc/>
        public override string ToString() => "TryOnCatalogueLook { Key = " + Key + " }";
    }

    /// <summary>The keys and fingerprints a catalogue run records its looks by.</summary>
    public static class TryOnCatalogueKeys
    {
        internal const string KeyPrefix = "sha256:";

        /// <summary>The longest key accepted.</summary>
        public const int MaxKeyLength = 512;

        /// <summary>
        /// The key of a look that has none of its own: <c>sha256:</c> and the hex SHA-256 of its edition and its <c>requestParams</c>,
        /// so that two looks that would send the same thing to the same endpoint share a key.
        /// </summary>
        public static string Of<TRequest>(TRequest request)
            where TRequest : ITryOnRequest => KeyPrefix + Fingerprint(request);

        /// <summary>The hex SHA-256 of a request's edition and <c>requestParams</c>: the ledger keeps it to see a key reused for another look.</summary>
        public static string Fingerprint<TRequest>(TRequest request)
            where TRequest : ITryOnRequest
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            string requestParams = request.ToRequestParams();
            byte[] bytes = new byte[1 + Encoding.UTF8.GetByteCount(requestParams)];
            bytes[0] = (byte)request.Edition;
            Encoding.UTF8.GetBytes(requestParams, 0, requestParams.Length, bytes, 1);
#if NET8_0_OR_GREATER
            return Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
#else
            using var sha = SHA256.Create();
            return BitConverter.ToString(sha.ComputeHash(bytes)).Replace("-", string.Empty).ToLowerInvariant();
#endif
        }

        internal static void Check(string key, string parameter)
        {
            if (key is null)
            {
                throw new ArgumentNullException(parameter);
            }

            if (key.Length == 0 || key.Length > MaxKeyLength)
            {
                throw new ArgumentException("A look's key is 1 to " + MaxKeyLength + " characters; this one has " + key.Length + ".", parameter);
            }
        }
    }
}
