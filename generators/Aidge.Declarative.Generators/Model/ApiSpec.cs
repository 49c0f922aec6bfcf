using Aidge.Declarative.Roslyn;

namespace Aidge.Declarative.Generators.Model
{
    // Pipeline models are immutable records with structural equality and hold no symbol, syntax node,
    // location or compilation: otherwise the generator's cache never hits (a test walks them to check).

    /// <summary>Everything the emitter needs to implement one <c>[TryOnApi]</c> interface.</summary>
    /// <param name="HintName">The generated file's name, from the interface's fully qualified metadata name.</param>
    /// <param name="Namespace">The interface's namespace, where the implementation goes; null for the global namespace.</param>
    /// <param name="Interface">The interface, fully qualified with <c>global::</c>.</param>
    /// <param name="Implementation">The implementation class's name: unique, from the metadata name.</param>
    /// <param name="Methods">The methods to implement, the inherited ones included.</param>
    internal sealed record ApiSpec(string HintName, string? Namespace, string Interface, string Implementation, EquatableArray<ApiMethodSpec> Methods);

    /// <summary>What a method of a <c>[TryOnApi]</c> interface does.</summary>
    internal enum ApiMethodKind
    {
        /// <summary>Submits one task and returns its <c>TryOnOperation&lt;T&gt;</c>.</summary>
        Submit,

        /// <summary>Submits one task, waits for it, and returns its <c>TryOnResult&lt;T&gt;</c>.</summary>
        TryOn,
    }

    /// <summary>One method to implement.</summary>
    /// <param name="Interface">The interface that declares it (the method is implemented explicitly), fully qualified.</param>
    /// <param name="Name">The method's name, escaped if it is a keyword.</param>
    /// <param name="Kind">What it does.</param>
    /// <param name="ReturnType">Its return type, fully qualified.</param>
    /// <param name="Parameters">Its parameters, in order.</param>
    internal sealed record ApiMethodSpec(string Interface, string Name, ApiMethodKind Kind, string ReturnType, EquatableArray<ApiParameterSpec> Parameters);

    /// <summary>A parameter.</summary>
    /// <param name="Type">Its type, fully qualified, with its nullable annotation.</param>
    /// <param name="Name">Its name, escaped if it is a keyword.</param>
    /// <param name="Role">What it carries.</param>
    internal sealed record ApiParameterSpec(string Type, string Name, ApiRole Role);
}
