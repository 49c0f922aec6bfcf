using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using System.Threading.Tasks;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>
/// Every constant the analyzer can see gets the same checks wherever it stands: a parameter's default value and a
/// property's initializer as well as an attribute argument or an object creation.
/// </summary>
public class BlindSpotTests
{
    [Fact]
    public async Task A_default_parameter_value_gets_the_URL_rule()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look(
                [Garment(GarmentType.Tops)] string Top = {|#0:"ftp://x/y.jpg"|},
                [ModelImage] string? Me = {|AIDGE007:"https://user:secret@x.example/me.jpg"|},
                [property: ModelImage] string? Side = {|AIDGE007:" https://x.example/side.jpg"|});
            """,
            Verify.Diagnostic("AIDGE007").WithLocation(0).WithArguments(
                "'Top' is \"ftp://x/y.jpg\", which the service cannot download: an image URL must be an absolute http or https URL"));
    }

    [Fact]
    public async Task A_property_initializer_gets_every_value_rule()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look
            {
                [Garment] public string Top { get; init; } = {|AIDGE007:"https://x.example/a.jpg\r\n"|};

                [GenerateCount] public int Count { get; init; } = {|AIDGE002:12|};

                [ModelImage] public string[] Photos { get; init; } = new[]
                {
                    "https://x.example/1.jpg", "https://x.example/2.jpg", "https://x.example/3.jpg", "https://x.example/4.jpg",
                    "https://x.example/5.jpg", "https://x.example/6.jpg", "https://x.example/7.jpg", "https://x.example/8.jpg",
                    {|#0:"https://x.example/9.jpg"|},
                };
            }
            """,
            Verify.Diagnostic("AIDGE003").WithLocation(0).WithArguments(
                "The request holds 9 model images, but the service takes at most 8: keep the first 8"));
    }

    [Fact]
    public async Task A_collection_expression_initializer_is_counted_too()
    {
        await Verify.AnalyzerAsync("""
            using System.Collections.Generic;
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string Top)
            {
                [ModelImage] public List<string> Photos { get; init; } =
                [
                    "https://x.example/1.jpg", "https://x.example/2.jpg", "https://x.example/3.jpg", "https://x.example/4.jpg",
                    "https://x.example/5.jpg", "https://x.example/6.jpg", "https://x.example/7.jpg", "https://x.example/8.jpg",
                    {|AIDGE003:"https://x.example/9.jpg"|},
                ];
            }
            """);
    }

    [Fact]
    public async Task Defaults_of_a_type_that_is_not_a_request_are_not_checked()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            public record {|#0:Plain|}([Garment] string Top = "ftp://x/y.jpg")
            {
                [GenerateCount] public int Count { get; init; } = 99;
            }
            """,
            new DiagnosticResult("AIDGE024", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Plain", "a [Garment] member ('Top')"));
    }

    [Fact]
    public async Task A_default_generateCount_is_reported_once()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string Top, [GenerateCount] int N = {|AIDGE002:12|});
            """);
    }

    [Fact]
    public async Task Valid_defaults_and_initializers_are_not_reported()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string Top = "https://x.example/top.jpg", [GenerateCount] int N = 8)
            {
                [ModelImage] public string[] Photos { get; init; } = { "https://x.example/1.jpg" };

                [ModelImage] public string? Side { get; init; } = null;

                [ModelImage] public string Front { get; init; } = "";
            }
            """);
    }
}
