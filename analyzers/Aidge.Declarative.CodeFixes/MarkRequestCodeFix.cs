using System.Composition;
using System.Linq;
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
    /// AIDGE023: marks the type a <c>[TryOnApi]</c> method sends <c>[TryOnRequest]</c> and makes each of its declarations partial,
    /// wherever in the solution it is declared. Offered only for a type of the user's own source that has no <c>[TryOnRequest]</c>.
    /// (AIDGE024 is reported once the whole compilation is seen, and a fix is not offered for such a diagnostic.)
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkRequestCodeFix)), Shared]
    public sealed class MarkRequestCodeFix : AidgeCodeFix
    {
        private const string TryOnRequestAttribute = "global::Aidge.Declarative.TryOnRequest";

        /// <summary>Creates the fix.</summary>
        public MarkRequestCodeFix()
            : base(DiagnosticDescriptors.ApiNotARequestId)
        {
        }

        /// <inheritdoc/>
        private protected override void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ParameterSyntax>() is not { Type: { } type })
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Mark the type sent [TryOnRequest] and partial",
                    cancellationToken => MarkAsync(context.Document, type, cancellationToken),
                    equivalenceKey: nameof(MarkRequestCodeFix)),
                diagnostic);
        }

        private static async Task<Solution> MarkAsync(Document document, TypeSyntax parameterType, CancellationToken cancellationToken)
        {
            Solution solution = document.Project.Solution;
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model?.GetTypeInfo(parameterType, cancellationToken).Type is not INamedTypeSymbol sent)
            {
                return solution;
            }

            // A list of requests sends its element type.
            INamedTypeSymbol request = sent is { Name: "IReadOnlyList", Arity: 1 } && sent.TypeArguments[0] is INamedTypeSymbol element ? element : sent;
            if (request.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == "Aidge.Declarative.TryOnRequestAttribute"))
            {
                return solution;
            }

            bool marked = false;
            foreach (IGrouping<SyntaxTree, SyntaxReference> file in request.DeclaringSyntaxReferences.GroupBy(reference => reference.SyntaxTree))
            {
                if (solution.GetDocument(file.Key) is not { } declaring)
                {
                    continue;
                }

                SyntaxNode root = await file.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
                TypeDeclarationSyntax[] declarations = file.Select(reference => reference.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToArray();
                bool markHere = !marked && declarations.Length != 0;
                SyntaxTrivia lineEnd = root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } found ? found : SyntaxFactory.LineFeed;
                marked |= markHere;
                SyntaxNode changed = root.ReplaceNodes(declarations, (original, _) =>
                {
                    TypeDeclarationSyntax declaration = MakePartialCodeFix.WithPartial(original);
                    if (markHere && original == declarations[0])
                    {
                        // The attribute takes the declaration's leading trivia (its comments, its indentation); the declaration keeps the indentation.
                        SyntaxTriviaList leading = declaration.GetLeadingTrivia();
                        SyntaxTriviaList indentation = leading.Count != 0 && leading.Last().IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(leading.Last()) : SyntaxFactory.TriviaList();
                        AttributeListSyntax attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                                SyntaxFactory.Attribute(SyntaxFactory.ParseName(TryOnRequestAttribute).WithAdditionalAnnotations(Simplifier.Annotation))))
                            .WithLeadingTrivia(leading)
                            .WithTrailingTrivia(lineEnd);
                        declaration = declaration.WithLeadingTrivia(indentation).WithAttributeLists(declaration.AttributeLists.Insert(0, attribute));
                    }

                    return declaration;
                });
                solution = solution.WithDocumentSyntaxRoot(declaring.Id, changed);
            }

            return solution;
        }
    }
}
