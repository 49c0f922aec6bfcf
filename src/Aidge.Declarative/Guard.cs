using System;

namespace Aidge.Declarative
{
    internal static class Guard
    {
        /// <summary>
        /// Whether a generic value is null. Only a reference type can be; testing that first keeps a struct
        /// from being boxed where the JIT does not optimize (Debug builds), so callers allocate nothing.
        /// </summary>
        public static bool IsNull<T>(T value) => !typeof(T).IsValueType && value is null;

        public static void NotNull(object? value, string name)
        {
            if (value is null)
            {
                throw new ArgumentNullException(name);
            }
        }
    }
}
