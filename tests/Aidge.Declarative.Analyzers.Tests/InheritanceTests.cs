using System.Threading.Tasks;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>Members of base types are part of the request: the suit rules see the whole suit, and a base member that cannot be read is an error.</summary>
public class InheritanceTests
{
    [Fact]
    public async Task A_base_records_top_and_a_derived_top_are_not_a_suit()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            public abstract record BaseLook([property: Garment(GarmentType.Tops)] string Top);

            [TryOnRequest]
            public partial record TwoTops(string Top, [{|AIDGE001:Garment(GarmentType.Tops)|}] string Jacket) : BaseLook(Top);
            """);
    }

    [Fact]
    public async Task A_base_records_top_and_a_derived_bottom_make_a_valid_suit()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            public abstract record BaseLook([property: Garment(GarmentType.Tops)] string Top);

            [TryOnRequest]
            public partial record DerivedSuit(string Top, [Garment(GarmentType.Bottoms)] string Bottom) : BaseLook(Top)
            {
                public static DerivedSuit Make() => new({|AIDGE007:"ftp://x/top.jpg"|}, "https://x.example/bottom.jpg");
            }
            """);
    }

    [Fact]
    public async Task A_base_classes_garment_is_counted_and_an_inherited_member_set_in_an_initializer_is_checked()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            public class BaseLook
            {
                [Garment(GarmentType.Tops)] public string? Top { get; init; }
            }

            [TryOnRequest]
            public partial class Suit : BaseLook
            {
                [Garment(GarmentType.Bottoms)] public string? Bottom { get; init; }

                public static Suit Make() => new() { Top = {|AIDGE007:"/relative/top.jpg"|}, Bottom = "https://x.example/b.jpg" };
            }
            """);
    }

    [Fact]
    public async Task A_private_base_member_is_an_error_on_its_attribute()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            public class BaseLook
            {
                [{|#0:Garment(GarmentType.Tops)|}] private string? Top { get; init; }
            }

            [TryOnRequest]
            public partial class Suit : BaseLook
            {
                [Garment(GarmentType.Bottoms)] public string? Bottom { get; init; }
            }
            """,
            Verify.Diagnostic("AIDGE010").WithLocation(0).WithArguments("Top", "is private in 'BaseLook'"));
    }

    [Fact]
    public async Task An_override_that_changes_the_garment_type_takes_the_base_members_place()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            public abstract class BaseLook
            {
                [Garment(GarmentType.Tops)] public virtual string? First { get; init; }

                [Garment(GarmentType.Tops)] public string? Second { get; init; }
            }

            [TryOnRequest]
            public partial class Suit : BaseLook
            {
                [Garment(GarmentType.Bottoms)] public override string? First { get; init; }
            }
            """);
    }

    [Fact]
    public async Task A_member_hiding_an_annotated_base_member_leaves_it_unreadable()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            public class BaseLook
            {
                [{|#0:Garment(GarmentType.Tops)|}] public string? Top { get; init; }
            }

            [TryOnRequest]
            public partial class Look : BaseLook
            {
                public new int Top { get; init; }

                [Garment(GarmentType.Bottoms)] public string? Bottom { get; init; }
            }
            """,
            Verify.Diagnostic("AIDGE010").WithLocation(0).WithArguments("Top", "is declared in 'BaseLook' and hidden by 'Look.Top', which the serializer would read instead"));
    }
}
