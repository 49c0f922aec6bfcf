using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Analyzers;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>
/// Analyzer and code-fix tests with inline markup (<c>{|AIDGE001:...|}</c>), compiled offline against the
/// .NET 8 reference assemblies and the runtime library: nothing is downloaded.
/// </summary>
internal static class Verify
{
    // No reference assembly package: the references are added from Basic.Reference.Assemblies instead.
    private static readonly ReferenceAssemblies s_offline = new("net8.0");

    private static readonly ImmutableArray<MetadataReference> s_references = ImmutableArray.CreateRange<MetadataReference>(Net80.References.All)
        .Add(MetadataReference.CreateFromFile(typeof(ITryOnRequest).Assembly.Location));

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, LanguageVersion.Latest, expected);

    public static async Task AnalyzerAsync(string source, LanguageVersion version, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest(version) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public static async Task CodeFixAsync<TCodeFix>(string source, string fixedSource, int? codeActionIndex = null, string? equivalenceKey = null)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TCodeFix> { TestCode = source, FixedCode = fixedSource, CodeActionIndex = codeActionIndex, CodeActionEquivalenceKey = equivalenceKey };
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Fix-all in document, project and solution scope, over two documents.</summary>
    public static async Task FixAllAsync<TCodeFix>(string[] sources, string[] fixedSources, string? equivalenceKey = null)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TCodeFix> { CodeActionEquivalenceKey = equivalenceKey };
        foreach (string source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (string fixedSource in fixedSources)
        {
            test.FixedState.Sources.Add(fixedSource);
        }

        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>The [TryOnApi] rules, checked by their own analyzer.</summary>
    public static Task ApiAnalyzerAsync(string source, params DiagnosticResult[] expected) => ApiAnalyzerAsync(source, LanguageVersion.Latest, expected);

    public static async Task ApiAnalyzerAsync(string source, LanguageVersion version, params DiagnosticResult[] expected)
    {
        var test = new ApiAnalyzerTest(version) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public static async Task ApiCodeFixAsync<TCodeFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new ApiCodeFixTest<TCodeFix> { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Error);

    private static void Configure<TVerifier>(AnalyzerTest<TVerifier> test, LanguageVersion version)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = s_offline;
        test.TestState.AdditionalReferences.AddRange(s_references);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            Project project = solution.GetProject(projectId)!;
            var parseOptions = (CSharpParseOptions)project.ParseOptions!;
            var compilationOptions = (CSharpCompilationOptions)project.CompilationOptions!;
            return solution
                .WithProjectParseOptions(projectId, parseOptions.WithLanguageVersion(version))
                .WithProjectCompilationOptions(projectId, compilationOptions.WithNullableContextOptions(NullableContextOptions.Enable));
        });
    }

    private sealed class AnalyzerTest : CSharpAnalyzerTest<TryOnRequestAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest(LanguageVersion version) => Configure(this, version);
    }

    private sealed class CodeFixTest<TCodeFix> : CSharpCodeFixTest<TryOnRequestAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        public CodeFixTest() => Configure(this, LanguageVersion.Latest);
    }

    private sealed class ApiAnalyzerTest : CSharpAnalyzerTest<TryOnApiAnalyzer, DefaultVerifier>
    {
        public ApiAnalyzerTest(LanguageVersion version) => Configure(this, version);
    }

    private sealed class ApiCodeFixTest<TCodeFix> : CSharpCodeFixTest<TryOnApiAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        public ApiCodeFixTest() => Configure(this, LanguageVersion.Latest);
    }
}
