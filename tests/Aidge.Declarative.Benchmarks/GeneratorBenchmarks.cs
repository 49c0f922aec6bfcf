extern alias Generators;

using System.Linq;
using Basic.Reference.Assemblies;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TryOnRequestGenerator = Generators::Aidge.Declarative.Generators.TryOnRequestGenerator;

namespace Aidge.Declarative.Benchmarks;

/// <summary>The generator over a compilation of 1,000 annotated records: a full run, and an incremental run after an unrelated edit.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const string Unrelated = "namespace Shop; public static class Prices { public static decimal Of(string sku) => PRICEm; }";

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _driver = null!;
    private SyntaxTree _unrelated = null!;
    private int _edits;

    [GlobalSetup]
    public void Setup()
    {
        _unrelated = CSharpSyntaxTree.ParseText(Unrelated.Replace("PRICE", "0"));
        _compilation = CSharpCompilation.Create(
            "Corpus",
            new[] { CSharpSyntaxTree.ParseText(Corpus.Records(1000)), _unrelated },
            Net80.References.All.Cast<MetadataReference>().Append(MetadataReference.CreateFromFile(typeof(ITryOnRequest).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _driver = NewDriver().RunGenerators(_compilation);
    }

    // A fresh compilation each time, as after any edit, so that both runs bind symbols from cold.
    [Benchmark(Baseline = true, Description = "Full run, 1,000 records, new compilation")]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_compilation.Clone());

    [Benchmark(Description = "Incremental run after an unrelated edit, new compilation")]
    public GeneratorDriver IncrementalRun()
    {
        SyntaxTree edited = _unrelated.WithChangedText(SourceText.From(Unrelated.Replace("PRICE", (++_edits).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        _compilation = _compilation.ReplaceSyntaxTree(_unrelated, edited);
        _unrelated = edited;
        _driver = _driver.RunGenerators(_compilation);
        return _driver;
    }

    private static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(new TryOnRequestGenerator());
}
