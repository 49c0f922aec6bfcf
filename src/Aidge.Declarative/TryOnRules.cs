// The Aidge try-on API's rules, written once.
//
// This file is compiled into the runtime library (namespace Aidge.Declarative, public, used by the
// generated validation and the fake server) and, as linked source, into the generator and the analyzers
// (there in namespace Aidge.Declarative.Rules, so that a test that sees both copies never finds two types
// of one name). Nothing else states a wire name, an enum spelling or a limit: when the vendor changes a
// rule, this is the one file to change. It depends on nothing beyond the BCL so that it compiles for
// netstandard2.0 inside the compiler as well as at run time.

using System;

#if AIDGE_ROSLYN
namespace Aidge.Declarative.Rules
#else
namespace Aidge.Declarative
#endif
{
    /// <summary>The kind of garment a <c>clothesList</c> entry holds (the wire's <c>type</c>).</summary>
    public enum GarmentType
    {
        /// <summary>A top: shirt, T-shirt, jacket (<c>tops</c>).</summary>
        Tops = 0,

        /// <summary>Trousers, shorts or a skirt (<c>bottoms</c>).</summary>
        Bottoms = 1,

        /// <summary>A dress or a one-piece (<c>dresses</c>). A dress is always worn alone.</summary>
        Dresses = 2,
    }

    /// <summary>Which framing the generated pictures use (the wire's <c>viewType</c>).</summary>
    public enum ViewType
    {
        /// <summary>The whole body (<c>fullbody</c>); the service's default.</summary>
        FullBody = 0,

        /// <summary>The upper half of the body (<c>halfbody</c>).</summary>
        HalfBody = 1,

        /// <summary>A mix of full-body and half-body pictures (<c>mixed</c>).</summary>
        Mixed = 2,
    }

    /// <summary>Which edition of the service runs the request: it picks the endpoint.</summary>
    public enum TryOnEdition
    {
        /// <summary>The standard edition (<c>/ai/virtual/tryon</c>).</summary>
        Standard = 0,

        /// <summary>The pro edition (<c>/ai/virtual/tryon-pro</c>).</summary>
        Pro = 1,
    }

    /// <summary>The model's gender (the wire's <c>model.gender</c>).</summary>
    public enum ModelGender
    {
        /// <summary><c>male</c>.</summary>
        Male = 0,

        /// <summary><c>female</c>; the service's default.</summary>
        Female = 1,
    }

    /// <summary>The model's style (the wire's <c>model.style</c>).</summary>
    public enum ModelStyle
    {
        /// <summary><c>universal_1</c>; the service's default.</summary>
        Universal1 = 0,

        /// <summary><c>universal_2</c>.</summary>
        Universal2 = 1,

        /// <summary><c>universal_3</c>.</summary>
        Universal3 = 2,
    }

    /// <summary>The model's age group (the wire's <c>model.age</c>).</summary>
    public enum ModelAge
    {
        /// <summary><c>children</c>.</summary>
        Children = 0,

        /// <summary><c>youngadult</c>.</summary>
        YoungAdult = 1,
    }

    /// <summary>The model's body shape (the wire's <c>model.body</c>).</summary>
    public enum ModelBody
    {
        /// <summary><c>slim</c>; the service's default.</summary>
        Slim = 0,

        /// <summary><c>curvy</c> (plus-size).</summary>
        Curvy = 1,
    }

    /// <summary>What is wrong with a suit of garments, as <see cref="TryOnRules.CheckSuit"/> finds it.</summary>
    public enum SuitProblem
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
    public readonly struct SuitCheck : IEquatable<SuitCheck>
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
    /// The rules of the Aidge virtual try-on API, as data and pure functions: the limits, the allowed
    /// suits, the wire spellings of every enum value and the wire names of every field.
    /// </summary>
    public static class TryOnRules
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

        /// <summary>The wire spelling of a garment type (<c>tops</c>, <c>bottoms</c>, <c>dresses</c>).</summary>
        public static string WireName(GarmentType value) => value switch
        {
            GarmentType.Tops => "tops",
            GarmentType.Bottoms => "bottoms",
            GarmentType.Dresses => "dresses",
            _ => throw Undefined(value),
        };

        /// <summary>The wire spelling of a view type (<c>fullbody</c>, <c>halfbody</c>, <c>mixed</c>).</summary>
        public static string WireName(ViewType value) => value switch
        {
            ViewType.FullBody => "fullbody",
            ViewType.HalfBody => "halfbody",
            ViewType.Mixed => "mixed",
            _ => throw Undefined(value),
        };

        /// <summary>The wire spelling of a gender (<c>male</c>, <c>female</c>).</summary>
        public static string WireName(ModelGender value) => value switch
        {
            ModelGender.Male => "male",
            ModelGender.Female => "female",
            _ => throw Undefined(value),
        };

        /// <summary>The wire spelling of a style (<c>universal_1</c> to <c>universal_3</c>).</summary>
        public static string WireName(ModelStyle value) => value switch
        {
            ModelStyle.Universal1 => "universal_1",
            ModelStyle.Universal2 => "universal_2",
            ModelStyle.Universal3 => "universal_3",
            _ => throw Undefined(value),
        };

        /// <summary>The wire spelling of an age group (<c>children</c>, <c>youngadult</c>).</summary>
        public static string WireName(ModelAge value) => value switch
        {
            ModelAge.Children => "children",
            ModelAge.YoungAdult => "youngadult",
            _ => throw Undefined(value),
        };

        /// <summary>The wire spelling of a body shape (<c>slim</c>, <c>curvy</c>).</summary>
        public static string WireName(ModelBody value) => value switch
        {
            ModelBody.Slim => "slim",
            ModelBody.Curvy => "curvy",
            _ => throw Undefined(value),
        };

        /// <summary>The enum value a wire spelling stands for (<c>"tops"</c> is <see cref="GarmentType.Tops"/>); false for any other text.</summary>
        public static bool TryParseWireName<TEnum>(string? text, out TEnum value)
            where TEnum : struct, Enum
        {
#if NET5_0_OR_GREATER
            TEnum[] candidates = Enum.GetValues<TEnum>();
#else
            var candidates = (TEnum[])Enum.GetValues(typeof(TEnum));
#endif
            foreach (TEnum candidate in candidates)
            {
                if (text is not null && string.Equals(WireNameOf(candidate), text, StringComparison.Ordinal))
                {
                    value = candidate;
                    return true;
                }
            }

            value = default;
            return false;
        }

        private static string? WireNameOf<TEnum>(TEnum value)
            where TEnum : struct, Enum => value switch
        {
            GarmentType garment => WireName(garment),
            ViewType view => WireName(view),
            ModelGender gender => WireName(gender),
            ModelStyle style => WireName(style),
            ModelAge age => WireName(age),
            ModelBody body => WireName(body),
            _ => null,
        };

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

        /// <summary>
        /// The ids of the rules checked both while the user types (the analyzer) and before a request is
        /// sent (the generated <c>Validate()</c>); the analyzer's other ids concern declarations only.
        /// </summary>
        public static class RuleIds
        {
            /// <summary>A suit that is not 1 garment or exactly one tops and one bottoms.</summary>
            public const string InvalidSuit = "AIDGE001";

            /// <summary>A generateCount outside 1 to 8.</summary>
            public const string GenerateCountOutOfRange = "AIDGE002";

            /// <summary>More than 8 model images.</summary>
            public const string TooManyModelImages = "AIDGE003";

            /// <summary>A request with no garment.</summary>
            public const string NoGarment = "AIDGE005";

            /// <summary>An image URL the service cannot download.</summary>
            public const string ImageUrlNotDownloadable = "AIDGE007";

            /// <summary>Text with an unpaired surrogate, which has no UTF-8 form.</summary>
            public const string TextHasNoUtf8Form = "AIDGE015";
        }

        /// <summary>What each rule says when it is broken, in plain words, at compile time and at run time alike.</summary>
        public static class Messages
        {
            /// <summary>The request has no garment at all.</summary>
            public const string NoGarment =
                "The request has no garment: it needs 1 or 2 [Garment] members, and at run time at least one of them must not be null";

            /// <summary>What is wrong with a suit, naming the garment to blame and, for a mismatched pair, the other one.</summary>
            /// <param name="check">The outcome of <see cref="CheckSuit"/>.</param>
            /// <param name="offender">The name of the garment at <see cref="SuitCheck.OffendingIndex"/>.</param>
            /// <param name="offenderType">Its type.</param>
            /// <param name="other">The name of the other garment of a pair.</param>
            /// <param name="otherType">Its type.</param>
            public static string Suit(SuitCheck check, string offender, GarmentType? offenderType, string? other, GarmentType? otherType) =>
                check.Problem switch
                {
                    SuitProblem.Empty => NoGarment,
                    SuitProblem.TooManyGarments =>
                        "'" + offender + "' is garment number " + (check.OffendingIndex + 1) + ", but a request holds one suit of at most " +
                        MaxGarments + " garments: send other garments in other requests",
                    SuitProblem.UntypedGarmentInSuit =>
                        "'" + offender + "' has no garment type, but both garments of a suit need one: use [Garment(GarmentType.Tops)] or [Garment(GarmentType.Bottoms)]",
                    SuitProblem.NotTopsAndBottoms =>
                        "'" + other + "' (" + otherType + ") and '" + offender + "' (" + offenderType +
                        ") do not make a suit: two garments must be one Tops and one Bottoms, and a dress is worn alone",
                    _ => "The suit is valid",
                };

            /// <summary>A generateCount outside 1 to 8.</summary>
            public static string GenerateCount(long value) =>
                "generateCount is " + value + ", but the service makes " + MinGenerateCount + " to " + MaxGenerateCount + " pictures per request";

            /// <summary>More than 8 model images; <paramref name="atLeast"/> when more may come from values unknown at compile time.</summary>
            public static string TooManyModelImages(int count, bool atLeast = false) =>
                "The request holds " + (atLeast ? "at least " : string.Empty) + count + " model images, but the service takes at most " +
                MaxModelImages + ": keep the first " + MaxModelImages;

            /// <summary>An image URL the service cannot download, and why; the URL is shown shortened, with any user info hidden.</summary>
            public static string ImageUrlNotDownloadable(string member, string url) =>
                "'" + member + "' is \"" + Shorten(Printable(url)) + "\", which the service cannot download: " + (ImageUrlProblem(url) ?? "it is not an image URL");

            /// <summary>Text with an unpaired surrogate.</summary>
            public static string TextHasNoUtf8Form(string member, int index) =>
                "'" + member + "' holds an unpaired UTF-16 surrogate at index " + index + ", which has no UTF-8 form and cannot be sent";

            private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";

            // A URL as a message may show it: control characters escaped, a user name and password hidden.
            private static string Printable(string url)
            {
                int scheme = url.IndexOf("://", StringComparison.Ordinal);
                int at = scheme < 0 ? -1 : url.IndexOf('@', scheme + 3);
                int pathStart = scheme < 0 ? -1 : url.IndexOfAny(new[] { '/', '?', '#' }, scheme + 3);
                if (at >= 0 && (pathStart < 0 || at < pathStart))
                {
                    url = url.Substring(0, scheme + 3) + "***" + url.Substring(at);
                }

                var text = new System.Text.StringBuilder(url.Length);
                foreach (char c in url)
                {
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                }

                return text.ToString();
            }
        }

        /// <summary>The wire's field names, in the order the vendor writes them.</summary>
        public static class Fields
        {
            /// <summary>The submit body's one property; some vendor pages call it <c>paramJson</c>.</summary>
            public const string RequestParams = "requestParams";

            /// <summary>The query body's one property; the Chinese pages call it <c>taskId</c>.</summary>
            public const string QueryTaskId = "task_id";

            /// <summary>The suit: 1 or 2 garments.</summary>
            public const string ClothesList = "clothesList";

            /// <summary>A garment's image URL.</summary>
            public const string ImageUrl = "imageUrl";

            /// <summary>A garment's type.</summary>
            public const string Type = "type";

            /// <summary>The user's own model photos.</summary>
            public const string ModelImage = "modelImage";

            /// <summary>The library model, chosen or described.</summary>
            public const string Model = "model";

            /// <summary>The model library.</summary>
            public const string ModelBase = "base";

            /// <summary>A model's name in the library.</summary>
            public const string ModelName = "name";

            /// <summary>The model's gender.</summary>
            public const string ModelGender = "gender";

            /// <summary>The model's style.</summary>
            public const string ModelStyle = "style";

            /// <summary>The model's age group.</summary>
            public const string ModelAge = "age";

            /// <summary>The model's body shape.</summary>
            public const string ModelBody = "body";

            /// <summary>Full body, half body or mixed.</summary>
            public const string ViewType = "viewType";

            /// <summary>1 to filter low-quality inputs, 0 not to.</summary>
            public const string InputQualityDetect = "inputQualityDetect";

            /// <summary>How many pictures to generate.</summary>
            public const string GenerateCount = "generateCount";
        }
    }
}
