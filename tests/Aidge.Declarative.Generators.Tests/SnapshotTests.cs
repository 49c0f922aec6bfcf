using Xunit;

namespace Aidge.Declarative.Generators.Tests;

/// <summary>The generated source for representative requests, reviewed like code (see <see cref="Snapshot"/>).</summary>
public class SnapshotTests
{
    [Fact]
    public void SummerSuit() => Snapshot.Verify(GeneratorHarness.Run(Sources.SummerSuit).Result);

    [Fact]
    public void ModelImages() => Snapshot.Verify(GeneratorHarness.Run(Sources.ModelImages).Result);

    [Fact]
    public void GenerateCounts() => Snapshot.Verify(GeneratorHarness.Run(Sources.GenerateCounts).Result);

    [Fact]
    public void Lookbook()
    {
        GeneratorRun run = GeneratorHarness.Run(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, Sources.SummerSuit, Sources.Lookbook);
        run.AssertCompilesCleanly();

        // The request's own file is the SummerSuit snapshot's: only the client is verified here.
        Snapshot.VerifyOnly(run.Result, ".TryOnApi.g.cs");
    }

    [Fact]
    public void NestedAndGlobal() => Snapshot.Verify(GeneratorHarness.Run(Sources.NestedAndGlobal).Result);
}
