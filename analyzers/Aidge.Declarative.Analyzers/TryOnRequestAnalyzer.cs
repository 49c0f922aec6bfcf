using System.Collections.Immutable;
using Aidge.Declarative.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Aidge.Declarative.Analyzers
{
    /// <summary>
    /// Reports, while the user types, every Aidge API rule a request breaks: in its declaration (the suit,
    /// the attributes' values, member types) and in the values that flow into its members (constants in
    /// constructors, initializers and <c>with</c> expressions).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TryOnRequestAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.InvalidSuit,
            DiagnosticDescriptors.GenerateCountOutOfRange,
            DiagnosticDescriptors.TooManyModelImages,
            DiagnosticDescriptors.NotPartial,
            DiagnosticDescriptors.NoGarment,
            DiagnosticDescriptors.UnsupportedMemberType,
            DiagnosticDescriptors.ImageUrlNotDownloadable,
            DiagnosticDescriptors.ModelNamedAndDescribed,
            DiagnosticDescriptors.ModelNameWithoutBase,
            DiagnosticDescriptors.MemberNotReadable,
            DiagnosticDescriptors.UnsupportedRequestType,
            DiagnosticDescriptors.LanguageVersionTooOld,
            DiagnosticDescriptors.UndefinedEnumValue,
            DiagnosticDescriptors.MemberMarkedTwice,
            DiagnosticDescriptors.TextHasNoUtf8Form,
            DiagnosticDescriptors.MarkedWithoutRequest);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // Nothing to check in a compilation that does not reference the package.
                if (start.Compilation.GetTypeByMetadataName(TryOnDeclarations.TryOnRequestAttribute) is null)
                {
                    return;
                }

                var shapes = new RequestShapes();
                var marked = new MarkedTypes();
                start.RegisterSymbolAction(context => DeclarationRules.Analyze(context, marked), SymbolKind.NamedType);
                start.RegisterCompilationEndAction(marked.Report);
                start.RegisterOperationAction(context => ValueRules.AnalyzeCreation(context, shapes), OperationKind.ObjectCreation);
                start.RegisterOperationAction(context => ValueRules.AnalyzeAssignment(context, shapes), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(context => ValueRules.AnalyzeParameterDefault(context, shapes), OperationKind.ParameterInitializer);
                start.RegisterOperationAction(context => ValueRules.AnalyzePropertyInitializer(context, shapes), OperationKind.PropertyInitializer);
            });
        }
    }
}
