using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Aidge.Declarative.Generators.Tests;

/// <summary>The generated code compiles with no warning, under C# 9 and the latest version, with nullable on.</summary>
public class CompilationTests
{
    public static TheoryData<string, LanguageVersion> Cases => new()
    {
        { nameof(Sources.SummerSuit), LanguageVersion.Latest },
        { nameof(Sources.ModelImages), LanguageVersion.Latest },
        { nameof(Sources.GenerateCounts), LanguageVersion.Latest },
        { nameof(Sources.NestedAndGlobal), LanguageVersion.Latest },
        { nameof(Sources.NestedAndGlobal), LanguageVersion.CSharp10 },
        { nameof(Sources.CSharp9), LanguageVersion.CSharp9 },
        { nameof(Sources.CSharp9), LanguageVersion.Latest },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_code_compiles_without_warnings(string source, LanguageVersion version)
    {
        string text = (string)typeof(Sources).GetField(source)!.GetValue(null)!;

        GeneratorRun run = GeneratorHarness.Run(text, version);

        Assert.NotEmpty(run.Sources);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Two_records_of_one_name_in_two_namespaces_get_two_files()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using Aidge.Declarative;
            namespace Spring { [TryOnRequest] public partial record Look([Garment] string G); }
            namespace Autumn { [TryOnRequest] public partial record Look([Garment] string G); }
            namespace Autumn.Nested { public partial class Look { [TryOnRequest] public partial record Inner([Garment] string G); } }
            """);

        Assert.Equal(
            new[] { "Autumn.Look.g.cs", "Autumn.Nested.Look+Inner.g.cs", "Spring.Look.g.cs" },
            run.Sources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void A_nested_interface_and_a_top_level_one_of_its_flattened_name_get_two_implementations()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using System.Threading;
            using System.Threading.Tasks;
            using Aidge.Declarative;
            namespace Shop
            {
                [TryOnRequest] public partial record Look([Garment] string G);
                public partial class Outer { [TryOnApi] public interface ILookbook { Task<TryOnOperation<Look>> SubmitAsync(Look look, CancellationToken cancellationToken = default); } }
                [TryOnApi] public interface Outer_ILookbook { Task<TryOnOperation<Look>> SubmitAsync(Look look, CancellationToken cancellationToken = default); }
            }
            """);

        string[] implementations = run.Output.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            .Select(declaration => declaration.Identifier.ValueText)
            .Where(name => name.StartsWith("__TryOnApi_", System.StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(2, implementations.Distinct().Count());
        Assert.All(implementations, name => Assert.Matches("^__TryOnApi_Outer_ILookbook_[0-9a-f]{8}$", name));
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Generic_types_of_different_arity_get_different_files()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using Aidge.Declarative;
            namespace Shop
            {
                [TryOnRequest] public partial record Look([Garment] string G);
                [TryOnRequest] public partial record Look<T>([Garment] string G);
                [TryOnRequest] public partial record Look<T, U>([Garment] string G);
            }
            """);

        Assert.Equal(
            new[] { "Shop.Look.g.cs", "Shop.Look`1.g.cs", "Shop.Look`2.g.cs" },
            run.Sources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
        run.AssertCompilesCleanly();
    }

    // A request type deriving from another has the base's public members by inheritance: its own generated ones hide
    // them, and say so (CS0108 otherwise, an error under warnings-as-errors). A hand-written base with members of those
    // names but other parameters is not hidden, and gets no 'new' (CS0109 otherwise).
    [Theory]
    [InlineData(LanguageVersion.Latest)]
    [InlineData(LanguageVersion.CSharp9)]
    public void A_request_type_deriving_from_another_hides_its_members_and_says_so(LanguageVersion version)
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using Aidge.Declarative;
            namespace Shop
            {
                [TryOnRequest] public partial record Look([Garment(GarmentType.Tops)] string Top);
                [TryOnRequest(GenerateCount = 2)] public partial record BiggerLook(string Top, [Garment(GarmentType.Bottoms)] string Bottom) : Look(Top);
                [TryOnRequest] public partial class Deeper : BiggerLookClass { }
                [TryOnRequest] public partial class BiggerLookClass { [Garment] public string? Shirt { get; set; } }

                public class Unrelated
                {
                    public int Validate(int strictness) => strictness;
                    public void ToRequestParams(string format) { }
                    public void WriteRequestParams(System.Buffers.IBufferWriter<char> destination) { }
                }

                [TryOnRequest] public partial class OnUnrelated : Unrelated { [Garment] public string? Shirt { get; set; } }
            }
            """, version);

        Assert.Equal(5, run.Sources.Count);
        run.AssertCompilesCleanly();
        string bigger = run.Source("Shop.BiggerLook.g.cs");
        Assert.Contains("public new void WriteRequestParams(", bigger);
        Assert.Contains("public new string ToRequestParams()", bigger);
        Assert.Contains("public new global::System.Collections.Generic.IReadOnlyList<global::Aidge.Declarative.TryOnProblem> Validate()", bigger);
        Assert.Contains("public new void WriteRequestParams(", run.Source("Shop.Deeper.g.cs"));
        Assert.DoesNotContain("public new", run.Source("Shop.Look.g.cs"));
        Assert.DoesNotContain("public new", run.Source("Shop.OnUnrelated.g.cs"));
    }

    [Fact]
    public void The_output_is_deterministic()
    {
        string first = string.Join("\n", GeneratorHarness.Run(Sources.ModelImages).Sources.Select(s => s.SourceText.ToString()));
        string second = string.Join("\n", GeneratorHarness.Run(Sources.ModelImages).Sources.Select(s => s.SourceText.ToString()));

        Assert.Equal(first, second);
    }
}
