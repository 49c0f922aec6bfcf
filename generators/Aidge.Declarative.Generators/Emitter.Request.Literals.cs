using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Aidge.Declarative.Generators.Model;
using Aidge.Declarative.Roslyn;
using Aidge.Declarative.Rules;
using Aidge.Declarative.Serialization;

namespace Aidge.Declarative.Generators
{
    // The request artifact's literals: how constant JSON is encoded (UTF-8, escaped once and twice) and piled up into copies.
    internal static partial class Emitter
    {
        // Only for C# 9 and 10: byte arrays, one property each, so that every call site stays one short line.
        private static void WriteLiterals(SourceWriter source, List<(string Json, string Escaped)> literals)
        {
            source.Line("/// <summary>The constant parts of this request's JSON, as UTF-8: as they are and escaped into a JSON string.</summary>");
            source.Line(s_generatedCode);
            source.Open("private static class " + LiteralsClass);
            for (int i = 0; i < literals.Count; i++)
            {
                (string json, string escaped) = literals[i];
                string name = "Part" + i.ToString(CultureInfo.InvariantCulture);
                if (i != 0)
                {
                    source.Line();
                }

                source.Line("// " + Printable(json));
                source.Line("public static global::System.ReadOnlySpan<byte> " + name + " => " + Utf8(json, utf8StringLiteral: false) + ";");
                source.Line("public static global::System.ReadOnlySpan<byte> " + name + "Escaped => " + Utf8(escaped, utf8StringLiteral: false) + ";");
            }

            source.Close();
        }

        private static string Key(string name) => String(name) + ":";

        // A JSON string, escaped by the same code that escapes values at run time.
        private static string String(string value) => "\"" + EscapeOnce(value) + "\"";

        private static string EscapeOnce(string text)
        {
            var utf8 = new byte[(text.Length + 1) * JsonEscaping.MaxBytesPerChar];
            JsonEscaping.Escape(text.AsSpan(), utf8, twice: false, out _, out int written);
            return Encoding.UTF8.GetString(utf8, 0, written);
        }

        // UTF-8 static data, no allocation either way: a u8 string literal where the language has them (one
        // token to compile), otherwise a byte array creation the compiler turns into a span over static data.
        private static string Utf8(string text, bool utf8StringLiteral)
        {
            if (utf8StringLiteral)
            {
                return Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true) + "u8";
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text);
            var builder = new StringBuilder("new byte[] { ", (bytes.Length * 6) + 16);
            for (int i = 0; i < bytes.Length; i++)
            {
                builder.Append(i == 0 ? "0x" : ", 0x").Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
            }

            return builder.Append(" }").ToString();
        }

        // The text for a one-line comment: no character a compiler would read as the end of the line.
        private static string Printable(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (c < 0x20 || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        /// <summary>
        /// The body of <c>WriteSubTask</c> as it is written: constant JSON piles up and becomes one literal
        /// whenever code that writes a value comes next, so adjacent constant parts are written in one copy.
        /// It counts the bytes the constant parts take, which the method reserves before it starts.
        /// </summary>
        private sealed class JsonBody
        {
            private readonly StringBuilder _pending = new();
            private readonly Stack<string> _carried = new();
            private readonly bool _utf8StringLiterals;

            public JsonBody(bool utf8StringLiterals)
            {
                _utf8StringLiterals = utf8StringLiterals;
            }

            /// <summary>The code written so far, indented from the method body.</summary>
            public SourceWriter Source { get; } = new();

            /// <summary>For C# 9 and 10, the distinct literals (as they are, and escaped) in the order first used; empty with <c>u8</c> literals, which sit where they are written.</summary>
            public List<(string Json, string Escaped)> Literals { get; } = new();

            /// <summary>
            /// The most bytes the constant parts, separators and numbers take, escaped (the longer form),
            /// counting every call site: more than any path through the method writes.
            /// </summary>
            public int ConstantBytes { get; private set; }

            public void Json(string json) => _pending.Append(json);

            /// <summary>Writes a line of code, after the pending JSON.</summary>
            /// <param name="line">The statement.</param>
            /// <param name="constantBytes">The most bytes it writes that no value accounts for (a comma, a number).</param>
            public void Code(string line, int constantBytes = 0)
            {
                Flush();
                Source.Line(line);
                ConstantBytes += constantBytes;
            }

            public void Open(string line)
            {
                Flush();
                Source.Open(line);
            }

            public void Close()
            {
                Flush();
                Source.Close();
            }

            /// <summary>Opens a conditional block that takes the pending constant JSON into itself (and into its else).</summary>
            public void OpenCarrying(string line)
            {
                string carried = _pending.ToString();
                _pending.Clear();
                _carried.Push(carried);
                Source.Open(line);
                _pending.Append(carried);
            }

            /// <summary>Closes a block opened by <see cref="OpenCarrying"/>; the else writes what it carried, then <paramref name="elseJson"/>.</summary>
            public void CloseCarrying(string elseJson)
            {
                Flush();
                Source.Close();
                string otherwise = _carried.Pop() + elseJson;
                if (otherwise.Length != 0)
                {
                    Source.Open("else");
                    _pending.Append(otherwise);
                    Flush();
                    Source.Close();
                }
            }

            public void Flush()
            {
                if (_pending.Length == 0)
                {
                    return;
                }

                string json = _pending.ToString();
                _pending.Clear();
                string line = "at = writer.WriteLiteral(span, at, " + LiteralArguments(json) + ");";
                Source.Line(_utf8StringLiterals ? line : line + " // " + Printable(json));
            }

            /// <summary>The two forms of <paramref name="json"/> as arguments, counted in <see cref="ConstantBytes"/>.</summary>
            public string LiteralArguments(string json)
            {
                string escaped = EscapeOnce(json);
                ConstantBytes += Encoding.UTF8.GetByteCount(escaped);
                if (_utf8StringLiterals)
                {
                    return Utf8(json, utf8StringLiteral: true) + ", " + Utf8(escaped, utf8StringLiteral: true);
                }

                int index = Literals.IndexOf((json, escaped));
                if (index < 0)
                {
                    index = Literals.Count;
                    Literals.Add((json, escaped));
                }

                string name = LiteralsClass + ".Part" + index.ToString(CultureInfo.InvariantCulture);
                return name + ", " + name + "Escaped";
            }
        }
    }
}
