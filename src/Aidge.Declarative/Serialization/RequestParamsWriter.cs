using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Aidge.Declarative.Serialization
{
    /// <summary>
    /// Writes the JSON of try-on requests into an <see cref="IBufferWriter{T}"/>: the building block the
    /// generated serializers call. Not meant to be used by hand: use <see cref="TryOnSerializer"/>.
    /// </summary>
    /// <remarks>
    /// The same generated code writes <c>requestParams</c> as plain JSON and as the content of the JSON
    /// string it is sent in (the body <c>{"requestParams":"..."}</c>), in one pass: every constant part
    /// comes precomputed in both forms, and values are escaped once or twice as the writer's mode says.
    /// The writer buffers into one span of the destination and advances it on <see cref="Flush"/>.
    /// A request is written between <see cref="Begin"/> and <see cref="End"/>, which make room once for all
    /// of its constant parts: inside, the generated code keeps its place in a local, constant parts are
    /// copied with no space check, and each value is escaped straight into the span when it fits (values
    /// of more than 1,024 chars, or ones that do not fit, take a checked path that asks for space chunk by chunk).
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ref struct RequestParamsWriter
    {
        // How many chars of a long value are escaped per request for buffer space (at most 7 bytes each).
        private const int CharsPerChunk = 1024;

        private readonly IBufferWriter<byte> _output;
        private Span<byte> _buffer;
        private int _buffered;

        // The room every value write leaves after itself: the constant bytes of the request being written.
        private int _reserve;

#if NET8_0_OR_GREATER
        // A batch handed to its first request's WriteSubTask, which takes it (TakeBatch) and writes it in a loop of its own.
        private ReadOnlySpan<object?> _batch;
#endif

        /// <summary>
        /// Starts writing into <paramref name="output"/> with <paramref name="opening"/>, as it is; what follows
        /// is escaped when <paramref name="escaped"/> (the body's one string holds the array escaped once more).
        /// </summary>
        /// <remarks>
        /// The first span is asked for here, inline, rather than through <see cref="Grow"/>: every body would
        /// otherwise pay for that out-of-line call once (docs/performance.md).
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal RequestParamsWriter(IBufferWriter<byte> output, ReadOnlySpan<byte> opening, bool escaped)
        {
            _output = output;
            _buffer = output.GetSpan(opening.Length);
            if (_buffer.Length < opening.Length)
            {
                throw BrokenContract(_buffer.Length, opening.Length);
            }

            opening.CopyTo(_buffer);
            _buffered = opening.Length;
            _reserve = 0;
            IsEscaped = escaped;
        }

        /// <summary>
        /// Whether the JSON is being written as the content of a JSON string (escaped once more) rather
        /// than as it is.
        /// </summary>
        public bool IsEscaped { get; }

        /// <summary>
        /// Starts one request's JSON: makes room for at least <paramref name="constantBytes"/> bytes and
        /// returns the span to write into, from its start. Until <see cref="End"/>, the generated code keeps
        /// its place in that span in a local, and every value written leaves that much room again after it.
        /// </summary>
        /// <param name="constantBytes">The most bytes the request's constant parts, separators and numbers take, in the escaped form.</param>
        /// <returns>The span to write into; its first byte is where the request starts.</returns>
        public Span<byte> Begin(int constantBytes)
        {
            _reserve = constantBytes;
            Reserve(constantBytes);
            return _buffer.Slice(_buffered);
        }

        /// <summary>Ends one request's JSON: <paramref name="written"/> bytes of the span were written.</summary>
        /// <param name="written">Where the request ended in the span <see cref="Begin"/> (or a later value write) returned.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void End(int written) => _buffered += written;

        /// <summary>
        /// Starts a later request of a batch written in one loop (see <see cref="TakeBatch"/>), where <see cref="Begin"/> was
        /// called once, for the first: makes room for the request's constant parts and the comma before it, and writes the comma.
        /// </summary>
        /// <param name="span">The span being written; replaced when the room is not left in it.</param>
        /// <param name="at">Where the previous request ended in it.</param>
        /// <param name="constantBytes">The number <see cref="Begin"/> was given.</param>
        /// <returns>Where the request starts in <paramref name="span"/>.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int BeginNext(ref Span<byte> span, int at, int constantBytes)
        {
            if (span.Length - at <= constantBytes)
            {
                MoveOn(at, constantBytes + 1);
                span = _buffer.Slice(_buffered);
                at = 0;
            }

            span[at] = (byte)',';
            return at + 1;
        }

        /// <summary>
        /// Writes the request at <paramref name="index"/> of a batch written in one loop when it is not of the
        /// loop's own type (a derived type, which has its own <see cref="ITryOnRequest.WriteSubTask"/>), or
        /// throws when it is null.
        /// </summary>
        /// <param name="span">The span being written; replaced by one with room for the loop's next request.</param>
        /// <param name="at">Where the previous request ended in it.</param>
        /// <param name="index">The request's index in the batch.</param>
        /// <param name="request">The request, from <see cref="TakeBatch"/>: an <see cref="ITryOnRequest"/>, or null.</param>
        /// <param name="constantBytes">The number <see cref="Begin"/> was given.</param>
        /// <returns>Where the request ends in <paramref name="span"/>.</returns>
        /// <exception cref="ArgumentException"><paramref name="request"/> is null.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int WriteOther(ref Span<byte> span, int at, int index, object? request, int constantBytes)
        {
            WriteOtherOutOfLine(at, index, request, constantBytes);
            span = _buffer.Slice(_buffered);
            return 0;
        }

        // Out of line, and given no reference to the caller's span (see WriteValue).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void WriteOtherOutOfLine(int at, int index, object? request, int constantBytes)
        {
            _buffered += at;
            TryOnSerializer.WriteElement(ref this, (ITryOnRequest)request!, index);
            Begin(constantBytes);
        }

        /// <summary>
        /// Takes the batch the serializer handed to this request's <see cref="ITryOnRequest.WriteSubTask"/>, called on the
        /// batch's first request: the generated code of a class writes all of it in one loop (its own requests, and the others
        /// through <see cref="WriteOther"/>). Empty when the request is written alone, and once taken.
        /// </summary>
        /// <returns>The batch's requests, the first being the request whose code was called; or empty.</returns>
        /// <remarks>
        /// The serializer's code is shared between classes, so it can call each request's code only through the interface,
        /// and the writer's place would go through memory between requests; the loop keeps it in locals. A struct's requests
        /// need none of this (the serializer's code is compiled for each struct), and on netstandard2.0, where a span cannot
        /// be handed on this way, every request is written alone.
        /// </remarks>
        public ReadOnlySpan<object?> TakeBatch()
        {
#if NET8_0_OR_GREATER
            ReadOnlySpan<object?> batch = _batch;
            if (!batch.IsEmpty)
            {
                _batch = default;
            }

            return batch;
#else
            return default;
#endif
        }

#if NET8_0_OR_GREATER
        /// <summary>Hands <paramref name="batch"/> to the next <see cref="ITryOnRequest.WriteSubTask"/> called, its first request's: see <see cref="TakeBatch"/>.</summary>
        internal void OfferBatch(ReadOnlySpan<object?> batch) => _batch = batch;

        /// <summary>Whether the batch offered was left untaken (a request type with no loop); withdrawn either way.</summary>
        internal bool WithdrawBatch()
        {
            bool left = !_batch.IsEmpty;
            _batch = default;
            return left;
        }
#endif

        /// <summary>Writes a constant part of the JSON, given in both of its forms, into the room <see cref="Begin"/> made.</summary>
        /// <param name="span">The span from <see cref="Begin"/>.</param>
        /// <param name="at">Where to write in it.</param>
        /// <param name="json">The part as JSON text.</param>
        /// <param name="escapedJson">The same part escaped as the content of a JSON string.</param>
        /// <returns>Where the part ends.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly int WriteLiteral(Span<byte> span, int at, ReadOnlySpan<byte> json, ReadOnlySpan<byte> escapedJson)
        {
            // One copy per branch, not one copy of whichever was picked: inlined where the literals are written,
            // each copy has a constant length, and the JIT unrolls it instead of calling memmove (docs/performance.md).
            if (IsEscaped)
            {
                return Copy(span, at, escapedJson);
            }

            return Copy(span, at, json);
        }

        /// <summary>
        /// Writes the content of a JSON string, without its quotes (the literals around it carry them), and
        /// leaves the request's room after it: in <paramref name="span"/> when it fits, otherwise in a new span.
        /// </summary>
        /// <param name="span">The span being written; replaced when the value did not fit in it.</param>
        /// <param name="at">Where to write in it.</param>
        /// <param name="value">The text.</param>
        /// <returns>Where the value ends in <paramref name="span"/>.</returns>
        /// <exception cref="ArgumentException">The value holds an unpaired surrogate.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int WriteString(ref Span<byte> span, int at, string value) => WriteValue(ref span, at, default, value);

        /// <summary>Writes the comma before every element of an array but the first.</summary>
        /// <param name="span">The span being written.</param>
        /// <param name="at">Where to write in it.</param>
        /// <param name="count">How many elements were written before; incremented.</param>
        /// <returns>Where the comma ends, or <paramref name="at"/> for the first element.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly int WriteSeparator(Span<byte> span, int at, ref int count)
        {
            if (count++ != 0)
            {
                span[at++] = (byte)',';
            }

            return at;
        }

        /// <summary>Writes <paramref name="value"/> as a JSON number (at most 11 bytes of the room <see cref="Begin"/> made).</summary>
        /// <param name="span">The span being written.</param>
        /// <param name="at">Where to write in it.</param>
        /// <param name="value">The number.</param>
        /// <returns>Where the number ends.</returns>
        public readonly int WriteNumber(Span<byte> span, int at, int value)
        {
            Utf8Formatter.TryFormat(value, span.Slice(at), out int written);
            return at + written;
        }

        /// <summary>
        /// Writes one string element of an optional array, opening the array with
        /// <paramref name="open"/> before the first one. A null value is left out.
        /// </summary>
        /// <param name="span">The span being written; replaced when the value did not fit in it.</param>
        /// <param name="at">Where to write in it.</param>
        /// <param name="count">How many elements were written before; incremented when one is written.</param>
        /// <param name="value">The element.</param>
        /// <param name="open">What opens the array and its first string: the comma, the property name, <c>["</c>.</param>
        /// <param name="openEscaped">The same, escaped as the content of a JSON string.</param>
        /// <returns>Where the element ends in <paramref name="span"/>.</returns>
        public int WriteArrayItem(ref Span<byte> span, int at, ref int count, string? value, ReadOnlySpan<byte> open, ReadOnlySpan<byte> openEscaped)
        {
            if (value is null)
            {
                return at;
            }

            if (count++ == 0)
            {
                return WriteValue(ref span, at, IsEscaped ? openEscaped : open, value);
            }

            // As in WriteLiteral: one write per separator, so that each copies a constant length.
            return IsEscaped
                ? WriteValue(ref span, at, EscapedStringSeparator, value)
                : WriteValue(ref span, at, StringSeparator, value);
        }

        /// <summary>Writes the string elements of a collection, as <see cref="WriteArrayItem"/> does each one.</summary>
        /// <returns>Where the last element ends in <paramref name="span"/>.</returns>
        /// <inheritdoc cref="WriteArrayItem"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int WriteArrayItems(ref Span<byte> span, int at, ref int count, IEnumerable<string?>? values, ReadOnlySpan<byte> open, ReadOnlySpan<byte> openEscaped) =>
            WriteArrayItems<string?, StringText>(ref span, at, ref count, values, open, openEscaped);

        /// <summary>Writes the URL elements of a collection (their original strings), as <see cref="WriteArrayItem"/> does each one.</summary>
        /// <returns>Where the last element ends in <paramref name="span"/>.</returns>
        /// <inheritdoc cref="WriteArrayItem"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int WriteArrayItems(ref Span<byte> span, int at, ref int count, IEnumerable<Uri?>? values, ReadOnlySpan<byte> open, ReadOnlySpan<byte> openEscaped) =>
            WriteArrayItems<Uri?, UriText>(ref span, at, ref count, values, open, openEscaped);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int WriteArrayItems<T, TText>(ref Span<byte> span, int at, ref int count, IEnumerable<T>? values, ReadOnlySpan<byte> open, ReadOnlySpan<byte> openEscaped)
            where TText : struct, IText<T>
        {
            if (values is null)
            {
                return at;
            }

            count = WriteArrayItemsOutOfLine<T, TText>(at, count, values, open, openEscaped);
            span = _buffer.Slice(_buffered);
            return 0;
        }

        // The loop of the two above, out of line and given no reference to the caller's locals (see WriteValue): it writes
        // into the writer's own span from at (the caller's span is always the writer's from its buffered count), commits where
        // it ends, and returns the new count of elements.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private int WriteArrayItemsOutOfLine<T, TText>(int at, int count, IEnumerable<T> values, ReadOnlySpan<byte> open, ReadOnlySpan<byte> openEscaped)
            where TText : struct, IText<T>
        {
            Span<byte> span = _buffer.Slice(_buffered);
            if (values is IReadOnlyList<T> list)
            {
                // Index the common list types rather than allocate an enumerator.
                for (int i = 0; i < list.Count; i++)
                {
                    at = WriteArrayItem(ref span, at, ref count, default(TText).Of(list[i]), open, openEscaped);
                }
            }
            else
            {
                foreach (T value in values)
                {
                    at = WriteArrayItem(ref span, at, ref count, default(TText).Of(value), open, openEscaped);
                }
            }

            _buffered += at;
            return count;
        }

        /// <summary>Closes an optional array of strings that <see cref="WriteArrayItem"/> opened, if it opened one.</summary>
        /// <param name="span">The span being written.</param>
        /// <param name="at">Where to write in it.</param>
        /// <param name="count">How many elements were written.</param>
        /// <returns>Where the array ends.</returns>
        public readonly int CloseArray(Span<byte> span, int at, int count) =>
            count == 0 ? at : IsEscaped ? Copy(span, at, EscapedStringArrayClose) : Copy(span, at, StringArrayClose);

        /// <summary>Hands what is buffered to the destination.</summary>
        internal void Flush()
        {
            if (_buffered != 0)
            {
                _output.Advance(_buffered);
            }

            // A span from the destination is void once it has been advanced.
            _buffer = default;
            _buffered = 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void WriteRaw(byte value)
        {
            Reserve(1);
            _buffer[_buffered++] = value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void WriteRaw(ReadOnlySpan<byte> bytes)
        {
            Reserve(bytes.Length);
            bytes.CopyTo(_buffer.Slice(_buffered));
            _buffered += bytes.Length;
        }

        // A string value with the constant bytes just before it (none, or an array's opening or separator).
        // The common case, a URL of a few hundred chars, is one copy and one escape call with no further check.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int WriteValue(ref Span<byte> span, int at, ReadOnlySpan<byte> before, string value)
        {
            if (value.Length <= CharsPerChunk && span.Length - at >= before.Length + (value.Length * JsonEscaping.MaxBytesPerChar) + _reserve)
            {
                if (!before.IsEmpty)
                {
                    // Folded away where the caller passes none.
                    at = Copy(span, at, before);
                }

                return at + JsonEscaping.EscapeAll(value.AsSpan(), span.Slice(at), IsEscaped);
            }

            // The slow path is given no reference to the caller's span: a local whose address went to a call the JIT
            // does not inline lives in memory for the whole of the method that declares it, the generated request's.
            WriteLongString(at, before, value);
            span = _buffer.Slice(_buffered);
            return 0;
        }

        // A value longer than a chunk, or one that does not fit where it is: committed up to here, then
        // written through the checked path that asks the destination for space chunk by chunk.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void WriteLongString(int at, ReadOnlySpan<byte> before, string value)
        {
            _buffered += at;
            WriteRaw(before);
            ReadOnlySpan<char> rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                Reserve(Math.Min(rest.Length, CharsPerChunk) * JsonEscaping.MaxBytesPerChar);
                JsonEscaping.Escape(rest, _buffer.Slice(_buffered), IsEscaped, out int consumed, out int written);
                _buffered += written;
                rest = rest.Slice(consumed);
            }

            Reserve(_reserve);
        }

        // Commits what the span holds up to at and makes the room asked for after it (the caller takes its new span).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void MoveOn(int at, int length)
        {
            _buffered += at;
            Reserve(length);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Copy(Span<byte> span, int at, ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(span.Slice(at));
            return at + bytes.Length;
        }

        // Between two strings of an array, and after the last: the quotes belong to the strings.
        private static ReadOnlySpan<byte> StringSeparator => new byte[] { (byte)'"', (byte)',', (byte)'"' };

        private static ReadOnlySpan<byte> EscapedStringSeparator => new byte[] { (byte)'\\', (byte)'"', (byte)',', (byte)'\\', (byte)'"' };

        private static ReadOnlySpan<byte> StringArrayClose => new byte[] { (byte)'"', (byte)']' };

        private static ReadOnlySpan<byte> EscapedStringArrayClose => new byte[] { (byte)'\\', (byte)'"', (byte)']' };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Reserve(int length)
        {
            if (_buffer.Length - _buffered < length)
            {
                Grow(length);
            }
        }

        // The slow path, kept out of line so that the checks above inline into every write.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Grow(int length)
        {
            Flush();
            _buffer = _output.GetSpan(length);
            if (_buffer.Length < length)
            {
                throw BrokenContract(_buffer.Length, length);
            }
        }

        // An element's text, for the one loop above: a struct, so the JIT compiles the loop for each and calls no interface.
        private interface IText<in T>
        {
            string? Of(T item);
        }

        private readonly struct StringText : IText<string?>
        {
            public string? Of(string? item) => item;
        }

        private readonly struct UriText : IText<Uri?>
        {
            public string? Of(Uri? item) => item?.OriginalString;
        }

        private static InvalidOperationException BrokenContract(int returned, int asked) =>
            new("The IBufferWriter<byte> returned " + returned + " bytes where at least " + asked + " were asked for, which breaks its contract.");
    }
}
