using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.CodeFixes;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;
using Aidge.Declarative.Generators;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>
/// While the user types: the generator, the analyzers and the code fixes over every prefix of real
/// sources cut at each token, and over seeded random mutations of them. Nothing may throw, and the
/// generated code, when there is some, must compile. <c>AIDGE_FUZZ_MUTATIONS</c> sets how many mutations
/// (10,000 by default; more for a long local run); failures print the seed and input to reproduce them.
/// </summary>
public sealed class TypingFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261123;

    private static readonly ImmutableArray<MetadataReference> s_references = Net80.References.All.Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(ITryOnRequest).Assembly.Location))
        .ToImmutableArray();

    private static readonly string s_root = Path.GetFullPath(Path.Combine(typeof(TypingFuzzTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AnalyzersDirectory").Value!, ".."));

    private static readonly CodeFixProvider[] s_fixes =
    {
        new MakePartialCodeFix(), new FixSuitCodeFix(), new ClampGenerateCountCodeFix(), new KeepFirstModelImagesCodeFix(), new AddCancellationTokenCodeFix(),
    };

    /// <summary>Sources the user might be in the middle of: the samples' and tests' records, and the shapes the generator must handle.</summary>
    private static IEnumerable<(string Name, string Text)> Corpus()
    {
        yield return ("Looks.cs", File.ReadAllText(Path.Combine(s_root, "samples", "Aidge.Declarative.Sample", "Looks.cs")));
        yield return ("Requests.cs", File.ReadAllText(Path.Combine(s_root, "tests", "Aidge.Declarative.Tests", "Requests.cs")));

        // A declared client, with the requests it sends in the same file, as it is typed.
        string lookbook = File.ReadAllText(Path.Combine(s_root, "samples", "Aidge.Declarative.Sample", "Lookbook.cs"));
        yield return ("Lookbook.cs", lookbook.Substring(0, lookbook.IndexOf("/// <summary>", StringComparison.Ordinal)) +
            File.ReadAllText(Path.Combine(s_root, "samples", "Aidge.Declarative.Sample", "Looks.cs")).Split("namespace Aidge.Declarative.Sample;")[1] +
            lookbook.Substring(lookbook.IndexOf("/// <summary>", StringComparison.Ordinal)));
        yield return ("Apis.cs", """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Suit([Garment(GarmentType.Tops)] string Top, [Garment(GarmentType.Bottoms)] string Bottom);

            public interface IBase { Task<TryOnOperation<Suit>> SubmitAsync(Suit look); }

            public static partial class Outer
            {
                [TryOnApi]
                internal interface IClient : IBase
                {
                    Task<TryOnResult<Suit>> TryOnAsync(IReadOnlyList<Suit> looks, IProgress<TryOnResult<Suit>>? progress = null, CancellationToken cancellationToken = default);
                    Task<TryOnResult<Suit>> TryOnAsync(IReadOnlyList<Suit> looks, CancellationToken cancellationToken = default);
                    Task<TryOnOperation<T>> SendAsync<T>(T look) where T : ITryOnRequest;
                    Task<string> @BadAsync(Suit look, ref int count);
                    string Name { get; }
                }
            }

            [TryOnApi]
            public interface IGeneric<T> { Task<TryOnOperation<Suit>> SubmitAsync(Suit look, CancellationToken cancellationToken = default); }
            """);
        // Nothing newer than C# 7.3 in the syntax: compiled as C# 8, only the generator's own need for C# 9 stops it.
        yield return ("Classic.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using Aidge.Declarative;

            namespace Shop.Classic
            {
                [TryOnRequest(ViewType = ViewType.Mixed)]
                public partial class Top
                {
                    [Garment(GarmentType.Tops)]
                    public string Url { get; set; } = "https://shop.example/tee.jpg";
                }

                [TryOnApi]
                public interface IShop
                {
                    Task<TryOnOperation<Top>> SubmitAsync(Top look, CancellationToken cancellationToken = default);
                }
            }
            """);
        yield return ("Shapes.cs", """
            using System;
            using System.Collections.Generic;
            using Aidge.Declarative;

            namespace Shop.Looks;

            public static partial class Catalog<TKey> where TKey : notnull
            {
                [TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 9)]
                [TryOnModel(Base = "General", Name = "James", Gender = ModelGender.Male)]
                public partial record Suit([Garment(GarmentType.Tops)] string Top, [Garment(GarmentType.Tops)] Uri Bottom, [GenerateCount] int? Count = 12)
                {
                    [ModelImage] public IReadOnlyList<string>? Photos { get; init; }

                    public static Suit Make() => new Suit("/top.jpg", new Uri("ftp://b"), 0) { Photos = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] } with { Count = -1 };
                }
            }

            [TryOnRequest]
            public record struct Global([Garment] string G, [ModelImage] string[] P);
            """);
    }

    [Fact]
    public async Task Every_prefix_cut_at_a_token_boundary_is_handled()
    {
        int inputs = 0;
        foreach ((string name, string text) in Corpus())
        {
            SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().ToArray();
            foreach (SyntaxToken token in tokens)
            {
                await CheckAsync(name + " up to " + token.Span.End, text.Substring(0, token.Span.End), applyFixes: inputs % 10 == 0);
                inputs++;
            }
        }

        output.WriteLine("prefixes tried: " + inputs);
        Assert.True(inputs > 1_000, "Only " + inputs + " prefixes.");
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp8)]
    [InlineData(LanguageVersion.Latest)]
    public async Task Every_source_of_the_corpus_as_written_skips_nothing_in_silence(LanguageVersion version)
    {
        foreach ((string name, string text) in Corpus())
        {
            await CheckAsync(name + " (" + version.ToDisplayString() + ")", text, applyFixes: false, version);
        }
    }

    [Fact]
    public async Task Seeded_random_mutations_are_handled()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AIDGE_FUZZ_MUTATIONS"), out int configured) ? configured : 10_000;
        var random = new Random(Seed);
        (string Name, string Text)[] corpus = Corpus().ToArray();
        for (int i = 0; i < count; i++)
        {
            (string name, string text) = corpus[random.Next(corpus.Length)];
            string mutated = Mutations.Apply(text, random, steps: 1 + random.Next(3));
            // One in ten is compiled as C# 8, below what the generator needs: then nothing is emitted, and that must be reported too.
            LanguageVersion version = i % 10 == 9 ? LanguageVersion.CSharp8 : LanguageVersion.Latest;
            await CheckAsync($"{name}, mutation {i} of seed {Seed} ({version.ToDisplayString()})", mutated, applyFixes: i % 25 == 0, version);
        }

        output.WriteLine("mutations tried: " + count + " (seed " + Seed + ")");
    }

    private static async Task CheckAsync(string what, string source, bool applyFixes, LanguageVersion version = LanguageVersion.Latest)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(version), "Input.cs");
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Typing", new[] { tree }, s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // The generator: no exception, no diagnostic of its own, and output that compiles.
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new TryOnRequestGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.True(run.Exception is null, what + ": the generator threw " + run.Exception + "\n" + source);
        Assert.True(generatorDiagnostics.IsEmpty, what + ": " + string.Join("\n", generatorDiagnostics));
        Diagnostic[] brokenOutput = generated.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && t != tree && !CausedByInput(d, compilation))
            .ToArray();
        Assert.True(brokenOutput.Length == 0, what + ": the generated code does not compile:\n" + string.Join("\n", brokenOutput) + "\n" + source);

        // The analyzers: no exception.
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TryOnRequestAnalyzer(), new TryOnApiAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.Count == 0, what + ": the analyzer threw " + string.Join("\n", exceptions) + "\n" + source);

        // Nothing is skipped in silence: a marked type the generator emitted nothing for has an error on it, the compiler's or ours.
        AssertNoSilentSkip(what, source, tree, compilation, generated, diagnostics);

        // The code fixes, where a diagnostic of ours appears: registering and computing each fix never throws.
        if (applyFixes && diagnostics.Any(d => d.Id.StartsWith("AIDGE", StringComparison.Ordinal)))
        {
            await ApplyFixesAsync(what, source, diagnostics);
        }
    }

    /// <summary>
    /// The invariant: every type marked <c>[TryOnRequest]</c> or <c>[TryOnApi]</c> that the generator emitted nothing for carries an
    /// error, the compiler's or an analyzer's, within its declaration or one it is nested in. A skip nobody reports is a request that
    /// compiles but is not sent, or a client that fails at run time.
    /// </summary>
    internal static void AssertNoSilentSkip(string what, string source, SyntaxTree tree, Compilation input, Compilation generated, ImmutableArray<Diagnostic> analyzerDiagnostics)
    {
        SemanticModel model = input.GetSemanticModel(tree);
        // The compiler's errors with the generated code in (without it, every use of a request type as ITryOnRequest fails), but not one
        // that only says a type is no ITryOnRequest: that is the symptom of a silent skip, in a name the user never wrote, not its report.
        Diagnostic[] errors = generated.GetDiagnostics().Where(d => !d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("ITryOnRequest", StringComparison.Ordinal))
            .Concat(analyzerDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == tree)
            .ToArray();
        INamedTypeSymbol[] implementations = generated.SyntaxTrees.Where(t => t != tree)
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>().Select(c => generated.GetSemanticModel(t).GetDeclaredSymbol(c)))
            .OfType<INamedTypeSymbol>()
            .ToArray();
        foreach (Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>())
        {
            if (model.GetDeclaredSymbol(declaration) is not INamedTypeSymbol type)
            {
                continue;
            }

            string? mark = type.GetAttributes().Select(a => a.AttributeClass?.ToDisplayString()).FirstOrDefault(name => name is "Aidge.Declarative.TryOnRequestAttribute" or "Aidge.Declarative.TryOnApiAttribute");
            if (mark is null || !declaration.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => model.GetSymbolInfo(attribute).Symbol?.ContainingType?.ToDisplayString() == mark))
            {
                continue;
            }

            bool emitted = mark == "Aidge.Declarative.TryOnRequestAttribute"
                ? generated.GetTypeByMetadataName(Metadata(type)) is { } same && same.DeclaringSyntaxReferences.Any(part => part.SyntaxTree != tree)
                : implementations.Any(implementation => implementation.Interfaces.Any(i => i.ToDisplayString() == type.ToDisplayString()));
            if (emitted)
            {
                continue;
            }

            // Its own declaration and those it is nested in, and the names of the namespaces it is declared in.
            var owners = new List<TextSpan> { declaration.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>().Last().FullSpan };
            owners.AddRange(declaration.Ancestors().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax>().Select(space => TextSpan.FromBounds(space.SpanStart, space.Name.FullSpan.End + 1)));
            Assert.True(
                errors.Any(error => owners.Any(owner => error.Location.SourceSpan.Start >= owner.Start && error.Location.SourceSpan.Start <= owner.End)),
                what + ": " + type.ToDisplayString() + " (" + mark + ") was skipped by the generator, but no error was reported on it:\n" +
                string.Join("\n", input.GetDiagnostics().Concat(analyzerDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning)) + "\n" + source);
        }
    }

    private static string Metadata(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? Metadata(outer) + "+" + type.MetadataName
        : type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;

    // An error in generated code can be the input's own: the user's type is broken in a way that shows there too.
    private static bool CausedByInput(Diagnostic diagnostic, CSharpCompilation input) => false;

    private static async Task ApplyFixesAsync(string what, string source, ImmutableArray<Diagnostic> diagnostics)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject("Typing", LanguageNames.CSharp)
            .WithMetadataReferences(s_references)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Document document = project.AddDocument("Input.cs", SourceText.From(source));
        foreach (Diagnostic diagnostic in diagnostics)
        {
            foreach (CodeFixProvider fix in s_fixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                try
                {
                    await fix.RegisterCodeFixesAsync(context);
                    foreach (CodeAction action in actions)
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                    }
                }
                catch (Exception exception)
                {
                    Assert.Fail(what + ": " + fix.GetType().Name + " threw on " + diagnostic + ":\n" + exception + "\n" + source);
                }
            }
        }
    }
}
