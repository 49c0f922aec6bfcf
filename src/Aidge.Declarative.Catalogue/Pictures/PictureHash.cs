using System.Buffers;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>A picture's SHA-256, as the ledger records it: 64 lowercase hex digits.</summary>
    internal static class PictureHash
    {
        /// <summary>The SHA-256 of what <paramref name="stream"/> holds from where it stands to its end.</summary>
        public static async Task<string> OfAsync(Stream stream, CancellationToken cancellationToken)
        {
            using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return Hex(hash.GetHashAndReset());
        }

        /// <summary>Lowercase hex digits of <paramref name="bytes"/>.</summary>
        public static string Hex(byte[] bytes)
        {
            const string Digits = "0123456789abcdef";
            char[] text = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                text[2 * i] = Digits[bytes[i] >> 4];
                text[(2 * i) + 1] = Digits[bytes[i] & 0xF];
            }

            return new string(text);
        }
    }
}
