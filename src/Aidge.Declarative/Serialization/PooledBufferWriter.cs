using System;
using System.Buffers;
using System.Text;

namespace Aidge.Declarative.Serialization
{
    /// <summary>
    /// A growable buffer on <see cref="ArrayPool{T}"/>, kept one per thread, so that producing a string
    /// allocates the string and nothing else.
    /// </summary>
    internal sealed class PooledBufferWriter : IBufferWriter<byte>
    {
        private const int InitialSize = 1024;

        [ThreadStatic]
        private static PooledBufferWriter? t_cached;

        private byte[] _array = System.Array.Empty<byte>();
        private int _written;

        /// <summary>Takes this thread's buffer (or a new one in a nested call) until the lease is disposed.</summary>
        public static Lease Rent()
        {
            PooledBufferWriter? cached = t_cached;
            t_cached = null;
            return new Lease(cached ?? new PooledBufferWriter());
        }

        /// <summary>The array written into; <see cref="Count"/> bytes of it are the content.</summary>
        public byte[] Array => _array;

        /// <summary>How many bytes have been written.</summary>
        public int Count => _written;

        public string ToUtf8String() => Encoding.UTF8.GetString(_array, 0, _written);

        /// <summary>Gives the array back to the pool, for a writer that is not a thread's (one a request body owns).</summary>
        public void ReleaseArray()
        {
            if (_array.Length != 0)
            {
                ArrayPool<byte>.Shared.Return(_array);
            }

            _array = System.Array.Empty<byte>();
            _written = 0;
        }

        public void Advance(int count)
        {
            if (count < 0 || _written + count > _array.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            _written += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(_written);
        }

        // Gives the array back to the pool and the writer back to the thread.
        private void Return()
        {
            ReleaseArray();
            t_cached = this;
        }

        private void Ensure(int sizeHint)
        {
            int needed = Math.Max(sizeHint, 1);
            if (_array.Length - _written >= needed)
            {
                return;
            }

            int size = Math.Max(Math.Max(InitialSize, _array.Length * 2), _written + needed);
            byte[] larger = ArrayPool<byte>.Shared.Rent(size);
            _array.AsSpan(0, _written).CopyTo(larger);
            if (_array.Length != 0)
            {
                ArrayPool<byte>.Shared.Return(_array);
            }

            _array = larger;
        }

        /// <summary>The use of a thread's buffer; a struct, so that renting allocates nothing.</summary>
        public readonly struct Lease : IDisposable
        {
            internal Lease(PooledBufferWriter writer)
            {
                Writer = writer;
            }

            public PooledBufferWriter Writer { get; }

            public void Dispose() => Writer.Return();
        }
    }
}
