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
        private string? _recordedKey;
        private string? _keyProblem;

        /// <summary>A look known by its own key: give the same key for the same look in every run.</summary>
        /// <remarks>
        /// A key the ledger cannot record (see <see cref="TryOnCatalogueKeys.Normalize(string)"/>) does not throw here, where it would end
        /// a catalogue read lazily: the run reports that look <see cref="TryOnLookState.Failed"/> with the reason, sends nothing, and goes on.
        /// </remarks>
        public TryOnCatalogueLook(string key, TRequest request)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

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

        /// <summary>The key as given: at most one paid submit is ever made per key (in its recorded form) and ledger.</summary>
        public string Key { get; }

        /// <summary>The request.</summary>
        public TRequest Request { get; }

        /// <summary>The request's fingerprint, computed once per look (a look known by its hash has it already).</summary>
        internal string Fingerprint => _fingerprint ??= TryOnCatalogueKeys.Fingerprint(Request);

        /// <summary>The key as the ledger records it, or null when it cannot be recorded (<see cref="KeyProblem"/> says why).</summary>
        internal string? RecordedKey
        {
            get
            {
                if (_recordedKey is null && _keyProblem is null)
                {
                    _keyProblem = TryOnCatalogueKeys.Problem(Key, out _recordedKey);
                }

                return _recordedKey;
            }
        }

        /// <summary>Why the key cannot be recorded; null when it can.</summary>
        internal string? KeyProblem => RecordedKey is null ? _keyProblem : null;

        /// <inheritdoc/>
        public override string ToString() => "TryOnCatalogueLook { Key = " + Key + " }";
    }

    /// <summary>The keys and fingerprints a catalogue run records its looks by.</summary>
    public static class TryOnCatalogueKeys
    {
        internal const string KeyPrefix = "sha256:";

        /// <summary>The longest key accepted, in UTF-16 code units of its recorded form.</summary>
        public const int MaxKeyLength = 512;

        private static readonly bool s_canNormalize = CanNormalize();

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

        /// <summary>
        /// The form a key is recorded and compared in: Unicode NFC, then upper case by the invariant culture. So <c>sku-1</c> and
        /// <c>SKU-1</c> are one key, and so are <c>café</c> typed with a precomposed <c>é</c> and with <c>e</c> and a combining
        /// accent: one look, paid for once (and a second request under the same key is refused, not paid).
        /// </summary>
        /// <remarks>
        /// Refused: an empty key, one longer than <see cref="MaxKeyLength"/>, one with white space at either end, a control
        /// character (a line break would forge log lines) or half of a surrogate pair (text with no UTF-8 form, which a store would
        /// turn into U+FFFD, merging keys). In a process with invariant globalization, where .NET cannot normalize Unicode, a key
        /// outside ASCII is refused too, since its canonical twins could not be told to be one key.
        /// </remarks>
        /// <exception cref="ArgumentException">The key cannot be recorded; the message says why.</exception>
        public static string Normalize(string key)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            return Problem(key, out string? recorded) is { } problem ? throw new ArgumentException(problem, nameof(key)) : recorded!;
        }

        /// <summary>Why <paramref name="key"/> cannot be recorded, or null with its recorded form.</summary>
        internal static string? Problem(string key, out string? recorded)
        {
            recorded = null;
            if (key.Length == 0)
            {
                return "A look's key is empty.";
            }

            bool ascii = true;
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (char.IsControl(c))
                {
                    return "A look's key holds a control character (U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + ") at " + i + ".";
                }

                if (char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
                {
                    ascii = false;
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    return "A look's key holds half of a surrogate pair at " + i + ": it is not text, and has no UTF-8 form.";
                }
                else if (c > '\u007F')
                {
                    ascii = false;
                }
            }

            if (char.IsWhiteSpace(key[0]) || char.IsWhiteSpace(key[key.Length - 1]))
            {
                return "A look's key begins or ends with white space ('" + key + "'): trim it, so that it names one look.";
            }

            if (!ascii && !s_canNormalize)
            {
                return "A look's key holds characters outside ASCII, and this process runs with invariant globalization, where .NET cannot " +
                    "normalize Unicode: two spellings of the same text could not be told to be one key. Use ASCII keys, or run with ICU.";
            }

            string form;
            try
            {
                form = (ascii ? key : key.Normalize(NormalizationForm.FormC)).ToUpperInvariant();
            }
            catch (ArgumentException)
            {
                return "A look's key holds a code point that is not valid Unicode text.";
            }

            if (form.Length > MaxKeyLength)
            {
                return "A look's key is 1 to " + MaxKeyLength + " characters; this one has " + form.Length + ".";
            }

            recorded = form;
            return null;
        }

        // Invariant globalization leaves text as it is, silently: ask once whether normalization does anything.
        private static bool CanNormalize()
        {
            try
            {
                return string.Equals("e\u0301".Normalize(NormalizationForm.FormC), "\u00E9", StringComparison.Ordinal);
            }
            catch (PlatformNotSupportedException)
            {
                return false;
            }
        }
    }
}
