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
    public sealed class ClampGenerateCountCodeFix : AidgeCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public ClampGenerateCountCodeFix()
            : base(DiagnosticDescriptors.GenerateCountOutOfRangeId)
        {
        }

        /// <inheritdoc/>
        private protected override void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value ||
                !diagnostic.Properties.TryGetValue(DiagnosticDescriptors.ClampedProperty, out string? clamped) ||
                !int.TryParse(clamped, NumberStyles.Integer, CultureInfo.InvariantCulture, out int allowed))
            {
                return;
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
