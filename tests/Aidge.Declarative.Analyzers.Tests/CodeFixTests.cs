using System.Threading.Tasks;
using Aidge.Declarative.CodeFixes;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>
/// The code fixes. CodeFix.Testing also applies each fix through Fix All in document, project and
/// solution scope and checks it reaches the same result.
/// </summary>
public class CodeFixTests
{
    [Fact]
    public async Task Make_partial_adds_the_modifier_last_and_keeps_the_layout()
    {
        await Verify.CodeFixAsync<MakePartialCodeFix>(
            """
            using Aidge.Declarative;

            public class {|AIDGE004:Shop|}
            {
                /// <summary>A look.</summary>
                [TryOnRequest]
                public sealed record {|AIDGE004:Look|}([Garment] string G);

                [TryOnRequest]
                record {|AIDGE004:Bare|}([Garment] string G);
            }
            """,
            """
            using Aidge.Declarative;

            public partial class Shop
            {
                /// <summary>A look.</summary>
                [TryOnRequest]
                public sealed partial record Look([Garment] string G);

                [TryOnRequest]
                partial record Bare([Garment] string G);
            }
            """);
    }

    [Fact]
    public async Task A_second_top_becomes_bottoms()
    {
        await Verify.CodeFixAsync<FixSuitCodeFix>(
            """
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment(GarmentType.Tops)] string Shirt, [{|AIDGE001:Garment(GarmentType.Tops)|}] string Jacket);
            """,
            """
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment(GarmentType.Tops)] string Shirt, [Garment(GarmentType.Bottoms)] string Jacket);
            """,
            equivalenceKey: "FixSuitCodeFix.ChangeType");
    }

    [Fact]
    public async Task An_untyped_garment_beside_a_bottom_becomes_tops_even_without_a_using()
    {
        await Verify.CodeFixAsync<FixSuitCodeFix>(
            """
            [Aidge.Declarative.TryOnRequest]
            public partial record Look([{|AIDGE001:Aidge.Declarative.Garment|}] string Any, [Aidge.Declarative.Garment(Aidge.Declarative.GarmentType.Bottoms)] string Trousers);
            """,
            """
            [Aidge.Declarative.TryOnRequest]
            public partial record Look([Aidge.Declarative.Garment(Aidge.Declarative.GarmentType.Tops)] string Any, [Aidge.Declarative.Garment(Aidge.Declarative.GarmentType.Bottoms)] string Trousers);
            """,
            equivalenceKey: "FixSuitCodeFix.ChangeType");
    }

    [Fact]
    public async Task The_garment_worn_with_a_dress_can_be_removed()
    {
        await Verify.CodeFixAsync<FixSuitCodeFix>(
            """
            using System;
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment(GarmentType.Dresses)] string Dress)
            {
                [{|AIDGE001:Garment(GarmentType.Tops)|}]
                public string? Cardigan { get; init; }
            }

            [TryOnRequest]
            public partial record Other([Garment(GarmentType.Dresses)] string Dress)
            {
                [Obsolete, {|AIDGE001:Garment(GarmentType.Tops)|}]
                public string? Scarf { get; init; }
            }
            """,
            """
            using System;
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment(GarmentType.Dresses)] string Dress)
            {
                public string? Cardigan { get; init; }
            }

            [TryOnRequest]
            public partial record Other([Garment(GarmentType.Dresses)] string Dress)
            {
                [Obsolete]
                public string? Scarf { get; init; }
            }
            """,
            equivalenceKey: "FixSuitCodeFix.Remove");
    }

    [Fact]
    public async Task A_third_garment_can_be_removed()
    {
        await Verify.CodeFixAsync<FixSuitCodeFix>(
            """
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment(GarmentType.Tops)] string Top, [Garment(GarmentType.Bottoms)] string Bottom, [{|AIDGE001:Garment(GarmentType.Tops)|}] string Jacket);
            """,
            """
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment(GarmentType.Tops)] string Top, [Garment(GarmentType.Bottoms)] string Bottom, string Jacket);
            """);
    }

    [Fact]
    public async Task Change_type_fixes_every_suit_in_every_document()
    {
        await Verify.FixAllAsync<FixSuitCodeFix>(
            new[]
            {
                """
                using Aidge.Declarative;
                [TryOnRequest] public partial record A([Garment(GarmentType.Tops)] string T, [{|AIDGE001:Garment(GarmentType.Tops)|}] string U);
                [TryOnRequest] public partial record B([Garment(GarmentType.Bottoms)] string T, [{|AIDGE001:Garment(GarmentType.Bottoms)|}] string U);
                """,
                """
                using Aidge.Declarative;
                [TryOnRequest] public partial record C([Garment(GarmentType.Tops)] string T, [{|AIDGE001:Garment|}] string U);
                """,
            },
            new[]
            {
                """
                using Aidge.Declarative;
                [TryOnRequest] public partial record A([Garment(GarmentType.Tops)] string T, [Garment(GarmentType.Bottoms)] string U);
                [TryOnRequest] public partial record B([Garment(GarmentType.Bottoms)] string T, [Garment(GarmentType.Tops)] string U);
                """,
                """
                using Aidge.Declarative;
                [TryOnRequest] public partial record C([Garment(GarmentType.Tops)] string T, [Garment(GarmentType.Bottoms)] string U);
                """,
            },
            equivalenceKey: "FixSuitCodeFix.ChangeType");
    }

    [Fact]
    public async Task GenerateCount_is_clamped_into_1_to_8()
    {
        await Verify.CodeFixAsync<ClampGenerateCountCodeFix>(
            """
            using Aidge.Declarative;

            [TryOnRequest(GenerateCount = {|AIDGE002:12|})]
            public partial record Look([Garment] string G, [GenerateCount] int? Count = {|AIDGE002:-3|})
            {
                public static Look Make() => new Look("https://a.example/g.jpg") { Count = {|AIDGE002:0|} } with { Count = {|AIDGE002:4 + 5|} };
            }
            """,
            """
            using Aidge.Declarative;

            [TryOnRequest(GenerateCount = 8)]
            public partial record Look([Garment] string G, [GenerateCount] int? Count = 1)
            {
                public static Look Make() => new Look("https://a.example/g.jpg") { Count = 1 } with { Count = 8 };
            }
            """);
    }

    [Fact]
    public async Task Model_images_past_eight_are_removed_from_arrays_and_collection_expressions()
    {
        await Verify.CodeFixAsync<KeepFirstModelImagesCodeFix>(
            """
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string G, [ModelImage] string[] Photos)
            {
                public static void Make()
                {
                    _ = new Look("https://a.example/g.jpg", new[] { "https://a/1", "https://a/2", "https://a/3", "https://a/4", "https://a/5", "https://a/6", "https://a/7", "https://a/8", {|AIDGE003:"https://a/9"|}, "https://a/10" });
                    _ = new Look("https://a.example/g.jpg", ["https://a/1", "https://a/2", "https://a/3", "https://a/4", "https://a/5", "https://a/6", "https://a/7", "https://a/8", {|AIDGE003:"https://a/9"|}]);
                }
            }
            """,
            """
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string G, [ModelImage] string[] Photos)
            {
                public static void Make()
                {
                    _ = new Look("https://a.example/g.jpg", new[] { "https://a/1", "https://a/2", "https://a/3", "https://a/4", "https://a/5", "https://a/6", "https://a/7", "https://a/8" });
                    _ = new Look("https://a.example/g.jpg", ["https://a/1", "https://a/2", "https://a/3", "https://a/4", "https://a/5", "https://a/6", "https://a/7", "https://a/8"]);
                }
            }
            """);
    }
}
