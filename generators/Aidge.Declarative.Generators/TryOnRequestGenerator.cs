using Microsoft.CodeAnalysis;

namespace Aidge.Declarative.Generators
{
    /// <summary>
    /// Makes every partial type marked <c>[TryOnRequest]</c> implement <c>ITryOnRequest</c>, with a
    /// serializer that writes the API's <c>requestParams</c> from precomputed UTF-8 literals; and implements
    /// every interface marked <c>[TryOnApi]</c> as a typed client.
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

            IncrementalValuesProvider<Model.ApiSpec?> apis = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    Roslyn.TryOnApiDeclarations.TryOnApiAttribute,
                    predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                    transform: ApiParser.Parse)
                .WithTrackingName(TrackingNames.Apis)
                .Where(static spec => spec is not null)
                .WithTrackingName(TrackingNames.EmittableApis);

            context.RegisterSourceOutput(apis, static (output, spec) => output.AddSource(spec!.HintName, Emitter.Emit(spec)));

            // The registrations need ModuleInitializerAttribute, which netstandard2.0 and .NET Framework lack.
            IncrementalValueProvider<bool> needsModuleInitializer = apis.Collect()
                .Combine(context.CompilationProvider.Select(static (compilation, _) =>
                    compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ModuleInitializerAttribute") is null))
                .Select(static (pair, _) => !pair.Left.IsEmpty && pair.Right)
                .WithTrackingName(TrackingNames.NeedsModuleInitializer);
            context.RegisterSourceOutput(needsModuleInitializer, static (output, needed) =>
            {
                if (needed)
                {
                    output.AddSource("Aidge.Declarative.ModuleInitializerAttribute.g.cs", Emitter.EmitModuleInitializerAttribute());
                }
            });
        }
    }
}
