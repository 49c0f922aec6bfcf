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
            if (context.TargetSymbol is not INamedTypeSymbol type ||
                !TryOnDeclarations.IsFullyNamed(type) ||
                context.TargetNode.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp9 } ||
                TryOnApiDeclarations.NotAnInterface(type) is not null)
            {
                return null;
            }

            var methods = new List<ApiMethodSpec>();
            foreach (ISymbol member in TryOnApiDeclarations.MembersToImplement(type))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is not IMethodSymbol symbol || TryOnApiDeclarations.Classify(symbol) is not { IsImplementable: true, Request: { } request } method ||
                    !SyntaxFacts.IsValidIdentifier(symbol.Name) || !Parser.IsOrWillBeRequest(request, cancellationToken))
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
                "__TryOnApi_" + Flatten(type),
                new EquatableArray<ApiMethodSpec>(methods.ToArray()));
        }

        // The nesting chain as one identifier: Outer_ILookbook.
        private static string Flatten(INamedTypeSymbol type)
        {
            string name = type.Name;
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                name = outer.Name + "_" + name;
            }

            return name;
        }
    }
}
