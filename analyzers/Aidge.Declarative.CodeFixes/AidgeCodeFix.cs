using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Aidge.Declarative.CodeFixes
{
    /// <summary>A code fix for one Aidge diagnostic, with Fix All in document, project and solution scope.</summary>
    public abstract class AidgeCodeFix : CodeFixProvider
    {
        private protected AidgeCodeFix(string diagnosticId)
        {
            FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        }

        /// <inheritdoc/>
        public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

        /// <inheritdoc/>
        public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                Register(context, root, diagnostic);
            }
        }

        /// <summary>Registers the fixes for one diagnostic, if the code at its location can be fixed.</summary>
        private protected abstract void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic);
    }
}
