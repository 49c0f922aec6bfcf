using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Aidge.Declarative.CodeFixes
{
    /// <summary>
    /// AIDGE001: gives the garment to blame the type that completes the suit (tops with bottoms), or
    /// removes its <c>[Garment]</c> so the suit is smaller.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixSuitCodeFix)), Shared]
    public sealed class FixSuitCodeFix : AidgeCodeFix
    {
        private const string ChangeTypeKey = nameof(FixSuitCodeFix) + ".ChangeType";
        private const string RemoveKey = nameof(FixSuitCodeFix) + ".Remove";

        /// <summary>Creates the fix.</summary>
        public FixSuitCodeFix()
            : base(DiagnosticDescriptors.InvalidSuitId)
        {
        }

        /// <inheritdoc/>
        private protected override void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan) is not AttributeSyntax attribute)
            {
                return;
            }

            string member = MemberName(attribute);
            if (diagnostic.Properties.TryGetValue(DiagnosticDescriptors.ComplementProperty, out string? complement) && complement is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Make '" + member + "' a " + complement + " garment",
                        cancellationToken => ReplaceAsync(context.Document, attribute, WithType(attribute, complement), cancellationToken),
                        equivalenceKey: ChangeTypeKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove [Garment] from '" + member + "'",
                    cancellationToken => RemoveAsync(context.Document, attribute, cancellationToken),
                    equivalenceKey: RemoveKey),
                diagnostic);
        }

        private static AttributeSyntax WithType(AttributeSyntax attribute, string garmentType)
        {
            // Fully qualified, then simplified to what the file's usings allow.
            ExpressionSyntax value = SyntaxFactory.ParseExpression("global::Aidge.Declarative.GarmentType." + garmentType)
                .WithAdditionalAnnotations(Simplifier.Annotation);
            return attribute.WithArgumentList(SyntaxFactory.AttributeArgumentList(
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(value))));
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode old, SyntaxNode replacement, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            return document.WithSyntaxRoot(root.ReplaceNode(old, replacement));
        }

        private static async Task<Document> RemoveAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            SyntaxNode? removed;
            if (attribute.Parent is AttributeListSyntax { Attributes.Count: 1 } list)
            {
                // A list on a line of its own goes with its line; one inline before a parameter leaves what precedes it.
                bool ownLine = list.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia);
                removed = root.RemoveNode(list, ownLine ? SyntaxRemoveOptions.KeepNoTrivia : SyntaxRemoveOptions.KeepLeadingTrivia);
            }
            else
            {
                removed = root.RemoveNode(attribute, SyntaxRemoveOptions.KeepNoTrivia);
            }

            return document.WithSyntaxRoot(removed ?? root);
        }

        private static string MemberName(AttributeSyntax attribute) => attribute.Parent?.Parent switch
        {
            ParameterSyntax parameter => parameter.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            _ => "the garment",
        };
    }
}
