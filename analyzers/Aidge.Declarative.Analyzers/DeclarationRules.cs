using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Aidge.Declarative.Roslyn;
using Aidge.Declarative.Rules;
using Aidge.Declarative.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Aidge.Declarative.Analyzers
{
    /// <summary>The rules a [TryOnRequest] declaration itself can break: the type, its members, the attributes' values.</summary>
    internal static partial class DeclarationRules
    {
        public static void Analyze(SymbolAnalysisContext context, MarkedTypes marked)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            CancellationToken cancellationToken = context.CancellationToken;

            // A type that holds a request (at any depth) is reported here, once, however many requests it holds.
            if (HoldsRequest(type))
            {
                CheckPartial(context, type);
            }

            AttributeData? request = TryOnDeclarations.FindAttribute(type, TryOnDeclarations.TryOnRequest);
            if (request is null)
            {
                CheckMarkedWithoutRequest(context, type, marked);
                return;
            }

            marked.AddRequest(type);

            if (request.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax requestSyntax)
            {
                return;
            }

            // What makes the generator skip the type (DeclarationSkips, the generator's own list). A type it is nested in that is not partial
            // is reported on that type's own declaration (above), once however many requests it holds; the name missing, by the compiler.
            List<Skip> skips = DeclarationSkips.ForRequest(type, requestSyntax.SyntaxTree, cancellationToken);
            foreach (Skip skip in skips)
            {
                switch (skip.Reason)
                {
                    case SkipReason.LanguageVersionTooOld:
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LanguageVersionTooOld, requestSyntax.GetLocation(), skip.Detail));
                        return;
                    case SkipReason.UnsupportedKind:
                        ReportOnName(context, type, DiagnosticDescriptors.UnsupportedRequestType, type.Name, skip.Detail);
                        return;
                    case SkipReason.NotPartial when SymbolEqualityComparer.Default.Equals(skip.About, type):
                        CheckPartial(context, type);
                        break;
                }
            }

            CheckRequestArguments(context, request, requestSyntax);
            if (TryOnDeclarations.FindAttribute(type, TryOnDeclarations.TryOnModel) is { } model &&
                model.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax modelSyntax)
            {
                CheckModel(context, model, modelSyntax);
            }

            CheckMembers(context, type, requestSyntax);
        }

        private static bool HoldsRequest(INamedTypeSymbol type)
        {
            foreach (INamedTypeSymbol nested in type.GetTypeMembers())
            {
                if (TryOnDeclarations.FindAttribute(nested, TryOnDeclarations.TryOnRequest) is not null || HoldsRequest(nested))
                {
                    return true;
                }
            }

            return false;
        }

        private static void CheckPartial(SymbolAnalysisContext context, INamedTypeSymbol type)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration &&
                    !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotPartial, declaration.Identifier.GetLocation(), type.Name));
                }
            }
        }

        // Each named argument of [TryOnRequest] and [TryOnModel] checked by its row of the vocabulary: a value the API cannot
        // spell, a picture count out of range, a text with no UTF-8 form; a model both named and described.
        private static void CheckRequestArguments(SymbolAnalysisContext context, AttributeData request, AttributeSyntax syntax) =>
            CheckArguments(context, request, syntax, TryOnRules.RequestAttribute);

        private static void CheckModel(SymbolAnalysisContext context, AttributeData model, AttributeSyntax syntax)
        {
            List<(string Name, ExpressionSyntax Expression)> traits = CheckArguments(context, model, syntax, TryOnRules.ModelAttribute);
            bool hasName = model.NamedArguments.Any(argument => argument.Key == TryOnRules.ModelNameProperty) && AttributeSyntaxes.NamedArgument(syntax, TryOnRules.ModelNameProperty) is not null;
            bool hasBase = model.NamedArguments.Any(argument => argument.Key == TryOnRules.ModelBaseProperty) && AttributeSyntaxes.NamedArgument(syntax, TryOnRules.ModelBaseProperty) is not null;
            if (hasName)
            {
                foreach ((string name, ExpressionSyntax expression) in traits)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ModelNamedAndDescribed, ((AttributeArgumentSyntax)expression.Parent!).GetLocation(), name));
                }

                if (!hasBase && AttributeSyntaxes.NamedArgument(syntax, TryOnRules.ModelNameProperty) is { Parent: AttributeArgumentSyntax nameArgument })
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ModelNameWithoutBase, nameArgument.GetLocation()));
                }
            }
        }

        // Returns the arguments that describe a library model, for the check of a model both named and described.
        private static List<(string Name, ExpressionSyntax Expression)> CheckArguments(SymbolAnalysisContext context, AttributeData attribute, AttributeSyntax syntax, string attributeName)
        {
            var describing = new List<(string Name, ExpressionSyntax Expression)>();
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (TryOnRules.TraitOf(attributeName, argument.Key) is not { } trait || AttributeSyntaxes.NamedArgument(syntax, argument.Key) is not { } expression)
                {
                    continue;
                }

                switch (trait.Kind)
                {
                    case TraitKind.Count when argument.Value.Value is int count && !TryOnRules.IsValidGenerateCount(count):
                        context.ReportDiagnostic(GenerateCountOutOfRange(expression.GetLocation(), count));
                        break;
                    case TraitKind.Choice or TraitKind.Endpoint:
                        CheckDefined(context, trait.Choices!, argument.Value, expression);
                        break;
                    case TraitKind.Text when argument.Value.Value is string text:
                        CheckUtf8(context, argument.Key, text, expression);
                        break;
                }

                if (trait.DescribesModel)
                {
                    describing.Add((argument.Key, expression));
                }
            }

            return describing;
        }

        private static void CheckDefined(SymbolAnalysisContext context, Type choices, TypedConstant argument, ExpressionSyntax expression)
        {
            if (argument.Kind == TypedConstantKind.Enum && argument.Value is int value && !Enum.IsDefined(choices, value))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UndefinedEnumValue,
                    expression.GetLocation(),
                    choices.Name,
                    value,
                    string.Join(", ", Enum.GetNames(choices))));
            }
        }

        private static void CheckUtf8(SymbolAnalysisContext context, string name, string text, ExpressionSyntax expression)
        {
            int index = TryOnRules.IndexOfUnpairedSurrogate(text.AsSpan());
            if (index >= 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TextHasNoUtf8Form, expression.GetLocation(), TryOnRules.Messages.TextHasNoUtf8Form(name, index)));
            }
        }

        // Request attributes on a type that asks for no request: the attributes would do nothing, without a word. An abstract type is a
        // base of requests, and a type that implements ITryOnRequest by hand writes its own serializer: both are left alone.
        private static void CheckMarkedWithoutRequest(SymbolAnalysisContext context, INamedTypeSymbol type, MarkedTypes marked)
        {
            if (type.IsAbstract || type.IsStatic || type.TypeKind is not (TypeKind.Class or TypeKind.Struct) ||
                type.AllInterfaces.Any(i => i.Name == "ITryOnRequest" && TryOnDeclarations.IsNamespace(i.ContainingNamespace, "Aidge", "Declarative")))
            {
                return;
            }

            string? found = TryOnDeclarations.FindAttribute(type, TryOnDeclarations.TryOnModel) is not null ? "[TryOnModel]" : null;
            // The type's own members only (a base's are reported on the base), each looked at once: this runs for every type.
            foreach (ISymbol member in type.GetMembers())
            {
                if (found is not null)
                {
                    break;
                }

                if (member is IPropertySymbol property)
                {
                    found = Marked(property.GetAttributes(), property.Name);
                }
                else if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
                {
                    foreach (IParameterSymbol parameter in constructor.Parameters)
                    {
                        found ??= Marked(parameter.GetAttributes(), parameter.Name);
                    }
                }
            }

            static string? Marked(ImmutableArray<AttributeData> attributes, string name)
            {
                foreach (AttributeData attribute in attributes)
                {
                    if (TryOnDeclarations.RoleOf(attribute) is { } role)
                    {
                        return "a [" + role + "] member ('" + name + "')";
                    }
                }

                return null;
            }

            if (found is not null && NameOf(context, type) is { } name)
            {
                // Reported once the whole compilation is seen: a request derived from it makes it a base, not a mistake.
                marked.AddCandidate(type, Diagnostic.Create(DiagnosticDescriptors.MarkedWithoutRequest, name, type.Name, found));
            }
        }

        private static void ReportOnName(SymbolAnalysisContext context, INamedTypeSymbol type, DiagnosticDescriptor descriptor, params object[] arguments)
        {
            if (NameOf(context, type) is { } name)
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, name, arguments));
            }
        }

        private static Location? NameOf(SymbolAnalysisContext context, ISymbol type)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration)
                {
                    return declaration.Identifier.GetLocation();
                }
            }

            return null;
        }

        private static TypeSyntax? TypeSyntaxOf(RequestMember member, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in member.Symbol.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax(cancellationToken))
                {
                    case ParameterSyntax { Type: { } type }:
                        return type;
                    case PropertyDeclarationSyntax property:
                        return property.Type;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// What AIDGE024 needs of the whole compilation: the types with request attributes but no [TryOnRequest], and every base type of a
    /// request. A candidate that is a base of a request is one, and is not reported.
    /// </summary>
    internal sealed class MarkedTypes
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, Diagnostic> _candidates = new(SymbolEqualityComparer.Default);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, bool> _bases = new(SymbolEqualityComparer.Default);

        public void AddCandidate(INamedTypeSymbol type, Diagnostic diagnostic) => _candidates.TryAdd(type.OriginalDefinition, diagnostic);

        public void AddRequest(INamedTypeSymbol request)
        {
            for (INamedTypeSymbol? current = request.BaseType; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
            {
                _bases.TryAdd(current.OriginalDefinition, true);
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            foreach (KeyValuePair<INamedTypeSymbol, Diagnostic> candidate in _candidates)
            {
                if (!_bases.ContainsKey(candidate.Key))
                {
                    context.ReportDiagnostic(candidate.Value);
                }
            }
        }
    }
}
