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

        private byte[] _array = Array.Empty<byte>();
        private int _written;

        /// <summary>Takes this thread's buffer, or a new one when it is in use (a nested call).</summary>
        public static PooledBufferWriter RentForThread()
        {
            PooledBufferWriter? cached = t_cached;
            if (cached is null)
            {
                return new PooledBufferWriter();
            }

            t_cached = null;
            return cached;
        }

        /// <summary>Gives the array back to the pool and the writer back to the thread.</summary>
        public void Return()
        {
            if (_array.Length != 0)
            {
                ArrayPool<byte>.Shared.Return(_array);
            }

            _array = Array.Empty<byte>();
            _written = 0;
            t_cached = this;
        }

        public string ToUtf8String() => Encoding.UTF8.GetString(_array, 0, _written);

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
    }
}
