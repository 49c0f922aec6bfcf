using Microsoft.CodeAnalysis;

namespace Aidge.Declarative.Generators
{
    /// <summary>
    /// Makes every partial type marked <c>[TryOnRequest]</c> implement <c>ITryOnRequest</c>, with a
    /// serializer that writes the API's <c>requestParams</c> from precomputed UTF-8 literals.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class TryOnRequestGenerator : IIncrementalGenerator
    {
        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<Model.RequestSpec?> requests = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    Roslyn.TryOnDeclarations.TryOnRequestAttribute,
                    predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                    transform: Parser.Parse)
                .WithTrackingName(TrackingNames.Requests)
                .Where(static spec => spec is not null)
                .WithTrackingName(TrackingNames.EmittableRequests);

            context.RegisterSourceOutput(requests, static (output, spec) => output.AddSource(spec!.HintName, Emitter.Emit(spec)));
        }
    }
}
