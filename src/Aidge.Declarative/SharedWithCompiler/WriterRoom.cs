// The most bytes each of RequestParamsWriter's own small writes takes, in the escaped (longer) form.
//
// Compiled into the runtime library and, as linked source, into the generator, which adds them to the
// room each request reserves up front (RequestParamsWriter.Begin): the writer and the count cannot drift apart.

namespace Aidge.Declarative.Serialization
{
    internal static class WriterRoom
    {
        /// <summary><c>WriteSeparator</c>: the comma between two garments.</summary>
        public const int Separator = 1;

        /// <summary><c>CloseArray</c>: the last string's closing quote, escaped, and the bracket (<c>\"]</c>).</summary>
        public const int ArrayClose = 3;

        /// <summary><c>WriteNumber</c>: an int as JSON, the longest being <c>-2147483648</c>.</summary>
        public const int Number = 11;
    }
}
