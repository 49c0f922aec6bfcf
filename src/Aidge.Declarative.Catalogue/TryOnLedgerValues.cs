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
        public static string WritePictures(IReadOnlyList<TryOnPicture> pictures) => WritePictures(pictures, null);

        /// <summary>
        /// A look's pictures and what became of saving them, as the ledger stores them: each picture's object holds <c>saved</c>
        /// (<c>{"location":"...","length":N,"sha256":"...","at":MS}</c>) or <c>notSaved</c> (<c>{"problem":"...","at":MS}</c>) once saving was tried.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="saved"/> is neither empty nor one per picture.</exception>
        public static string WritePictures(IReadOnlyList<TryOnPicture> pictures, IReadOnlyList<TryOnSavedPicture>? saved)
        {
            if (pictures is null)
            {
                throw new ArgumentNullException(nameof(pictures));
            }

            if (saved is { Count: not 0 } && saved.Count != pictures.Count)
            {
                throw new ArgumentException("The saved pictures are one per picture (" + pictures.Count + "), not " + saved.Count + ".", nameof(saved));
            }

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartArray();
                for (int i = 0; i < pictures.Count; i++)
                {
                    TryOnPicture picture = pictures[i];
                    writer.WriteStartObject();
                    writer.WriteString("url", picture.Url);
                    if (picture.GarmentUrl is { } garment)
                    {
                        writer.WriteString("garment", garment);
                    }

                    if (saved is { Count: not 0 } && saved[i] is { } result)
                    {
                        writer.WriteStartObject(result.IsSaved ? "saved" : "notSaved");
                        if (result.IsSaved)
                        {
                            writer.WriteString("location", result.Location);
                            writer.WriteNumber("length", result.Length);
                            writer.WriteString("sha256", result.Sha256);
                        }
                        else
                        {
                            writer.WriteString("problem", result.Problem);
                        }

                        writer.WriteNumber("at", result.At.ToUnixTimeMilliseconds());
                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }

        /// <summary>The pictures <see cref="WritePictures(IReadOnlyList{TryOnPicture}, IReadOnlyList{TryOnSavedPicture})"/> stored.</summary>
        /// <exception cref="FormatException">The text is not that form.</exception>
        public static TryOnPicture[] ReadPictures(string json) => ReadPictures(json, out _);

        /// <summary>The pictures, and what became of saving them (empty when it was never tried), that <see cref="WritePictures(IReadOnlyList{TryOnPicture}, IReadOnlyList{TryOnSavedPicture})"/> stored.</summary>
        /// <exception cref="FormatException">The text is not that form, or only some pictures say whether they were saved.</exception>
        public static TryOnPicture[] ReadPictures(string json, out TryOnSavedPicture[] saved)
        {
            if (json is null)
            {
                throw new ArgumentNullException(nameof(json));
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                int count = document.RootElement.GetArrayLength();
                var pictures = new TryOnPicture[count];
                var results = new TryOnSavedPicture[count];
                int i = 0;
                int tried = 0;
                foreach (JsonElement element in document.RootElement.EnumerateArray())
                {
                    pictures[i] = new TryOnPicture(
                        element.GetProperty("url").GetString() ?? throw new FormatException("a picture without its URL"),
                        element.TryGetProperty("garment", out JsonElement garment) ? garment.GetString() : null);
                    if (element.TryGetProperty("saved", out JsonElement s))
                    {
                        results[i] = TryOnSavedPicture.Saved(
                            s.GetProperty("location").GetString() ?? throw new FormatException("a saved picture without its location"),
                            s.GetProperty("length").GetInt64(),
                            s.GetProperty("sha256").GetString() ?? throw new FormatException("a saved picture without its hash"),
                            DateTimeOffset.FromUnixTimeMilliseconds(s.GetProperty("at").GetInt64()));
                        tried++;
                    }
                    else if (element.TryGetProperty("notSaved", out JsonElement n))
                    {
                        results[i] = TryOnSavedPicture.NotSaved(
                            n.GetProperty("problem").GetString() ?? throw new FormatException("a picture not saved without its problem"),
                            DateTimeOffset.FromUnixTimeMilliseconds(n.GetProperty("at").GetInt64()));
                        tried++;
                    }

                    i++;
                }

                if (tried != 0 && tried != count)
                {
                    throw new FormatException("only " + tried + " of the " + count + " pictures say whether they were saved");
                }

                saved = tried == 0 ? new TryOnSavedPicture[0] : results;
                return pictures;
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
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
