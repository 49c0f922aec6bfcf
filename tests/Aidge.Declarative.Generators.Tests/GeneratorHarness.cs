using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Aidge.Declarative.Generators.Tests;

/// <summary>Compiles test sources against .NET 8 and the runtime library, and runs the generator over them.</summary>
internal static class GeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> s_references = Net80.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(ITryOnRequest).Assembly.Location))
        .ToImmutableArray();

    public static CSharpCompilation Compile(LanguageVersion version, params string[] sources) =>
        CSharpCompilation.Create(
            "UserProject",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(version), $"File{i}.cs")),
            s_references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999));

    public static GeneratorDriver CreateDriver(LanguageVersion version = LanguageVersion.Latest) =>
        CSharpGeneratorDriver.Create(
            new[] { new TryOnRequestGenerator().AsSourceGenerator() },
            parseOptions: new CSharpParseOptions(version),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; fails if it threw or reported anything.</summary>
    public static GeneratorRun Run(string source, LanguageVersion version = LanguageVersion.Latest) => Run(version, source);

    /// <summary>Runs the generator over several files; fails if it threw or reported anything.</summary>
    public static GeneratorRun Run(LanguageVersion version, params string[] sources)
    {
        CSharpCompilation input = Compile(version, sources);
        GeneratorDriver driver = CreateDriver(version).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.Empty(diagnostics);
        return new GeneratorRun(input, output, result);
    }
}

internal sealed record GeneratorRun(Compilation Input, Compilation Output, GeneratorDriverRunResult Result)
{
    public IReadOnlyList<GeneratedSourceResult> Sources => Result.Results.SelectMany(r => r.GeneratedSources).ToList();

    public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Fails on any warning or error in the compilation with the generated code in it.</summary>
    public void AssertCompilesCleanly()
    {
        Diagnostic[] problems = Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToArray();
        Assert.True(problems.Length == 0, "The output does not compile cleanly:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => p.ToString())));
    }
}
