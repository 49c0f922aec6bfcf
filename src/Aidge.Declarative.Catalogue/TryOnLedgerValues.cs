using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// How a ledger stores a look's values: every state, edition and error kind by its name (never an enum's number, which a member
    /// added later would shift), and a look's pictures as one JSON form. Every ledger of this package writes them so; a ledger of
    /// your own can too.
    /// </summary>
    /// <remarks>A name this version does not know is refused when read, with a <see cref="FormatException"/>: it was written by another version.</remarks>
    public static class TryOnLedgerValues
    {
        /// <summary>The name a state is stored by.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is none of the states.</exception>
        public static string StateName(TryOnLedgerState state) => state switch
        {
            TryOnLedgerState.Submitting => "Submitting",
            TryOnLedgerState.Submitted => "Submitted",
            TryOnLedgerState.Finished => "Finished",
            TryOnLedgerState.Failed => "Failed",
            TryOnLedgerState.InDoubt => "InDoubt",
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a state the ledger records."),
        };

        /// <summary>The state stored by <paramref name="name"/>.</summary>
        /// <exception cref="FormatException">The name is none this version knows.</exception>
        public static TryOnLedgerState ParseState(string name) => name switch
        {
            "Submitting" => TryOnLedgerState.Submitting,
            "Submitted" => TryOnLedgerState.Submitted,
            "Finished" => TryOnLedgerState.Finished,
            "Failed" => TryOnLedgerState.Failed,
            "InDoubt" => TryOnLedgerState.InDoubt,
            _ => throw new FormatException("the state '" + Printable(name) + "' is none this version knows"),
        };

        /// <summary>The name an edition is stored by.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is none of the editions.</exception>
        public static string EditionName(TryOnEdition edition) => edition switch
        {
            TryOnEdition.Standard => "Standard",
            TryOnEdition.Pro => "Pro",
            _ => throw new ArgumentOutOfRangeException(nameof(edition), edition, "Not an edition."),
        };

        /// <summary>The edition stored by <paramref name="name"/>.</summary>
        /// <exception cref="FormatException">The name is none this version knows.</exception>
        public static TryOnEdition ParseEdition(string name) => name switch
        {
            "Standard" => TryOnEdition.Standard,
            "Pro" => TryOnEdition.Pro,
            _ => throw new FormatException("the edition '" + Printable(name) + "' is none this version knows"),
        };

        /// <summary>The name an error kind is stored by: its member's name (an undefined value would print as a number, which is no name).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is none of the kinds.</exception>
        public static string KindName(AidgeErrorKind kind)
        {
            string name = kind.ToString();
            return char.IsLetter(name[0]) ? name : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an error kind.");
        }

        /// <summary>The error kind stored by <paramref name="name"/>, exactly: a number, or another case, is not a name this version wrote.</summary>
        /// <exception cref="FormatException">The name is none this version knows.</exception>
        public static AidgeErrorKind ParseKind(string name) =>
            name.Length != 0 && char.IsLetter(name[0]) && Enum.TryParse(name, ignoreCase: false, out AidgeErrorKind kind) && string.Equals(kind.ToString(), name, StringComparison.Ordinal)
                ? kind
                : throw new FormatException("the error kind '" + Printable(name) + "' is none this version knows");

        /// <summary>A look's pictures as the ledger stores them: <c>[{"url":"...","garment":"..."}]</c>.</summary>
        public static string WritePictures(IReadOnlyList<TryOnPicture> pictures)
        {
            if (pictures is null)
            {
                throw new ArgumentNullException(nameof(pictures));
            }

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartArray();
                foreach (TryOnPicture picture in pictures)
                {
                    writer.WriteStartObject();
                    writer.WriteString("url", picture.Url);
                    if (picture.GarmentUrl is { } garment)
                    {
                        writer.WriteString("garment", garment);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }

        /// <summary>The pictures <see cref="WritePictures"/> stored.</summary>
        /// <exception cref="FormatException">The text is not that form.</exception>
        public static TryOnPicture[] ReadPictures(string json)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                var pictures = new TryOnPicture[document.RootElement.GetArrayLength()];
                int i = 0;
                foreach (JsonElement element in document.RootElement.EnumerateArray())
                {
                    pictures[i++] = new TryOnPicture(
                        element.GetProperty("url").GetString() ?? throw new FormatException("a picture without its URL"),
                        element.TryGetProperty("garment", out JsonElement garment) ? garment.GetString() : null);
                }

                return pictures;
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw new FormatException("the pictures are not in the form a ledger writes: " + exception.Message, exception);
            }
        }

        // What a message may show of text read from a damaged store: printable, and short.
        internal static string Printable(string text)
        {
            var builder = new StringBuilder(Math.Min(text.Length, 80));
            foreach (char c in text)
            {
                if (builder.Length == 80)
                {
                    builder.Append("...");
                    break;
                }

                builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
            }

            return builder.ToString();
        }
    }
}
