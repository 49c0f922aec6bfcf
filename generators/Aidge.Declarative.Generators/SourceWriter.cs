using System.Text;

namespace Aidge.Declarative.Generators
{
    /// <summary>A <see cref="StringBuilder"/> that indents, with <c>\n</c> line ends whatever the machine, so output is deterministic.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _text = new();
        private int _indent;

        public void Line(string line = "")
        {
            if (line.Length != 0)
            {
                _text.Append(' ', _indent * 4);
            }

            _text.Append(line).Append('\n');
        }

        public void Open(string line)
        {
            Line(line);
            Line("{");
            _indent++;
        }

        public void Close(string after = "")
        {
            _indent--;
            Line("}" + after);
        }

        /// <summary>Writes the lines of <paramref name="inner"/>, indented from here.</summary>
        public void Append(SourceWriter inner)
        {
            string text = inner.ToString();
            int start = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                Line(text.Substring(start, end - start));
                start = end + 1;
            }
        }

        public override string ToString() => _text.ToString();
    }
}
