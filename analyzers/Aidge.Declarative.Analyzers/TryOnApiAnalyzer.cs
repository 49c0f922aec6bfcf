using System.Collections.Generic;
using System.Collections.Immutable;
using Aidge.Declarative.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Aidge.Declarative.Analyzers
{
    /// <summary>
    /// Reports every misuse of a <c>[TryOnApi]</c> declaration, with the rules the generator reads it by
    /// (<see cref="TryOnApiDeclarations"/>): whatever is reported here is what makes the generator skip the interface.
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class TryOnApiAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.ApiNotAnInterface,
            DiagnosticDescriptors.ApiMemberNotAMethod,
            DiagnosticDescriptors.ApiGenericMethod,
            DiagnosticDescriptors.ApiBadParameter,
            DiagnosticDescriptors.ApiBadReturnType,
            DiagnosticDescriptors.ApiNoCancellationToken,
            DiagnosticDescriptors.ApiIndistinctMethods,
            DiagnosticDescriptors.ApiNotARequest,
            DiagnosticDescriptors.LanguageVersionTooOld);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (start.Compilation.GetTypeByMetadataName(TryOnApiDeclarations.TryOnApiAttribute) is not { } attribute)
                {
                    return;
                }

                start.RegisterSymbolAction(context => Analyze(context, attribute), SymbolKind.NamedType);
            });
        }

        private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            AttributeData? attribute = null;
            foreach (AttributeData candidate in type.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, attributeType))
                {
                    attribute = candidate;
                    break;
                }
            }

            if (attribute is null)
            {
                return;
            }

            if (type.TypeKind != TypeKind.Interface)
            {
                // The compiler refuses the attribute there (CS0592, from its AttributeUsage).
                return;
            }

            // What makes the generator skip the whole interface (DeclarationSkips, the generator's own list), on the attribute.
            SyntaxNode? applied = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken);
            Location at = applied?.GetLocation() ?? Location.None;
            bool skipped = false;
            foreach (Skip skip in DeclarationSkips.ForApi(type, applied?.SyntaxTree ?? type.DeclaringSyntaxReferences[0].SyntaxTree))
            {
                skipped = true;
                switch (skip.Reason)
                {
                    case SkipReason.LanguageVersionTooOld:
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LanguageVersionTooOld, at, skip.Detail));
                        break;
                    case SkipReason.NotAnInterface:
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ApiNotAnInterface, at, "'" + type.Name + "' " + skip.Detail));
                        break;

                    // NotFullyNamed: the compiler reports the missing name.
                }
            }

            if (skipped)
            {
                return;
            }

            var methods = new List<ApiMethod>();
            foreach (ISymbol member in TryOnApiDeclarations.MembersToImplement(type))
            {
                if (member is not IMethodSymbol method)
                {
                    Report(context, type, DiagnosticDescriptors.ApiMemberNotAMethod, member,
                        "'" + member.Name + "' is a " + KindOf(member) + ", but a [TryOnApi] interface has methods only: each sends requests");
                    continue;
                }

                ApiMethod read = TryOnApiDeclarations.Classify(method, context.CancellationToken);
                methods.Add(read);
                if (read.Problem == ApiProblem.None)
                {
                    continue;
                }

                DiagnosticDescriptor descriptor = read.Problem switch
                {
                    ApiProblem.GenericMethod => DiagnosticDescriptors.ApiGenericMethod,
                    ApiProblem.BadParameter => DiagnosticDescriptors.ApiBadParameter,
                    ApiProblem.NotARequest => DiagnosticDescriptors.ApiNotARequest,
                    ApiProblem.BadReturnType => DiagnosticDescriptors.ApiBadReturnType,
                    _ => DiagnosticDescriptors.ApiNoCancellationToken,
                };
                Report(context, type, descriptor, read.At ?? method, "'" + method.Name + "' " + read.Why, BadReturnTypeSyntax(read, context));
            }

            foreach ((ApiMethod first, ApiMethod second) in TryOnApiDeclarations.Indistinct(methods))
            {
                Report(context, type, DiagnosticDescriptors.ApiIndistinctMethods, second.Method,
                    "'" + second.Method.Name + "' takes the same request as another '" + first.Method.Name + "', and every other parameter of both is optional: " +
                    "a call with the request alone cannot tell them apart; make a parameter of one of them required, or give it another name");
            }
        }

        // A problem goes on the symbol's own declaration (the parameter, the return type, the method's name); a member
        // inherited from an interface declared elsewhere puts it on the [TryOnApi] interface's name.
        private static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, DiagnosticDescriptor descriptor, ISymbol at, string message, Location? preferred = null)
        {
            Location? location = preferred;
            if (location is null)
            {
                foreach (SyntaxReference reference in at.DeclaringSyntaxReferences)
                {
                    location = reference.GetSyntax(context.CancellationToken) switch
                    {
                        MethodDeclarationSyntax declaration => declaration.Identifier.GetLocation(),
                        PropertyDeclarationSyntax property => property.Identifier.GetLocation(),
                        IndexerDeclarationSyntax indexer => indexer.ThisKeyword.GetLocation(),
                        ParameterSyntax parameter => parameter.GetLocation(),
                        { } node => node.GetLocation(),
                        _ => null,
                    };
                    break;
                }
            }

            if (location is null || !SymbolEqualityComparer.Default.Equals(at.ContainingType ?? at.ContainingSymbol?.ContainingType, type))
            {
                location = null;
                foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration)
                    {
                        location = declaration.Identifier.GetLocation();
                        break;
                    }
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(descriptor, location ?? Location.None, message));
        }

        private static Location? BadReturnTypeSyntax(ApiMethod read, SymbolAnalysisContext context)
        {
            if (read.Problem != ApiProblem.BadReturnType)
            {
                return null;
            }

            foreach (SyntaxReference reference in read.Method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is MethodDeclarationSyntax declaration)
                {
                    return declaration.ReturnType.GetLocation();
                }
            }

            return null;
        }

        private static string KindOf(ISymbol member) => member switch
        {
            IPropertySymbol { IsIndexer: true } => "indexer",
            IPropertySymbol => "property",
            IEventSymbol => "event",
            _ => member.Kind.ToString().ToLowerInvariant(),
        };
    }
}
