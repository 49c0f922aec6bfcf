using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Aidge.Declarative.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Aidge.Declarative.CodeFixes
{
    /// <summary>AIDGE002: replaces a generateCount outside 1 to 8 with the nearest allowed value.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClampGenerateCountCodeFix)), Shared]
    public sealed class ClampGenerateCountCodeFix : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.GenerateCountOutOfRangeId);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value ||
                    !diagnostic.Properties.TryGetValue(DiagnosticDescriptors.ClampedProperty, out string? clamped) ||
                    !int.TryParse(clamped, NumberStyles.Integer, CultureInfo.InvariantCulture, out int allowed))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use generateCount " + allowed.ToString(CultureInfo.InvariantCulture),
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(
                            value,
                            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(allowed)).WithTriviaFrom(value)))),
                        equivalenceKey: nameof(ClampGenerateCountCodeFix)),
                    diagnostic);
            }
        }
    }
}
