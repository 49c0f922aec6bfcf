// Why the generator emits nothing for a marked type, stated once. Compiled, as linked source, into the generator (which
// skips a type on any of these) and the analyzers (which report each one), so that nothing is skipped in silence.

using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Aidge.Declarative.Roslyn
{
    /// <summary>A reason the generator emits nothing for a marked type.</summary>
    internal enum SkipReason
    {
        /// <summary>The file compiles C# older than 9 (the generated code needs records and init).</summary>
        LanguageVersionTooOld,

        /// <summary>The type, a type it is in, or its namespace has no name yet: a declaration still being typed (the compiler reports it).</summary>
        NotFullyNamed,

        /// <summary>A request that is not a class, struct or record with instances: static, a ref struct, an interface, an enum.</summary>
        UnsupportedKind,

        /// <summary>A request whose own declaration, or one of a type it is nested in, is not partial: no part can be added.</summary>
        NotPartial,

        /// <summary>A <c>[TryOnApi]</c> type that is not an interface a class can implement: generic, or not visible to its assembly.</summary>
        NotAnInterface,
    }

    /// <summary>One reason the generator skips a type, and the type it is about (the marked one, or one it is nested in).</summary>
    internal readonly struct Skip
    {
        public Skip(SkipReason reason, INamedTypeSymbol about, string detail)
        {
            Reason = reason;
            About = about;
            Detail = detail;
        }

        public SkipReason Reason { get; }

        public INamedTypeSymbol About { get; }

        /// <summary>What is wrong, in words that follow the type's name; for <see cref="SkipReason.LanguageVersionTooOld"/>, the version.</summary>
        public string Detail { get; }
    }

    internal static class DeclarationSkips
    {
        /// <summary>The C# version the generated code needs.</summary>
        public const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp9;

        /// <summary>The version a file compiles, when it is older than the generated code needs; null otherwise.</summary>
        public static LanguageVersion? TooOld(SyntaxTree tree) =>
            tree.Options is CSharpParseOptions options && options.LanguageVersion < MinimumLanguageVersion ? options.LanguageVersion : null;

        /// <summary>Every reason the generator skips a <c>[TryOnRequest]</c> type declared in <paramref name="tree"/>; empty when it emits it.</summary>
        public static List<Skip> ForRequest(INamedTypeSymbol type, SyntaxTree tree, CancellationToken cancellationToken)
        {
            var skips = new List<Skip>();
            Common(type, tree, skips);
            if (TryOnDeclarations.UnsupportedKind(type) is { } why)
            {
                skips.Add(new Skip(SkipReason.UnsupportedKind, type, why));
                return skips;
            }

            for (INamedTypeSymbol? part = type; part is not null; part = part.ContainingType)
            {
                if (!CanReopen(part, cancellationToken))
                {
                    skips.Add(new Skip(
                        SkipReason.NotPartial,
                        part,
                        part.Equals(type, SymbolEqualityComparer.Default)
                            ? "must be partial, so that the generator can add its serializer"
                            : "holds the request " + type.Name + " and must be partial too, so that the generator can add to it"));
                }
            }

            return skips;
        }

        /// <summary>Every reason the generator skips a <c>[TryOnApi]</c> type declared in <paramref name="tree"/>; empty when it implements it.</summary>
        public static List<Skip> ForApi(INamedTypeSymbol type, SyntaxTree tree)
        {
            var skips = new List<Skip>();
            Common(type, tree, skips);
            if (TryOnApiDeclarations.NotAnInterface(type) is { } why)
            {
                skips.Add(new Skip(SkipReason.NotAnInterface, type, why));
            }

            return skips;
        }

        /// <summary>
        /// Whether a <c>[TryOnRequest]</c> type is, or will be once generated, an <c>ITryOnRequest</c>: a declared client may send only
        /// such a type, or its code would not compile where the request was skipped.
        /// </summary>
        public static bool IsOrWillBeRequest(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (INamedTypeSymbol implemented in type.AllInterfaces)
            {
                if (implemented.Name == "ITryOnRequest" && TryOnDeclarations.IsNamespace(implemented.ContainingNamespace, "Aidge", "Declarative"))
                {
                    return true;
                }
            }

            if (TryOnDeclarations.FindAttribute(type, TryOnDeclarations.TryOnRequest) is not { ApplicationSyntaxReference: { } applied })
            {
                return false;
            }

            return ForRequest(type, applied.SyntaxTree, cancellationToken).Count == 0;
        }

        private static void Common(INamedTypeSymbol type, SyntaxTree tree, List<Skip> skips)
        {
            if (TooOld(tree) is { } version)
            {
                skips.Add(new Skip(SkipReason.LanguageVersionTooOld, type, version.ToDisplayString()));
            }

            if (!TryOnDeclarations.IsFullyNamed(type))
            {
                skips.Add(new Skip(SkipReason.NotFullyNamed, type, "has no name yet"));
            }
        }

        private static bool CanReopen(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface &&
            TryOnDeclarations.IsPartialEverywhere(type, cancellationToken);
    }
}
