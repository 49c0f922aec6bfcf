using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using System.Threading.Tasks;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>AIDGE002: generateCount 1 to 8, in the attribute and in every constant that flows into a [GenerateCount] member.</summary>
public class GenerateCountTests
{
    [Theory]
    [InlineData("{|AIDGE002:0|}")]
    [InlineData("{|AIDGE002:9|}")]
    [InlineData("{|AIDGE002:-1|}")]
    [InlineData("{|AIDGE002:4 + 5|}")]
    [InlineData("{|AIDGE002:int.MaxValue|}")]
    public async Task The_attribute_value_is_reported_on_the_value(string value)
    {
        await Verify.AnalyzerAsync($$"""
            using Aidge.Declarative;

            [TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = {{value}})]
            public partial record Look([Garment] string G);
            """);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public async Task Values_1_to_8_are_fine(int value)
    {
        await Verify.AnalyzerAsync($$"""
            using Aidge.Declarative;

            [TryOnRequest(GenerateCount = {{value}})]
            public partial record Look([Garment] string G, [GenerateCount] int? Count = {{value}})
            {
                public static Look Make() => new Look("https://a.example/g.jpg", {{value}}) with { Count = {{value}} };
            }
            """);
    }

    [Fact]
    public async Task Constants_flowing_into_the_member_are_reported_wherever_they_flow_from()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string G, [GenerateCount] int? Count = {|AIDGE002:12|})
            {
                private const int Many = 10;

                public static void Make(Look look, Box box, int fromUser)
                {
                    _ = new Look("https://a.example/g.jpg", {|AIDGE002:9|});
                    _ = new Look("https://a.example/g.jpg") { Count = {|AIDGE002:0|} };
                    _ = look with { Count = {|AIDGE002:Many|} };
                    _ = new Look(G: "https://a.example/g.jpg", Count: {|AIDGE002:-2|});
                    box.Count = {|AIDGE002:100|};
                    _ = new Look("https://a.example/g.jpg", fromUser);
                    _ = look with { Count = null };
                }
            }

            [TryOnRequest]
            public partial class Box
            {
                [Garment] public string? G { get; set; }
                [GenerateCount] public int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task A_value_for_a_member_that_is_not_the_generateCount_is_not_reported()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string G, int Other)
            {
                public static Look Make() => new Look("https://a.example/g.jpg", 99);
            }

            public record {|#0:NotARequest|}([GenerateCount] int Count)
            {
                public static NotARequest Make() => new NotARequest(99);
            }
            """,
            new DiagnosticResult("AIDGE024", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("NotARequest", "a [GenerateCount] member ('Count')"));
    }
}
