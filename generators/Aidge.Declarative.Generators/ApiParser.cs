using System.Collections.Generic;
using System.Threading;
using Aidge.Declarative.Generators.Model;
using Aidge.Declarative.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Aidge.Declarative.Generators
{
    /// <summary>
    /// Turns a <c>[TryOnApi]</c> interface into an <see cref="ApiSpec"/>, or null when the generator cannot implement
    /// every member it must: a class with a member missing would not compile. The analyzers say why; the generator
    /// reports nothing and never throws.
    /// </summary>
    internal static class ApiParser
    {
        private static readonly SymbolDisplayFormat s_type =
            SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static ApiSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || DeclarationSkips.ForApi(type, context.TargetNode.SyntaxTree).Count != 0)
            {
                return null;
            }

            var methods = new List<ApiMethodSpec>();
            foreach (ISymbol member in TryOnApiDeclarations.MembersToImplement(type))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is not IMethodSymbol symbol || TryOnApiDeclarations.Classify(symbol, cancellationToken) is not { IsImplementable: true, Request: not null } method ||
                    !SyntaxFacts.IsValidIdentifier(symbol.Name))
                {
                    return null;
                }

                var parameters = new ApiParameterSpec[symbol.Parameters.Length];
                for (int i = 0; i < parameters.Length; i++)
                {
                    IParameterSymbol parameter = symbol.Parameters[i];
                    if (!SyntaxFacts.IsValidIdentifier(parameter.Name))
                    {
                        return null;
                    }

                    parameters[i] = new ApiParameterSpec(parameter.Type.ToDisplayString(s_type), Parser.EscapeIdentifier(parameter.Name), method.Roles[i]);
                }

                methods.Add(new ApiMethodSpec(
                    symbol.ContainingType.ToDisplayString(s_type),
                    Parser.EscapeIdentifier(symbol.Name),
                    method.IsTryOn ? ApiMethodKind.TryOn : ApiMethodKind.Submit,
                    symbol.ReturnType.ToDisplayString(s_type),
                    new EquatableArray<ApiParameterSpec>(parameters)));
            }

            return new ApiSpec(
                Parser.HintName(type, ".TryOnApi.g.cs"),
                type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                type.ToDisplayString(s_type),
                ImplementationName(type),
                new EquatableArray<ApiMethodSpec>(methods.ToArray()));
        }

        /// <summary>
        /// The implementation's name, unique in its namespace: the nesting chain, readable (<c>Outer_ILookbook</c>), and a hash of the
        /// interface's full metadata name, so that <c>Outer.ILookbook</c> and a top-level <c>Outer_ILookbook</c> never meet. Each interface
        /// is named from itself alone, as an incremental generator must: no list of the others is needed to stay apart from them.
        /// </summary>
        internal static string ImplementationName(INamedTypeSymbol type)
        {
            string name = type.Name;
            string metadata = type.MetadataName;
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                name = outer.Name + "_" + name;
                metadata = outer.MetadataName + "+" + metadata;
            }

            if (!type.ContainingNamespace.IsGlobalNamespace)
            {
                metadata = type.ContainingNamespace.ToDisplayString() + "." + metadata;
            }

            // FNV-1a, 32 bits, over the UTF-16 code units: stable across runs and processes, unlike string.GetHashCode.
            uint hash = 2166136261;
            foreach (char c in metadata)
            {
                hash = (hash ^ c) * 16777619;
            }

            return "__TryOnApi_" + name + "_" + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
