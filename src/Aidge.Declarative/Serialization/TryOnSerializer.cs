using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.InteropServices;
#endif
using System.Text;

namespace Aidge.Declarative.Serialization
{
    /// <summary>
    /// Writes try-on requests as the API's <c>requestParams</c> (a JSON array, one object per sub-task)
    /// and as the whole submit body <c>{"requestParams":"..."}</c>, in UTF-8, with no reflection.
    /// </summary>
    /// <remarks>
    /// Every request type is generated from a <see cref="TryOnRequestAttribute"/> declaration. The
    /// methods are generic so that record structs are written without boxing. Writing to a reused
    /// <see cref="IBufferWriter{T}"/> allocates nothing.
    /// </remarks>
    public static class TryOnSerializer
    {
        private static readonly byte[] s_bodyStart = BodyStart(TryOnRules.Fields.RequestParams);
        private static readonly byte[] s_bodyEnd = Encoding.UTF8.GetBytes("]\"}");

        /// <summary>Writes <c>requestParams</c> for one request: a JSON array holding it.</summary>
        /// <exception cref="ArgumentException">A value holds an unpaired surrogate, which has no UTF-8 form.</exception>
        public static void WriteRequestParams<TRequest>(IBufferWriter<byte> destination, TRequest request)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(destination, nameof(destination));
            if (Guard.IsNull(request))
            {
                throw new ArgumentNullException(nameof(request));
            }

            var writer = new RequestParamsWriter(destination, "["u8, escaped: false);
            request.WriteSubTask(ref writer);
            writer.WriteRaw((byte)']');
            writer.Flush();
        }

        /// <summary>Writes <c>requestParams</c> for a batch: the sub-tasks of one task, in order.</summary>
        /// <exception cref="ArgumentException">The batch is empty, holds a null request, or a value holds an unpaired surrogate.</exception>
        public static void WriteRequestParams<TRequest>(IBufferWriter<byte> destination, ReadOnlySpan<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(destination, nameof(destination));
            var writer = new RequestParamsWriter(destination, "["u8, escaped: false);
            WriteElements(ref writer, requests);
            writer.WriteRaw((byte)']');
            writer.Flush();
        }

        /// <inheritdoc cref="WriteRequestParams{TRequest}(IBufferWriter{byte}, ReadOnlySpan{TRequest})"/>
        public static void WriteRequestParams<TRequest>(IBufferWriter<byte> destination, IEnumerable<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(destination, nameof(destination));
            Guard.NotNull(requests, nameof(requests));
            var writer = new RequestParamsWriter(destination, "["u8, escaped: false);
            WriteElements(ref writer, requests);
            writer.WriteRaw((byte)']');
            writer.Flush();
        }

        /// <summary>Returns <c>requestParams</c> for one request as a string.</summary>
        /// <exception cref="ArgumentException">A value holds an unpaired surrogate.</exception>
        public static string ToRequestParams<TRequest>(TRequest request)
            where TRequest : ITryOnRequest
        {
            using PooledBufferWriter.Lease buffer = PooledBufferWriter.Rent();
            WriteRequestParams(buffer.Writer, request);
            return buffer.Writer.ToUtf8String();
        }

        /// <summary>Returns <c>requestParams</c> for a batch as a string.</summary>
        /// <exception cref="ArgumentException">The batch is empty, holds a null request, or a value holds an unpaired surrogate.</exception>
        public static string ToRequestParams<TRequest>(ReadOnlySpan<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            using PooledBufferWriter.Lease buffer = PooledBufferWriter.Rent();
            WriteRequestParams(buffer.Writer, requests);
            return buffer.Writer.ToUtf8String();
        }

        /// <inheritdoc cref="ToRequestParams{TRequest}(ReadOnlySpan{TRequest})"/>
        public static string ToRequestParams<TRequest>(IEnumerable<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            using PooledBufferWriter.Lease buffer = PooledBufferWriter.Rent();
            WriteRequestParams(buffer.Writer, requests);
            return buffer.Writer.ToUtf8String();
        }

        /// <summary>
        /// Writes the submit body <c>{"requestParams":"[...]"}</c> for a batch in one pass: the array is
        /// escaped into the string as it is written, with no intermediate string.
        /// </summary>
        /// <exception cref="ArgumentException">The batch is empty, holds a null request, or a value holds an unpaired surrogate.</exception>
        public static void WriteRequestBody<TRequest>(IBufferWriter<byte> destination, ReadOnlySpan<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(destination, nameof(destination));
            var writer = new RequestParamsWriter(destination, s_bodyStart, escaped: true);
            WriteElements(ref writer, requests);
            EndBody(ref writer);
        }

        /// <inheritdoc cref="WriteRequestBody{TRequest}(IBufferWriter{byte}, ReadOnlySpan{TRequest})"/>
        public static void WriteRequestBody<TRequest>(IBufferWriter<byte> destination, IEnumerable<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(destination, nameof(destination));
            Guard.NotNull(requests, nameof(requests));
            var writer = new RequestParamsWriter(destination, s_bodyStart, escaped: true);
            WriteElements(ref writer, requests);
            EndBody(ref writer);
        }

        /// <summary>
        /// The submit body for another name of its one property (<c>paramJson</c> on some vendor pages),
        /// whose opening <paramref name="bodyStart"/> comes from <see cref="BodyStart"/>.
        /// </summary>
        internal static void WriteRequestBody<TRequest>(IBufferWriter<byte> destination, ReadOnlySpan<TRequest> requests, byte[] bodyStart)
            where TRequest : ITryOnRequest
        {
            var writer = new RequestParamsWriter(destination, bodyStart, escaped: true);
            WriteElements(ref writer, requests);
            EndBody(ref writer);
        }

        /// <summary>The opening of a body whose one property is <paramref name="propertyName"/>, with its array's bracket: <c>{"requestParams":"[</c>.</summary>
        internal static byte[] BodyStart(string propertyName)
        {
            var bytes = new byte[((propertyName.Length + 1) * JsonEscaping.MaxBytesPerChar) + 6];
            bytes[0] = (byte)'{';
            bytes[1] = (byte)'"';
            JsonEscaping.Escape(propertyName.AsSpan(), bytes.AsSpan(2), twice: false, out _, out int written);
            int end = 2 + written;
            bytes[end++] = (byte)'"';
            bytes[end++] = (byte)':';
            bytes[end++] = (byte)'"';
            bytes[end++] = (byte)'[';
            return bytes.AsSpan(0, end).ToArray();
        }

        /// <summary>The closing of the submit body, after its array: <c>]"}</c>.</summary>
        internal static ReadOnlySpan<byte> BodyEnd => s_bodyEnd;

        // The body's one string holds the array escaped once more: each caller's writer writes the opening as it
        // is and escapes everything after it, up to here, where the closing is written raw. The writer is made by
        // each caller and passed by reference: a helper that returned it copied the whole struct (docs/performance.md).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void EndBody(ref RequestParamsWriter writer)
        {
            writer.WriteRaw(s_bodyEnd);
            writer.Flush();
        }

        // The array's elements, without its brackets: the openings and closings around them carry those.
        private static void WriteElements<TRequest>(ref RequestParamsWriter writer, ReadOnlySpan<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            if (requests.IsEmpty)
            {
                throw EmptyBatch();
            }

            int start = 0;
#if NET8_0_OR_GREATER
            // A generated class writes the whole batch in one loop of its own: the first request's WriteSubTask takes it
            // from the writer (RequestParamsWriter.TakeBatch). A struct's instantiation calls each one's code directly (the
            // test folds away), and a type with no such loop (one written by hand, a struct in a batch of ITryOnRequest)
            // leaves the batch: the rest is written request by request. A batch of one needs no hand-over.
            if (!typeof(TRequest).IsValueType && requests.Length > 1)
            {
                writer.OfferBatch(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TRequest, object?>(ref MemoryMarshal.GetReference(requests)), requests.Length));
                WriteElement(ref writer, requests[0], 0);
                if (!writer.WithdrawBatch())
                {
                    return;
                }

                start = 1;
            }
#endif

            for (int i = start; i < requests.Length; i++)
            {
                WriteElement(ref writer, requests[i], i);
            }
        }

        private static void WriteElements<TRequest>(ref RequestParamsWriter writer, IEnumerable<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            if (requests is TRequest[] array)
            {
                WriteElements(ref writer, new ReadOnlySpan<TRequest>(array));
                return;
            }

            int index = 0;
            foreach (TRequest request in requests)
            {
                WriteElement(ref writer, request, index++);
            }

            if (index == 0)
            {
                throw EmptyBatch();
            }
        }

        // One element of the array through its own WriteSubTask, after a comma unless it is the first; null is refused
        // with its index. Also what a class's batch loop does with an element not of its own type (WriteOther).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void WriteElement<TRequest>(ref RequestParamsWriter writer, TRequest request, int index)
            where TRequest : ITryOnRequest
        {
            if (Guard.IsNull(request))
            {
                throw NullRequest(index);
            }

            if (index != 0)
            {
                writer.WriteRaw((byte)',');
            }

            if (typeof(TRequest).IsValueType)
            {
                // A struct's own instantiation: a direct call, no boxing.
                request.WriteSubTask(ref writer);
            }
            else
            {
                // A class: an interface call, rather than a constrained call resolved through the generic dictionary.
                ((ITryOnRequest)request).WriteSubTask(ref writer);
            }
        }

        private static ArgumentException NullRequest(int index) =>
            new("The request at index " + index + " is null; every sub-task of a task needs a request.", "requests");

        private static ArgumentException EmptyBatch() =>
            new ArgumentException("A task needs at least one request; the batch is empty.", "requests");

    }
}
