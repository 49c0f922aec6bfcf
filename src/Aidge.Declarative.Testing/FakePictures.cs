using System;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Aidge.Declarative.Testing
{
    /// <summary>
    /// The pictures the fake server makes: small real PNGs (48 x 64, 8-bit RGB), a colour and a pattern of their own per task,
    /// sub-task and picture, so that two looks never share a picture and a browser or a decoder sees real bytes.
    /// </summary>
    internal static class FakePictures
    {
        /// <summary>Where the server serves them: <c>/results/{taskId}/{subTask}/{n}.png</c>.</summary>
        public const string PathPrefix = "/results/";

        public const int Width = 48;

        public const int Height = 64;

        private static readonly byte[] s_signature = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

        private static readonly uint[] s_crcTable = CrcTable();

        /// <summary>The PNG of one picture, the same bytes each time it is asked for.</summary>
        public static byte[] Png(string taskId, int subTask, int number)
        {
            byte[] seed;
            using (var sha = SHA256.Create())
            {
                seed = sha.ComputeHash(Encoding.UTF8.GetBytes(taskId + "/" + subTask + "/" + number));
            }

            // Each row: a filter byte (0), then RGB per pixel; a diagonal band in the complement colour marks the picture's number.
            var pixels = new byte[Height * (1 + (Width * 3))];
            for (int y = 0, at = 0; y < Height; y++)
            {
                pixels[at++] = 0;
                for (int x = 0; x < Width; x++)
                {
                    bool band = ((x + y) / 6 % (number + 1)) == 0;
                    pixels[at++] = band ? (byte)~seed[0] : seed[0];
                    pixels[at++] = band ? (byte)~seed[1] : seed[1];
                    pixels[at++] = band ? (byte)~seed[2] : seed[2];
                }
            }

            using var png = new MemoryStream();
            png.Write(s_signature, 0, s_signature.Length);
            var header = new byte[13];
            WriteBigEndian(header, 0, Width);
            WriteBigEndian(header, 4, Height);
            header[8] = 8;   // bit depth
            header[9] = 2;   // colour type: RGB
            Chunk(png, "IHDR", header);
            using (var compressed = new MemoryStream())
            {
                using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
                {
                    zlib.Write(pixels, 0, pixels.Length);
                }

                Chunk(png, "IDAT", compressed.ToArray());
            }

            Chunk(png, "IEND", Array.Empty<byte>());
            return png.ToArray();
        }

        private static void Chunk(Stream png, string type, byte[] data)
        {
            var length = new byte[4];
            WriteBigEndian(length, 0, data.Length);
            png.Write(length, 0, 4);
            byte[] typeBytes = Encoding.ASCII.GetBytes(type);
            png.Write(typeBytes, 0, 4);
            png.Write(data, 0, data.Length);
            uint crc = 0xFFFFFFFF;
            crc = Crc(crc, typeBytes);
            crc = Crc(crc, data);
            var crcBytes = new byte[4];
            WriteBigEndian(crcBytes, 0, (int)(crc ^ 0xFFFFFFFF));
            png.Write(crcBytes, 0, 4);
        }

        private static uint Crc(uint crc, byte[] bytes)
        {
            foreach (byte b in bytes)
            {
                crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        private static uint[] CrcTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }

        private static void WriteBigEndian(byte[] to, int at, int value)
        {
            to[at] = (byte)(value >> 24);
            to[at + 1] = (byte)(value >> 16);
            to[at + 2] = (byte)(value >> 8);
            to[at + 3] = (byte)value;
        }
    }
}
