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
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ref struct RequestParamsWriter
    {
        // How many chars of a long value are escaped per request for buffer space (at most 7 bytes each).
        private const int CharsPerChunk = 1024;

        private readonly IBufferWriter<byte> _output;
        private Span<byte> _buffer;
        private int _buffered;

        internal RequestParamsWriter(IBufferWriter<byte> output, bool escaped)
        {
            _output = output;
            _buffer = default;
            _buffered = 0;
            IsEscaped = escaped;
        }

        /// <summary>
        /// Whether the JSON is being written as the content of a JSON string (escaped once more) rather
        /// than as it is.
        /// </summary>
        public bool IsEscaped { get; internal set; }

        /// <summary>Writes a constant part of the JSON, given in both of its forms.</summary>
        /// <param name="json">The part as JSON text.</param>
        /// <param name="escapedJson">The same part escaped as the content of a JSON string.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void WriteLiteral(ReadOnlySpan<byte> json, ReadOnlySpan<byte> escapedJson) =>
            WriteRaw(IsEscaped ? escapedJson : json);

        /// <summary>
        /// Writes the content of a JSON string, without its quotes: the generated literals around it carry them.
        /// </summary>
        /// <exception cref="ArgumentException">The value holds an unpaired surrogate.</exception>
        public void WriteStringContent(string value)
        {
            ReadOnlySpan<char> rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                Reserve(Math.Min(rest.Length, CharsPerChunk) * JsonEscaping.MaxBytesPerChar);
                JsonEscaping.Escape(rest, _buffer.Slice(_buffered), IsEscaped, out int consumed, out int written);
                _buffered += written;
                rest = rest.Slice(consumed);
            }
        }

        /// <summary>Writes <paramref name="value"/> as a JSON number.</summary>
        public void WriteNumber(int value)
        {
            Reserve(11);
            Utf8Formatter.TryFormat(value, _buffer.Slice(_buffered), out int written);
            _buffered += written;
        }

        /// <summary>Writes the comma before every element of an array but the first.</summary>
        /// <param name="count">How many elements were written before; incremented.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void WriteSeparator(ref int count)
        {
            if (count++ != 0)
            {
                WriteRaw((byte)',');
            }
        }

        /// <summary>
        /// Writes one string element of an optional array, opening the array with
        /// <paramref name="open"/> before the first one. A null value is left out.
        /// </summary>
        /// <param name="count">How many elements were written before; incremented when one is written.</param>
        /// <param name="value">The element.</param>
        /// <param name="open">What opens the array and its first string: the comma, the property name, <c>["</c>.</param>
        /// <param name="openEscaped">The same, escaped as the content of a JSON string.</param>
        public void WriteArrayItem(ref int count, string? value, ReadOnlySpan<byte> open, ReadOnlySpan<byte> openEscaped)
        {
            if (value is null)
            {
                return;
            }

            if (count++ == 0)
            {
                WriteLiteral(open, openEscaped);
            }
            else
            {
                WriteLiteral(StringSeparator, EscapedStringSeparator);
            }

            WriteStringContent(value);
        }

        /// <summary>Writes the string elements of a collection, as <see cref="WriteArrayItem"/> does each one.</summary>
        public void WriteArrayItems(ref int count, IEnumerable<string?>? values, ReadOnlySpan<byte> open, ReadOnlySpan<byte> openEscaped)
        {
            if (values is IReadOnlyList<string?> list)
            {
                // Index the common list types rather than allocate an enumerator.
                for (int i = 0; i < list.Count; i++)
                {
                    WriteArrayItem(ref count, list[i], open, openEscaped);
                }
            }
            else if (values is not null)
            {
                foreach (string? value in values)
                {
                    WriteArrayItem(ref count, value, open, openEscaped);
                }
            }
        }

        /// <summary>Writes the URL elements of a collection (their original strings), as <see cref="WriteArrayItem"/> does each one.</summary>
        public void WriteArrayItems(ref int count, IEnumerable<Uri?>? values, ReadOnlySpan<byte> open, ReadOnlySpan<byte> openEscaped)
        {
            if (values is IReadOnlyList<Uri?> list)
            {
                for (int i = 0; i < list.Count; i++)
                {
                    WriteArrayItem(ref count, list[i]?.OriginalString, open, openEscaped);
                }
            }
            else if (values is not null)
            {
                foreach (Uri? value in values)
                {
                    WriteArrayItem(ref count, value?.OriginalString, open, openEscaped);
                }
            }
        }

        /// <summary>Closes an optional array of strings that <see cref="WriteArrayItem"/> opened, if it opened one.</summary>
        /// <param name="count">How many elements were written.</param>
        public void CloseArray(int count)
        {
            if (count != 0)
            {
                WriteLiteral(StringArrayClose, EscapedStringArrayClose);
            }
        }

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
                throw new InvalidOperationException(
                    "The IBufferWriter<byte> returned " + _buffer.Length + " bytes where at least " + length + " were asked for, which breaks its contract.");
            }
        }
    }
}
