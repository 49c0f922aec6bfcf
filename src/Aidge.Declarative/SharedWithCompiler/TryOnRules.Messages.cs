// The rules' ids and words: what the analyzer, the generated Validate() and the fake server say when a rule is broken.
// Compiled where TryOnRules.cs is.

using System;

#if AIDGE_ROSLYN
namespace Aidge.Declarative.Rules
#else
namespace Aidge.Declarative
#endif
{
    internal static partial class TryOnRules
    {
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
    }
}
