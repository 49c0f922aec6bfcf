using System.Net;
using System.Net.Sockets;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>The addresses a picture is never fetched from unless allowed: on this machine, on a private network, link-local, and the like.</summary>
    internal static class PictureAddresses
    {
        /// <summary>Why <paramref name="address"/> is not one a picture is fetched from, or null when it is a public address.</summary>
        public static string? Refusal(IPAddress address)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            if (IPAddress.IsLoopback(address))
            {
                return "an address of this machine (loopback)";
            }

            byte[] b = address.GetAddressBytes();
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                return b[0] switch
                {
                    0 => "an unspecified address (0.0.0.0/8)",
                    10 => "a private address (10.0.0.0/8)",
                    172 when b[1] is >= 16 and <= 31 => "a private address (172.16.0.0/12)",
                    192 when b[1] == 168 => "a private address (192.168.0.0/16)",
                    169 when b[1] == 254 && b[2] == 169 && b[3] == 254 => "the cloud metadata service's address (169.254.169.254)",
                    169 when b[1] == 254 => "a link-local address (169.254.0.0/16)",
                    100 when (b[1] & 0xC0) == 64 => "a carrier-grade NAT address (100.64.0.0/10)",
                    >= 224 => "a multicast or reserved address (224.0.0.0/3)",
                    _ => null,
                };
            }

            if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
            {
                return "an unspecified address (::)";
            }

            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
            {
                return "a link-local address (fe80::/10)";
            }

            if ((b[0] & 0xFE) == 0xFC)
            {
                return "a private address (fc00::/7, where clouds put their metadata service too)";
            }

            if (address.IsIPv6Multicast)
            {
                return "a multicast address (ff00::/8)";
            }

            // 64:ff9b::/96 carries an IPv4 address through NAT64: it is that address that is reached.
            if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && IsZero(b, 4, 8))
            {
                return Refusal(new IPAddress(new[] { b[12], b[13], b[14], b[15] }));
            }

            return null;
        }

        private static bool IsZero(byte[] bytes, int start, int count)
        {
            for (int i = start; i < start + count; i++)
            {
                if (bytes[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The picture formats saved, told by their first bytes (never by the Content-Type a server claims).</summary>
    internal static class PictureFormats
    {
        /// <summary>How many first bytes <see cref="Extension"/> needs.</summary>
        public const int SniffLength = 12;

        /// <summary>The file extension of the format the bytes start as, or null when they are no JPEG, PNG or WebP picture.</summary>
        public static string? Extension(byte[] head, int length)
        {
            if (length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
            {
                return ".jpg";
            }

            if (length >= 8 && head[0] == 0x89 && head[1] == (byte)'P' && head[2] == (byte)'N' && head[3] == (byte)'G' &&
                head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A)
            {
                return ".png";
            }

            if (length >= 12 && head[0] == (byte)'R' && head[1] == (byte)'I' && head[2] == (byte)'F' && head[3] == (byte)'F' &&
                head[8] == (byte)'W' && head[9] == (byte)'E' && head[10] == (byte)'B' && head[11] == (byte)'P')
            {
                return ".webp";
            }

            return null;
        }
    }
}
