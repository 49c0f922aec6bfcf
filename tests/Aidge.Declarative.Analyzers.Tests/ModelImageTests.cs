using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>AIDGE003: at most 8 model images, counted where the count is known at compile time.</summary>
public class ModelImageTests
{
    private static string Urls(int count, int markAt = -1, string marker = "AIDGE003") =>
        string.Join(", ", Enumerable.Range(1, count).Select(i => i == markAt ? $"{{|{marker}:\"https://a.example/{i}.jpg\"|}}" : $"\"https://a.example/{i}.jpg\""));

    [Fact]
    public async Task Nine_single_members_are_reported_on_the_ninth()
    {
        string members = string.Join("\n", Enumerable.Range(1, 9).Select(i =>
            i == 9 ? $"    [{{|AIDGE003:ModelImage|}}] public string? P{i} {{ get; init; }}" : $"    [ModelImage] public string? P{i} {{ get; init; }}"));
        await Verify.AnalyzerAsync($$"""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string G)
            {
            {{members}}
            }
            """);
    }

    [Fact]
    public async Task The_ninth_image_of_an_array_or_collection_expression_is_reported_and_eight_are_fine()
    {
        await Verify.AnalyzerAsync($$"""
            using System.Collections.Generic;
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string G, [ModelImage] string[] Photos)
            {
                [ModelImage] public IReadOnlyList<string>? More { get; init; }
                [ModelImage] public List<string>? Listed { get; init; }

                public static void Make(string[] fromUser)
                {
                    _ = new Look("https://a.example/g.jpg", new[] { {{Urls(9, markAt: 9)}} });
                    _ = new Look("https://a.example/g.jpg", new string[] { {{Urls(8)}} });
                    _ = new Look("https://a.example/g.jpg", [{{Urls(10, markAt: 9)}}]);
                    _ = new Look("https://a.example/g.jpg", [{{Urls(5)}}]) { More = [{{Urls(3)}}] };
                    _ = new Look("https://a.example/g.jpg", [{{Urls(5)}}]) { More = [{{Urls(4, markAt: 4)}}] };
                    _ = new Look("https://a.example/g.jpg", [{{Urls(8)}}]) { Listed = new List<string> { {|AIDGE003:"https://a.example/x.jpg"|} } };
                    _ = new Look("https://a.example/g.jpg", fromUser) { More = [{{Urls(8)}}] };
                    _ = new Look("https://a.example/g.jpg", [{{Urls(8)}}, null!, null!]);
                }
            }
            """);
    }

    [Fact]
    public async Task Single_members_count_with_collections_in_writing_order()
    {
        await Verify.AnalyzerAsync($$"""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string G, [ModelImage] string? Front, [ModelImage] string[] Others)
            {
                public static void Make()
                {
                    _ = new Look("https://a.example/g.jpg", "https://a.example/front.jpg", [{{Urls(8, markAt: 8)}}]);
                    _ = new Look("https://a.example/g.jpg", null, [{{Urls(8)}}]);
                }
            }
            """);
    }

    [Fact]
    public async Task A_spread_makes_the_count_a_lower_bound()
    {
        await Verify.AnalyzerAsync($$"""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string G, [ModelImage] string[] Photos)
            {
                public static void Make(string[] more)
                {
                    _ = new Look("https://a.example/g.jpg", [.. more, {{Urls(9, markAt: 9, marker: "#0")}}]);
                }
            }
            """,
            Verify.Diagnostic("AIDGE003").WithLocation(0).WithArguments("The request holds at least 9 model images, but the service takes at most 8: keep the first 8"));
    }
}
