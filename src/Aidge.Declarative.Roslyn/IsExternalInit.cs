namespace System.Runtime.CompilerServices
{
    // Lets netstandard2.0 code declare records and init accessors.
    internal static class IsExternalInit
    {
    }
}
