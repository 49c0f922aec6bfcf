using System.Threading.Tasks;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>AIDGE001: a request holds one suit: one garment, or one tops and one bottoms, each typed.</summary>
public class SuitTests
{
    private static string Look(string garments) => $$"""
        using System;
        using Aidge.Declarative;

        [TryOnRequest]
        public partial record Look({{garments}});
        """;

    [Fact]
    public async Task Two_tops_are_reported_on_the_second_garment_in_plain_words()
    {
        await Verify.AnalyzerAsync(
            Look("[Garment(GarmentType.Tops)] string First, [{|#0:Garment(GarmentType.Tops)|}] string Second"),
            Verify.Diagnostic("AIDGE001").WithLocation(0).WithArguments(
                "'First' (Tops) and 'Second' (Tops) do not make a suit: two garments must be one Tops and one Bottoms, and a dress is worn alone"));
    }

    [Theory]
    [InlineData("[Garment(GarmentType.Bottoms)] string A, [{|AIDGE001:Garment(GarmentType.Bottoms)|}] string B")]
    [InlineData("[Garment(GarmentType.Dresses)] string A, [{|AIDGE001:Garment(GarmentType.Tops)|}] string B")]
    [InlineData("[Garment(GarmentType.Tops)] string A, [{|AIDGE001:Garment(GarmentType.Dresses)|}] Uri B")]
    [InlineData("[Garment(GarmentType.Dresses)] string A, [{|AIDGE001:Garment(GarmentType.Dresses)|}] string B")]
    [InlineData("[Garment(GarmentType.Tops)] string A, [Garment(GarmentType.Bottoms)] string B, [{|AIDGE001:Garment(GarmentType.Tops)|}] string C")]
    [InlineData("[Garment(GarmentType.Tops)] string A, [{|AIDGE001:Garment|}] string B")]
    [InlineData("[{|AIDGE001:Garment|}] string A, [Garment(GarmentType.Bottoms)] string B")]
    [InlineData("[{|AIDGE001:Garment()|}] string A, [Garment] string B")]
    public async Task An_invalid_suit_is_reported_on_the_garment_to_blame(string garments)
    {
        await Verify.AnalyzerAsync(Look(garments));
    }

    [Theory]
    [InlineData("[Garment(GarmentType.Tops)] string Top")]
    [InlineData("[Garment] string Any")]
    [InlineData("[Garment(GarmentType.Dresses)] Uri Dress")]
    [InlineData("[Garment(GarmentType.Tops)] string Top, [Garment(GarmentType.Bottoms)] string Bottom")]
    [InlineData("[Garment(GarmentType.Bottoms)] Uri Bottom, [Garment(GarmentType.Tops)] Uri Top")]
    [InlineData("[Garment(type: GarmentType.Tops)] string Top, [property: Garment(GarmentType.Bottoms)] string Bottom")]
    public async Task A_valid_suit_is_not_reported(string garments)
    {
        await Verify.AnalyzerAsync(Look(garments));
    }

    [Fact]
    public async Task Garments_declared_as_properties_are_one_suit_with_the_parameters()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial class Look
            {
                [Garment(GarmentType.Tops)] public string? Top { get; set; }
                [{|AIDGE001:Garment(GarmentType.Tops)|}] public string? Shirt { get; set; }
            }
            """);
    }
}
