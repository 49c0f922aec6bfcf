// JSON string escaping, the vector part: the verbatim runs copied and narrowed 512, 256 or 128 bits at a time (.NET 8 and later).
// Compiled where JsonEscaping.cs is; the scalar part, and what both share, is there.

#if NET8_0_OR_GREATER
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Aidge.Declarative.Serialization
{
    internal static partial class JsonEscaping
    {
        /// <summary>
        /// Copies the longest prefix of <paramref name="source"/> that a JSON string holds as it is (ASCII from the space up,
        /// less the quote and the backslash), narrowed to UTF-8, as far as <paramref name="destination"/> has room.
        /// </summary>
        /// <returns>How many chars were copied (as many bytes were written).</returns>
        /// <remarks>
        /// One pass: each vector of chars is checked and narrowed together, and stored whole whether or not it held a char
        /// to escape (the bytes past the run are written over by what follows). The last, partial vector is taken as a
        /// whole vector ending at the end, overlapping what was already copied: those chars were verbatim, so they are
        /// written again as they were. Values shorter than 8 chars are copied char by char.
        /// One pass rather than two (<c>IndexOfAnyExcept</c> over a <c>SearchValues</c>, then <c>Ascii.FromUtf16</c>): the figures
        /// are in docs/performance.md, "Why the code is shaped so".
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int CopyVerbatim(ReadOnlySpan<char> source, Span<byte> destination)
        {
            int length = Math.Min(source.Length, destination.Length);
            ref ushort from = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(source));
            ref byte to = ref MemoryMarshal.GetReference(destination);
            if (Vector512.IsHardwareAccelerated && length >= 2 * Vector512<ushort>.Count)
            {
                return CopyVerbatim512(ref from, ref to, length);
            }

            if (Vector256.IsHardwareAccelerated && length >= 2 * Vector256<ushort>.Count)
            {
                return CopyVerbatim256(ref from, ref to, length);
            }

            if (Vector128.IsHardwareAccelerated && length >= Vector128<ushort>.Count)
            {
                return CopyVerbatim128(ref from, ref to, length);
            }

            int i = 0;
            while (i < length && IsVerbatim((char)Unsafe.Add(ref from, i)))
            {
                Unsafe.Add(ref to, i) = (byte)Unsafe.Add(ref from, i);
                i++;
            }

            return i;
        }

        /// <summary>
        /// <see cref="CopyVerbatim(ReadOnlySpan{char}, Span{byte})"/> at one vector width (512, 256 or 128 bits) whatever the machine accelerates, so that
        /// tests reach every width on any machine (an unaccelerated width runs in software, slowly, with the same results).
        /// The text must hold at least one step: 64, 32 or 8 chars.
        /// </summary>
        internal static int CopyVerbatim(ReadOnlySpan<char> source, Span<byte> destination, int vectorBits)
        {
            int length = Math.Min(source.Length, destination.Length);
            ref ushort from = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(source));
            ref byte to = ref MemoryMarshal.GetReference(destination);
            int step = vectorBits switch { 512 => 64, 256 => 32, 128 => 8, _ => throw new ArgumentOutOfRangeException(nameof(vectorBits)) };
            if (length < step)
            {
                throw new ArgumentException("The text and the room must hold at least " + step + " chars at this width.", nameof(source));
            }

            return vectorBits switch
            {
                512 => CopyVerbatim512(ref from, ref to, length),
                256 => CopyVerbatim256(ref from, ref to, length),
                _ => CopyVerbatim128(ref from, ref to, length),
            };
        }

        // The three widths below share one design, chosen so that the check costs little beside the narrowing, which a
        // copy needs anyway: narrow first, with saturation, then check the bytes. Narrowing a char above 0xFF saturates it to
        // 0xFF (or, on x86, one at 0x8000 or above to 0x00): never a byte that passes. A byte b passes when b ^ '"',
        // b ^ '\\' and b - 0x1F (wrapping) are all above 0 as signed bytes: the first two are 0 for the quote and the
        // backslash and negative for anything at or above 0x80; the third is negative below 0x20. One signed minimum
        // of the three, compared with 1, gives every lane to escape. (DEL, 0x7F, passes: JSON holds it as it is.)

        // Two vectors of 32 chars per step, narrowed into one of 64 bytes.
        private static int CopyVerbatim512(ref ushort from, ref byte to, int length)
        {
            const int Step = 64;
            nuint last = (nuint)(length - Step);
            nuint i = 0;
            while (true)
            {
                Vector512<byte> bytes = Narrow(Vector512.LoadUnsafe(ref from, i), Vector512.LoadUnsafe(ref from, i + (Step / 2)));
                bytes.StoreUnsafe(ref to, i);
                Vector512<sbyte> passing = Passing(bytes);
                if (Vector512.LessThanAny(passing, Vector512<sbyte>.One))
                {
                    return (int)i + BitOperations.TrailingZeroCount(Vector512.LessThan(passing, Vector512<sbyte>.One).ExtractMostSignificantBits());
                }

                if (i == last)
                {
                    return length;
                }

                i = Math.Min(i + Step, last);
            }
        }

        // Two vectors of 16 chars per step, narrowed into one of 32 bytes.
        private static int CopyVerbatim256(ref ushort from, ref byte to, int length)
        {
            const int Step = 32;
            nuint last = (nuint)(length - Step);
            nuint i = 0;
            while (true)
            {
                Vector256<byte> bytes = Narrow(Vector256.LoadUnsafe(ref from, i), Vector256.LoadUnsafe(ref from, i + (Step / 2)));
                bytes.StoreUnsafe(ref to, i);
                Vector256<sbyte> passing = Passing(bytes);
                if (Vector256.LessThanAny(passing, Vector256<sbyte>.One))
                {
                    return (int)i + BitOperations.TrailingZeroCount(Vector256.LessThan(passing, Vector256<sbyte>.One).ExtractMostSignificantBits());
                }

                if (i == last)
                {
                    return length;
                }

                i = Math.Min(i + Step, last);
            }
        }

        // One vector of 8 chars per step, narrowed into the lower half of one of 16 bytes.
        private static int CopyVerbatim128(ref ushort from, ref byte to, int length)
        {
            const int Step = 8;
            nuint last = (nuint)(length - Step);
            nuint i = 0;
            while (true)
            {
                Vector128<ushort> chars = Vector128.LoadUnsafe(ref from, i);
                Vector128<byte> bytes = Vector128.Narrow(Vector128.Min(chars, Vector128.Create((ushort)0xFF)), default);
                bytes.GetLower().StoreUnsafe(ref to, i);
                Vector128<sbyte> escapes = Vector128.LessThan(Passing(bytes), Vector128<sbyte>.One);
                uint mask = escapes.ExtractMostSignificantBits() & 0xFF;
                if (mask != 0)
                {
                    return (int)i + BitOperations.TrailingZeroCount(mask);
                }

                if (i == last)
                {
                    return length;
                }

                i = Math.Min(i + Step, last);
            }
        }

        // Each lane above 0 when its byte passes (see above).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<sbyte> Passing(Vector512<byte> bytes) =>
            Vector512.Min(
                Vector512.Min((bytes ^ Vector512.Create((byte)'"')).AsSByte(), (bytes ^ Vector512.Create((byte)'\\')).AsSByte()),
                (bytes - Vector512.Create((byte)0x1F)).AsSByte());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<sbyte> Passing(Vector256<byte> bytes) =>
            Vector256.Min(
                Vector256.Min((bytes ^ Vector256.Create((byte)'"')).AsSByte(), (bytes ^ Vector256.Create((byte)'\\')).AsSByte()),
                (bytes - Vector256.Create((byte)0x1F)).AsSByte());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<sbyte> Passing(Vector128<byte> bytes) =>
            Vector128.Min(
                Vector128.Min((bytes ^ Vector128.Create((byte)'"')).AsSByte(), (bytes ^ Vector128.Create((byte)'\\')).AsSByte()),
                (bytes - Vector128.Create((byte)0x1F)).AsSByte());

        // Narrowed with saturation, in order. On x86 one pack (which works within 128-bit lanes) and one permute to put the
        // lanes back in order: what the BCL's own Vector512/256.Narrow does less cheaply, masking each char first.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<byte> Narrow(Vector512<ushort> lower, Vector512<ushort> upper)
        {
            if (Avx512BW.IsSupported)
            {
                Vector512<byte> packed = Avx512BW.PackUnsignedSaturate(lower.AsInt16(), upper.AsInt16());
                return Avx512F.PermuteVar8x64(packed.AsUInt64(), Vector512.Create(0UL, 2, 4, 6, 1, 3, 5, 7)).AsByte();
            }

            Vector512<ushort> most = Vector512.Create((ushort)0xFF);
            return Vector512.Narrow(Vector512.Min(lower, most), Vector512.Min(upper, most));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<byte> Narrow(Vector256<ushort> lower, Vector256<ushort> upper)
        {
            if (Avx2.IsSupported)
            {
                Vector256<byte> packed = Avx2.PackUnsignedSaturate(lower.AsInt16(), upper.AsInt16());
                return Avx2.Permute4x64(packed.AsUInt64(), 0b11_01_10_00).AsByte();
            }

            Vector256<ushort> most = Vector256.Create((ushort)0xFF);
            return Vector256.Narrow(Vector256.Min(lower, most), Vector256.Min(upper, most));
        }
    }
}
#endif
