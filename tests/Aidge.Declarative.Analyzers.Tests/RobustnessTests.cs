using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>The analyzer never throws on code that is being typed.</summary>
public class RobustnessTests
{
    public static TheoryData<string> HalfTyped => new()
    {
        "[TryOnRequest(",
        "[TryOnRequest(GenerateCount = ] public partial record Look([Garment] string G);",
        "[TryOnRequest(GenerateCount = \"four\")] public partial record Look([Garment] string G);",
        "[TryOnRequest(ViewType = ViewType.)] public partial record Look([Garment] string G);",
        "[TryOnRequest] public partial record",
        "[TryOnRequest] public partial record Look(",
        "[TryOnRequest] public partial record Look([Garment(",
        "[TryOnRequest] public partial record Look([Garment(GarmentType.Tops)] string A, [Garment(GarmentType.",
        "[TryOnRequest] public partial record Look([Garment(GarmentType.Tops, 3)] string A);",
        "[TryOnRequest] public partial record Look([Garment(\"tops\")] string A);",
        "[TryOnRequest] public partial record Look([Garment] string A, [ModelImage] string[] P) { static Look M() => new Look(\"x\", [",
        "[TryOnRequest] public partial record Look([Garment] string A, [GenerateCount] int? C) { static Look M() => new Look(\"x\") { C = ",
        "[TryOnRequest] public partial record Look([Garment] string A, [GenerateCount] int? C) { static Look M() => new Look(\"x\", C: ) with { C = 9 ",
        "[TryOnRequest][TryOnModel(Name = , Base = \"General\")] public partial record Look([Garment] string G);",
        "[TryOnRequest] public partial record Look<>([Garment] string G);",
        "public class C { [Garment] public void M() { } [TryOnRequest] int F; }",
        "[TryOnRequest] public partial record Look([Garment] string G) { [ModelImage] public string this[int i] => \"\"; }",
        "[TryOnRequest, TryOnRequest] public partial record Look([Garment] Look G);",
        "[TryOnRequest] public partial record Look([ModelImage] System.Collections.Generic.List<> P, [Garment] string G);",
        "[TryOnRequest] public partial record Look(params string[] P) { [Garment] public string G => P[0]; static Look M() => new Look(\"a\", \"b\"); }",
    };

    [Theory]
    [MemberData(nameof(HalfTyped))]
    public async Task Incomplete_code_never_makes_it_throw(string declaration)
    {
        var exceptions = new List<Exception>();
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Typing",
            new[] { CSharpSyntaxTree.ParseText("using Aidge.Declarative;\n" + declaration) },
            Net80.References.All.Cast<MetadataReference>().Append(MetadataReference.CreateFromFile(typeof(ITryOnRequest).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);

        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TryOnRequestAnalyzer()), options)
            .GetAllDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
