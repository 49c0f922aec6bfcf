// JSON string escaping into UTF-8, once or twice.
//
// Compiled into the runtime library and, as linked source, into the generator: the generator escapes
// the constant parts of a request with this code at compile time, so its precomputed literals and the
// values written at run time can never disagree.

using System;
#if NET8_0_OR_GREATER
using System.Buffers;
using System.Text;
#endif

namespace Aidge.Declarative.Serialization
{
    internal static class JsonEscaping
    {
        /// <summary>The most UTF-8 bytes one UTF-16 char becomes: a control character escaped twice (<c>\\u001F</c>).</summary>
        public const int MaxBytesPerChar = 7;

#if NET8_0_OR_GREATER
        // Printable ASCII that a JSON string holds as it is: space to tilde, less the quote and the backslash.
        private static readonly SearchValues<char> s_verbatimAscii = SearchValues.Create(
            " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");
#endif

        /// <summary>
        /// Writes <paramref name="source"/> as the content of a JSON string in UTF-8 (no quotes around it).
        /// With <paramref name="twice"/>, the result is escaped once more, as the content of an outer JSON
        /// string: the form <c>requestParams</c> takes inside the request body.
        /// Stops when the source is consumed or fewer than <see cref="MaxBytesPerChar"/> bytes are left.
        /// </summary>
        /// <exception cref="ArgumentException">The text holds an unpaired surrogate, which has no UTF-8 form.</exception>
        public static void Escape(
            ReadOnlySpan<char> source, Span<byte> destination, bool twice, out int charsConsumed, out int bytesWritten)
        {
            int read = 0;
            int written = 0;
            while (read < source.Length && destination.Length - written >= MaxBytesPerChar)
            {
#if NET8_0_OR_GREATER
                // URLs are almost all printable ASCII: copy such runs with the vectorized narrowing.
                ReadOnlySpan<char> rest = source.Slice(read, Math.Min(source.Length - read, destination.Length - written));
                int run = rest.IndexOfAnyExcept(s_verbatimAscii);
                if (run != 0)
                {
                    if (run < 0)
                    {
                        run = rest.Length;
                    }

                    Ascii.FromUtf16(rest.Slice(0, run), destination.Slice(written), out _);
                    read += run;
                    written += run;
                    continue;
                }
#endif
                char c = source[read];
                if (c < 0x80)
                {
                    if (c >= 0x20 && c != '"' && c != '\\')
                    {
                        destination[written++] = (byte)c;
                    }
                    else
                    {
                        written += WriteEscapeSequence(c, destination.Slice(written), twice);
                    }

                    read++;
                }
                else if (c < 0x800)
                {
                    destination[written++] = (byte)(0xC0 | (c >> 6));
                    destination[written++] = (byte)(0x80 | (c & 0x3F));
                    read++;
                }
                else if (!char.IsSurrogate(c))
                {
                    destination[written++] = (byte)(0xE0 | (c >> 12));
                    destination[written++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    destination[written++] = (byte)(0x80 | (c & 0x3F));
                    read++;
                }
                else if (char.IsHighSurrogate(c) && read + 1 < source.Length && char.IsLowSurrogate(source[read + 1]))
                {
                    int scalar = char.ConvertToUtf32(c, source[read + 1]);
                    destination[written++] = (byte)(0xF0 | (scalar >> 18));
                    destination[written++] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
                    destination[written++] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
                    destination[written++] = (byte)(0x80 | (scalar & 0x3F));
                    read += 2;
                }
                else
                {
                    throw new ArgumentException(
                        "The text holds an unpaired surrogate (U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) +
                        "), which has no UTF-8 form, so it cannot be written as JSON. Check where the value came from.");
                }
            }

            charsConsumed = read;
            bytesWritten = written;
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

        // Writes the escape sequence of an ASCII quote, backslash or control character; returns its length.
        private static int WriteEscapeSequence(char c, Span<byte> destination, bool twice)
        {
            int written = 0;
            destination[written++] = (byte)'\\';
            if (twice)
            {
                // The backslash of the inner escape, itself escaped.
                destination[written++] = (byte)'\\';
            }

            char shortForm = c switch
            {
                '"' => '"',
                '\\' => '\\',
                '\b' => 'b',
                '\f' => 'f',
                '\n' => 'n',
                '\r' => 'r',
                '\t' => 't',
                _ => '\0',
            };

            if (shortForm == '"' || shortForm == '\\')
            {
                if (twice)
                {
                    // Escaped twice, \" is \\\" and \\ is \\\\: the inner backslash pair plus an escaped char.
                    destination[written++] = (byte)'\\';
                }

                destination[written++] = (byte)shortForm;
            }
            else if (shortForm != '\0')
            {
                destination[written++] = (byte)shortForm;
            }
            else
            {
                const string Hex = "0123456789ABCDEF";
                destination[written++] = (byte)'u';
                destination[written++] = (byte)'0';
                destination[written++] = (byte)'0';
                destination[written++] = (byte)Hex[c >> 4];
                destination[written++] = (byte)Hex[c & 0xF];
            }

            return written;
        }
    }
}
