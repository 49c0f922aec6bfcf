using System;
using System.Text.RegularExpressions;

namespace Aidge.Declarative.Client.Wire
{
    /// <summary>
    /// What the client does to text and ids that come from a server before they reach a message, a log or a
    /// property: a server (or a proxy in front of it) may echo the signed URL, and may send ids of any length
    /// holding line breaks that would forge log lines.
    /// </summary>
    internal static class ServerText
    {
        /// <summary>The longest id (task id, request id) the client takes; the service's are UUIDs and 30-character hex.</summary>
        public const int MaxIdLength = 128;

        // A signing parameter's value in echoed query text: sign=..., app_key=... up to the next separator.
        private static readonly Regex s_signingParameter = new(
            @"(?<![A-Za-z0-9_])(" + IopSignature.SignParameter + "|" + IopSignature.AppKeyParameter + @")(=|%3D)[^&\s""'<>]*",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>
        /// Whether <paramref name="id"/> is one the client takes: 1 to <see cref="MaxIdLength"/> printable ASCII
        /// characters, no space or control character.
        /// </summary>
        public static bool IsSafeId(string? id)
        {
            if (id is null || id.Length == 0 || id.Length > MaxIdLength)
            {
                return false;
            }

            foreach (char c in id)
            {
                if (c <= ' ' || c >= '\u007F')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The id when it is safe to show, else null.</summary>
        public static string? SafeIdOrNull(string? id) => IsSafeId(id) ? id : null;

        /// <summary>
        /// <paramref name="text"/> with the values of <c>sign</c> and <c>app_key</c> and every whole occurrence of the access key
        /// replaced by <c>***</c>, and line breaks and other control characters by spaces.
        /// </summary>
        /// <remarks>
        /// The key is masked where it stands as a value of its own: not inside a longer word, and in its own case. A key named
        /// <c>nores</c> leaves the code <c>NoResource</c> readable, and any text the server echoes of the key itself is hidden.
        /// </remarks>
        public static string? Redact(string? text, string accessKey)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            string redacted = s_signingParameter.Replace(text, "$1$2***");
            redacted = ReplaceWhole(redacted, accessKey);
            string escapedKey = Uri.EscapeDataString(accessKey);
            if (!string.Equals(escapedKey, accessKey, StringComparison.Ordinal))
            {
                redacted = ReplaceWhole(redacted, escapedKey);
            }

            char[]? chars = null;
            for (int i = 0; i < redacted.Length; i++)
            {
                if (char.IsControl(redacted[i]))
                {
                    (chars ??= redacted.ToCharArray())[i] = ' ';
                }
            }

            return chars is null ? redacted : new string(chars);
        }

        // Every occurrence of value that is not part of a longer word: the characters on either side are not letters, digits, _ or -.
        private static string ReplaceWhole(string text, string value)
        {
            if (value.Length == 0)
            {
                return text;
            }

            System.Text.StringBuilder? result = null;
            int from = 0;
            for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
            {
                int end = at + value.Length;
                if (at < from || (at > 0 && IsWordCharacter(text[at - 1])) || (end < text.Length && IsWordCharacter(text[end])))
                {
                    continue;
                }

                (result ??= new System.Text.StringBuilder(text.Length)).Append(text, from, at - from).Append("***");
                from = end;
            }

            return result is null ? text : result.Append(text, from, text.Length - from).ToString();
        }

        private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '-';
    }
}
