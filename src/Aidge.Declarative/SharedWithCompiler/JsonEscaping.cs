// JSON string escaping into UTF-8, once or twice.
//
// Compiled into the runtime library and, as linked source, into the generator: the generator escapes
// the constant parts of a request with this code at compile time, so its precomputed literals and the
// values written at run time can never disagree.

using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace Aidge.Declarative.Serialization
{
    internal static partial class JsonEscaping
    {
        /// <summary>The most UTF-8 bytes one UTF-16 char becomes: a control character escaped twice (<c>\\u001F</c>).</summary>
        public const int MaxBytesPerChar = 7;

        /// <summary>
        /// Writes the whole of <paramref name="source"/> as <see cref="Escape"/> does, into a destination the caller has
        /// made room in for all of it (<see cref="MaxBytesPerChar"/> bytes a char).
        /// </summary>
        /// <returns>How many bytes were written.</returns>
        /// <remarks>
        /// Where the value is written, the JIT inlines the common case; the rest is called with no reference to the caller's
        /// locals (an <c>out</c> argument to a call it does not inline keeps that local in memory for the whole caller).
        /// </remarks>
        /// <exception cref="ArgumentException">The text holds an unpaired surrogate, which has no UTF-8 form.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int EscapeAll(ReadOnlySpan<char> source, Span<byte> destination, bool twice)
        {
#if NET8_0_OR_GREATER
            int run = CopyVerbatim(source, destination);
            if (run == source.Length)
            {
                return run;
            }

            return EscapeAllRest(source, destination, twice, run);
#else
            Escape(source, destination, twice, out _, out int written);
            return written;
#endif
        }

#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int EscapeAllRest(ReadOnlySpan<char> source, Span<byte> destination, bool twice, int start)
        {
            EscapeRest(source, destination, twice, start, out _, out int written);
            return written;
        }
#endif

        /// <summary>
        /// Writes <paramref name="source"/> as the content of a JSON string in UTF-8 (no quotes around it).
        /// With <paramref name="twice"/>, the result is escaped once more, as the content of an outer JSON
        /// string: the form <c>requestParams</c> takes inside the request body.
        /// Stops when the source is consumed, or when what comes next does not fit: on net8.0 a run of printable ASCII
        /// is written while there is room for it; any other char (and on netstandard2.0 every char) only while
        /// <see cref="MaxBytesPerChar"/> bytes are left.
        /// </summary>
        /// <exception cref="ArgumentException">The text holds an unpaired surrogate, which has no UTF-8 form.</exception>
#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Escape(
            ReadOnlySpan<char> source, Span<byte> destination, bool twice, out int charsConsumed, out int bytesWritten)
        {
            // The common case, a URL, inlined where the value is written: one verbatim run to the end. Anything else
            // continues out of line (docs/performance.md, "Why the code is shaped so", has the figures).
            int run = CopyVerbatim(source, destination);
            if (run == source.Length)
            {
                charsConsumed = run;
                bytesWritten = run;
                return;
            }

            EscapeRest(source, destination, twice, run, out charsConsumed, out bytesWritten);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void EscapeRest(
            ReadOnlySpan<char> source, Span<byte> destination, bool twice, int start, out int charsConsumed, out int bytesWritten)
        {
            // The char at start ends the run (or the room did): the loop's first CopyVerbatim returns at once.
            int read = start;
            int written = start;
#else
        public static void Escape(
            ReadOnlySpan<char> source, Span<byte> destination, bool twice, out int charsConsumed, out int bytesWritten)
        {
            int read = 0;
            int written = 0;
#endif
            while (read < source.Length)
            {
#if NET8_0_OR_GREATER
                // Between the chars to escape, each run of verbatim ASCII in one vector pass.
                int run = CopyVerbatim(source.Slice(read), destination.Slice(written));
                read += run;
                written += run;
                if (read == source.Length)
                {
                    break;
                }
#endif
                if (destination.Length - written < MaxBytesPerChar)
                {
                    break;
                }

                char c = source[read];
                if (c < 0x80)
                {
                    if (IsVerbatim(c))
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


        // What a JSON string holds as it is: ASCII from the space up (DEL included), less the quote and the backslash. The
        // vector steps below test the same set on narrowed bytes (see Passing).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsVerbatim(char c) => (uint)(c - 0x20) <= 0x7F - 0x20 && c != '"' && c != '\\';

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
