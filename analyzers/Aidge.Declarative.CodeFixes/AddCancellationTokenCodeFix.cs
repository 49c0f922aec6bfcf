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
    /// <summary>AIDGE021: adds <c>CancellationToken cancellationToken = default</c> as the method's last parameter.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCancellationTokenCodeFix)), Shared]
    public sealed class AddCancellationTokenCodeFix : AidgeCodeFix
    {
        /// <summary>Creates the fix.</summary>
        public AddCancellationTokenCodeFix()
            : base(DiagnosticDescriptors.ApiNoCancellationTokenId)
        {
        }

        /// <inheritdoc/>
        private protected override void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is MethodDeclarationSyntax method)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Add a CancellationToken to '" + method.Identifier.ValueText + "'",
                        cancellationToken => AddAsync(context.Document, method, cancellationToken),
                        equivalenceKey: nameof(AddCancellationTokenCodeFix)),
                    diagnostic);
            }
        }

        private static async Task<Document> AddAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            ParameterSyntax token = SyntaxFactory.Parameter(SyntaxFactory.Identifier("cancellationToken"))
                .WithType(SyntaxFactory.ParseTypeName("global::System.Threading.CancellationToken").WithAdditionalAnnotations(Simplifier.Annotation))
                .WithDefault(SyntaxFactory.EqualsValueClause(SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression, SyntaxFactory.Token(SyntaxKind.DefaultKeyword))));
            MethodDeclarationSyntax fixedMethod = method.WithParameterList(method.ParameterList.AddParameters(token));
            return document.WithSyntaxRoot(root.ReplaceNode(method, fixedMethod));
        }
    }
}
