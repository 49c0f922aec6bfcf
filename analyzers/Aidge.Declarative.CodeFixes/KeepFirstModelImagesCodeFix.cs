using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Aidge.Declarative.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Aidge.Declarative.CodeFixes
{
    /// <summary>
    /// AIDGE003: where the first image past 8 stands in a collection written out in place, removes it and
    /// the ones after it, so the request keeps the first 8.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KeepFirstModelImagesCodeFix)), Shared]
    public sealed class KeepFirstModelImagesCodeFix : AidgeCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public KeepFirstModelImagesCodeFix()
            : base(DiagnosticDescriptors.TooManyModelImagesId)
        {
        }

        /// <inheritdoc/>
        private protected override void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax ninth ||
                Truncate(ninth) is not { } replacement)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Keep the first " + DiagnosticDescriptors.MaxModelImagesText + " model images",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(replacement.Old, replacement.New))),
                    equivalenceKey: nameof(KeepFirstModelImagesCodeFix)),
                diagnostic);
        }

        // The collection without the first image past 8 and those after it; null where it is not in one.
        private static (SyntaxNode Old, SyntaxNode New)? Truncate(ExpressionSyntax ninth)
        {
            switch (ninth.Parent)
            {
                case InitializerExpressionSyntax initializer:
                    int index = initializer.Expressions.IndexOf(ninth);
                    return (initializer, initializer.WithExpressions(SyntaxFactory.SeparatedList(initializer.Expressions.Take(index))));
                case ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection } element:
                    int position = collection.Elements.IndexOf(element);
                    return (collection, collection.WithElements(SyntaxFactory.SeparatedList(collection.Elements.Take(position))));
                default:
                    return null;
            }
        }
    }
}
