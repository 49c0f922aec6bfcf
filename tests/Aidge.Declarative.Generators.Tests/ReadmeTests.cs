using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Aidge.Declarative.Generators.Tests;

/// <summary>
/// Every C# block of the README (and of the packages' own readme) compiles, with the generator, against the packages it shows, as a user's project with the
/// console template's implicit usings: a README that no longer compiles fails here, not in a reader's editor.
/// </summary>
public sealed class ReadmeTests
{
    private static readonly string s_root = Path.GetFullPath(typeof(ReadmeTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!);

    // What `dotnet new console` puts in scope without a using.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    // Names a block may use without declaring them: what its surroundings give it in a real program.
    private const string Ambient = "System.Threading.CancellationToken cancellationToken";

    public static TheoryData<string> Documents => new() { "README.md", "src/PACKAGE.md" };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_block_compiles_with_the_generator(string document)
    {
        string[] blocks = Blocks(File.ReadAllText(Path.Combine(s_root, document))).ToArray();
        Assert.True(blocks.Length >= (document == "README.md" ? 5 : 1), document + " has only " + blocks.Length + " C# blocks: are they still marked ```csharp?");

        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(ImplicitUsings, Options, "ImplicitUsings.cs") };
        for (int i = 0; i < blocks.Length; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(AsFile(blocks[i], i), Options, document + ".block" + (i + 1) + ".cs"));
        }

        CSharpCompilation compilation = CSharpCompilation.Create(
            "Readme", trees, References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new[] { new TryOnRequestGenerator().AsSourceGenerator() }, parseOptions: Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        Diagnostic[] errors = generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, document + "'s code does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    [Fact]
    public void A_block_that_does_not_compile_is_found()
    {
        string broken = "Intro.\n\n```csharp\nusing Aidge.Declarative;\n\nTryOnSerializer.WriteRequestParams(null!, null!);\n```\n";

        CSharpCompilation compilation = CSharpCompilation.Create(
            "Readme",
            new[] { CSharpSyntaxTree.ParseText(ImplicitUsings, Options), CSharpSyntaxTree.ParseText(AsFile(Blocks(broken).Single(), 0), Options) },
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        // The block forgot 'using Aidge.Declarative.Serialization', as the README's once did.
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS0103" && d.GetMessage().Contains("TryOnSerializer", StringComparison.Ordinal));
    }

    [Fact]
    public void The_contract_in_docs_is_the_teams()
    {
        string team = Path.Combine(s_root, "..", "shared", "aidge-api.md");
        if (!File.Exists(team))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "CI runs with ../shared beside the clone, but " + team + " is missing.");
            return;
        }

        string ours = Regex.Replace(File.ReadAllText(Path.Combine(s_root, "docs", "aidge-api.md")), @"\n\n> The team's contract[^\n]*\n> [^\n]*\n", "\n", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.Equal(File.ReadAllText(team).ReplaceLineEndings("\n"), ours.ReplaceLineEndings("\n"));
    }

    private static CSharpParseOptions Options => new(LanguageVersion.Latest);

    private static IEnumerable<string> Blocks(string markdown)
    {
        foreach (Match block in Regex.Matches(markdown.ReplaceLineEndings("\n"), @"^```csharp\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline, TimeSpan.FromSeconds(1)))
        {
            yield return block.Groups[1].Value;
        }
    }

    /// <summary>
    /// A block as a file of its own: its usings and declarations as they are, its statements in a method of their own (so that
    /// two blocks' variables never meet), given <see cref="Ambient"/>.
    /// </summary>
    private static string AsFile(string block, int index)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(block, Options).GetRoot();
        GlobalStatementSyntax[] statements = root.Members.OfType<GlobalStatementSyntax>().ToArray();
        IEnumerable<MemberDeclarationSyntax> declarations = root.Members.Where(member => member is not GlobalStatementSyntax);
        string usings = string.Concat(root.Usings.Select(u => u.ToFullString()));
        string members = string.Concat(declarations.Select(d => d.ToFullString()));
        return statements.Length == 0
            ? usings + members
            : usings + "internal static class ReadmeBlock" + index + "\n{\n    internal static async Task RunAsync(" + Ambient + ")\n    {\n" +
              string.Concat(statements.Select(s => s.ToFullString())) + "\n        await Task.CompletedTask;\n    }\n}\n" + members;
    }

    // The runtime the tests run on, ASP.NET Core's shared framework included, and the packages' own assemblies: what a user's
    // project of the console (or web) template compiles against.
    private static ImmutableArray<MetadataReference> References()
    {
        var paths = new HashSet<string>(((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator), StringComparer.Ordinal)
        {
            typeof(ITryOnRequest).Assembly.Location,
            typeof(Catalogue.TryOnCatalogueRun<>).Assembly.Location,
            typeof(Testing.FakeAidgeServer).Assembly.Location,
        };
        return paths.Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(path).StartsWith("Aidge.Declarative.Generators", StringComparison.Ordinal) &&
                !Path.GetFileName(path).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !Path.GetFileName(path).StartsWith("xunit", StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

}
