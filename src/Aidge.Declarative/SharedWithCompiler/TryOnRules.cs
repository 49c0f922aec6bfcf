// The Aidge try-on API's rules, written once.
//
// Compiled into the runtime library (namespace Aidge.Declarative, internal: the generated validation reaches them through
// TryOnValidator), into the fake server of Aidge.Declarative.Testing, and, as linked source, into the generator and the
// analyzers (there in namespace Aidge.Declarative.Rules). When the vendor changes a rule, this folder is where it changes.
// It depends on nothing beyond the BCL, so that it compiles for netstandard2.0 inside the compiler as well as at run time.

using System;
using System.Collections.Generic;

#if AIDGE_ROSLYN
namespace Aidge.Declarative.Rules
#else
namespace Aidge.Declarative
#endif
{
    /// <summary>What is wrong with a suit of garments, as <see cref="TryOnRules.CheckSuit"/> finds it.</summary>
    internal enum SuitProblem
    {
        /// <summary>The suit is valid.</summary>
        None = 0,

        /// <summary>The suit has no garment at all.</summary>
        Empty,

        /// <summary>The suit has more than <see cref="TryOnRules.MaxGarments"/> garments.</summary>
        TooManyGarments,

        /// <summary>A garment of a two-garment suit has no type.</summary>
        UntypedGarmentInSuit,

        /// <summary>Two garments that are not exactly one tops and one bottoms.</summary>
        NotTopsAndBottoms,
    }

    /// <summary>The outcome of <see cref="TryOnRules.CheckSuit"/>: the problem and the garment it sits on.</summary>
    internal readonly struct SuitCheck : IEquatable<SuitCheck>
    {
        /// <summary>Creates a result.</summary>
        public SuitCheck(SuitProblem problem, int offendingIndex)
        {
            Problem = problem;
            OffendingIndex = offendingIndex;
        }

        /// <summary>What is wrong, or <see cref="SuitProblem.None"/>.</summary>
        public SuitProblem Problem { get; }

        /// <summary>
        /// The zero-based index of the garment to blame (the first one past the limit, the untyped one,
        /// or the second of a mismatched pair); -1 when the suit is valid or empty.
        /// </summary>
        public int OffendingIndex { get; }

        /// <summary>
        /// The index of the garment the one to blame is measured against (the other of a pair, or the first
        /// of the suit); -1 when the suit is valid or empty.
        /// </summary>
        public int OtherIndex => OffendingIndex < 0 ? -1 : OffendingIndex == 0 ? 1 : 0;

        /// <summary>Whether the suit is valid.</summary>
        public bool IsValid => Problem == SuitProblem.None;

        /// <inheritdoc/>
        public bool Equals(SuitCheck other) => Problem == other.Problem && OffendingIndex == other.OffendingIndex;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is SuitCheck other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => ((int)Problem * 397) ^ OffendingIndex;

        /// <inheritdoc/>
        public override string ToString() => IsValid ? "valid" : Problem + " at garment " + OffendingIndex;
    }

    /// <summary>
    /// The rules of the Aidge virtual try-on API, as data and pure functions: the limits, the allowed suits, the URLs the service
    /// can download, the API names (this file); the wire spellings and field names (<c>TryOnRules.Wire.cs</c>); the rule ids and
    /// their words (<c>TryOnRules.Messages.cs</c>). Internal: the public face of the rules is the generated <c>Validate()</c> and
    /// the analyzers.
    /// </summary>
    internal static partial class TryOnRules
    {
        /// <summary>The fewest garments a request can hold.</summary>
        public const int MinGarments = 1;

        /// <summary>The most garments a request can hold: one suit, a top and a bottom.</summary>
        public const int MaxGarments = 2;

        /// <summary>The smallest allowed <c>generateCount</c>.</summary>
        public const int MinGenerateCount = 1;

        /// <summary>The largest allowed <c>generateCount</c>.</summary>
        public const int MaxGenerateCount = 8;

        /// <summary>The service's <c>generateCount</c> when a request leaves it out.</summary>
        public const int DefaultGenerateCount = 4;

        /// <summary>The most <c>modelImage</c> URLs a request can hold.</summary>
        public const int MaxModelImages = 8;

        /// <summary>Whether <paramref name="generateCount"/> is within 1 to 8.</summary>
        public static bool IsValidGenerateCount(int generateCount) =>
            generateCount >= MinGenerateCount && generateCount <= MaxGenerateCount;

        /// <summary>Whether a request may hold <paramref name="count"/> model images.</summary>
        public static bool IsValidModelImageCount(int count) => count >= 0 && count <= MaxModelImages;

        /// <summary>
        /// Checks one suit: 1 or 2 garments; a 2-garment suit is exactly one tops and one bottoms, each typed.
        /// A single garment may be untyped (the service detects its type).
        /// </summary>
        /// <param name="garmentTypes">The suit's garments in request order; <see langword="null"/> where a garment has no type.</param>
        public static SuitCheck CheckSuit(ReadOnlySpan<GarmentType?> garmentTypes)
        {
            if (garmentTypes.Length < MinGarments)
            {
                return new SuitCheck(SuitProblem.Empty, -1);
            }

            if (garmentTypes.Length > MaxGarments)
            {
                return new SuitCheck(SuitProblem.TooManyGarments, MaxGarments);
            }

            if (garmentTypes.Length == 1)
            {
                return new SuitCheck(SuitProblem.None, -1);
            }

            GarmentType? first = garmentTypes[0];
            GarmentType? second = garmentTypes[1];
            if (first is null)
            {
                return new SuitCheck(SuitProblem.UntypedGarmentInSuit, 0);
            }

            if (second is null)
            {
                return new SuitCheck(SuitProblem.UntypedGarmentInSuit, 1);
            }

            bool topsAndBottoms =
                (first == GarmentType.Tops && second == GarmentType.Bottoms) ||
                (first == GarmentType.Bottoms && second == GarmentType.Tops);
            return topsAndBottoms
                ? new SuitCheck(SuitProblem.None, -1)
                : new SuitCheck(SuitProblem.NotTopsAndBottoms, 1);
        }

        /// <summary>
        /// The garment type that makes a valid suit with <paramref name="other"/>, or <see langword="null"/>
        /// when nothing can be worn with it (a dress).
        /// </summary>
        public static GarmentType? Complement(GarmentType other) => other switch
        {
            GarmentType.Tops => GarmentType.Bottoms,
            GarmentType.Bottoms => GarmentType.Tops,
            _ => null,
        };

        /// <summary>
        /// The longest image URL a request may hold. The vendor's longest sample URL (a signed storage URL) has about
        /// 300 characters; 2,048 is the limit URLs are commonly held to (the sitemaps protocol's, close to old browsers'
        /// 2,083), leaves room for any signed link, and keeps a request of 10 URLs at about 20 KB. A longer "URL" is data
        /// pasted by mistake, and would make a body many times its size once escaped.
        /// </summary>
        public const int MaxImageUrlLength = 2048;

        /// <summary>Whether a URL is one the service can download (see <see cref="ImageUrlProblem"/>).</summary>
        public static bool IsDownloadableUrl(string? url) => ImageUrlProblem(url) is null;

        /// <summary>
        /// Why the service cannot download <paramref name="url"/>, or null when it can: it must be an absolute http or
        /// https URL with a host, of at most <see cref="MaxImageUrlLength"/> characters, with no white space or control
        /// character anywhere (a CR/LF or a leading space is never part of a link), and with no user name or password
        /// (a credential in a URL would be sent to the vendor, and the service does not log in).
        /// </summary>
        public static string? ImageUrlProblem(string? url)
        {
            if (url is null || url.Length == 0)
            {
                return "an image URL must be an absolute http or https URL, and it is empty";
            }

            if (url.Length > MaxImageUrlLength)
            {
                return "an image URL may have at most " + MaxImageUrlLength + " characters, and it has " + url.Length;
            }

            foreach (char c in url)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    return "an image URL holds no white space or control character, and it holds U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "https" && uri.Scheme != "http") || uri.Host.Length == 0)
            {
                return "an image URL must be an absolute http or https URL";
            }

            return uri.UserInfo.Length != 0 ? "an image URL must not hold a user name or password (user:password@)" : null;
        }

        /// <summary>
        /// What is wrong with the image URL <paramref name="url"/> that <paramref name="member"/> holds, as every checker
        /// reports it (the analyzer, the generated validation, the fake server): the rule it breaks and the message;
        /// null when it can be sent and downloaded.
        /// </summary>
        public static (string RuleId, string Message)? CheckImageUrl(string member, string url)
        {
            int surrogate = IndexOfUnpairedSurrogate(url.AsSpan());
            if (surrogate >= 0)
            {
                return (RuleIds.TextHasNoUtf8Form, Messages.TextHasNoUtf8Form(member, surrogate));
            }

            return IsDownloadableUrl(url) ? null : (RuleIds.ImageUrlNotDownloadable, Messages.ImageUrlNotDownloadable(member, url));
        }

        /// <summary>
        /// Checks the suit of <paramref name="garments"/> (see <see cref="CheckSuit"/>) and words what is wrong with it,
        /// as every checker reports it; null when the suit is valid. <see cref="SuitCheck.OffendingIndex"/> is the index
        /// in <paramref name="garments"/> of the garment to blame, -1 for an empty suit.
        /// </summary>
        public static (SuitCheck Check, string Message)? FindSuitProblem<T>(IReadOnlyList<T> garments, Func<T, GarmentType?> typeOf, Func<T, string> nameOf)
        {
            var types = new GarmentType?[garments.Count];
            for (int i = 0; i < types.Length; i++)
            {
                types[i] = typeOf(garments[i]);
            }

            SuitCheck check = CheckSuit(types);
            if (check.IsValid)
            {
                return null;
            }

            if (check.OffendingIndex < 0)
            {
                return (check, Messages.NoGarment);
            }

            T offender = garments[check.OffendingIndex];
            T other = garments[check.OtherIndex];
            return (check, Messages.Suit(check, nameOf(offender), typeOf(offender), nameOf(other), typeOf(other)));
        }

        /// <summary>The index of the first unpaired surrogate in <paramref name="text"/>, or -1 when every char has a UTF-8 form.</summary>
        public static int IndexOfUnpairedSurrogate(ReadOnlySpan<char> text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!char.IsSurrogate(c))
                {
                    continue;
                }

                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            return -1;
        }

        /// <summary>The API path (without <c>/rest</c>) that accepts submits of an edition.</summary>
        public static string SubmitApiName(TryOnEdition edition) => edition switch
        {
            TryOnEdition.Standard => "/ai/virtual/tryon",
            TryOnEdition.Pro => "/ai/virtual/tryon-pro",
            _ => throw Undefined(edition),
        };

        /// <summary>The API path (without <c>/rest</c>) that answers result queries for both editions.</summary>
        public const string QueryApiName = "/ai/virtual/tryon-results";

        /// <summary>The API path (without <c>/rest</c>) that answers an API's quota balance.</summary>
        public const string BalanceApiName = "/ai/query/balance";

        /// <summary>What a call's path starts with, before the API name: <c>/rest/ai/virtual/tryon</c>.</summary>
        public const string RestPrefix = "/rest";

        private static ArgumentOutOfRangeException Undefined<TEnum>(TEnum value)
            where TEnum : struct =>
            new ArgumentOutOfRangeException(
                nameof(value),
                typeof(TEnum).Name + " has no value " + value.ToString() + " that the Aidge API knows.");
    }
}
