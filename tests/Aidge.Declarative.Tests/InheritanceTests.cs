using System;
using Aidge.Declarative.Tests.Inheritance;
using Xunit;

namespace Aidge.Declarative.Tests
{
    /// <summary>Annotated members of base types are written, base first, and checked with the whole suit.</summary>
    public class InheritanceTests
    {
        [Fact]
        public void A_base_records_garment_is_written_before_the_derived_ones()
        {
            var suit = new DerivedSuit("https://x.example/top.jpg", "https://x.example/bottom.jpg");

            Assert.Equal(
                """[{"clothesList":[{"imageUrl":"https://x.example/top.jpg","type":"tops"},{"imageUrl":"https://x.example/bottom.jpg","type":"bottoms"}]}]""",
                suit.ToRequestParams());
            Assert.Empty(suit.Validate());
        }

        [Fact]
        public void A_base_classes_garment_is_written_and_the_suit_rule_sees_it()
        {
            var suit = new ClassSuit { Top = "https://x.example/top.jpg", Bottom = "https://x.example/bottom.jpg" };
            var twoTops = new ClassSuit { Top = "https://x.example/top.jpg", Bottom = null, Jacket = "https://x.example/jacket.jpg" };

            Assert.Equal(
                """[{"clothesList":[{"imageUrl":"https://x.example/top.jpg","type":"tops"},{"imageUrl":"https://x.example/bottom.jpg","type":"bottoms"}]}]""",
                suit.ToRequestParams());
            TryOnProblem problem = Assert.Single(twoTops.Validate());
            Assert.Equal("AIDGE001", problem.RuleId);
        }

        [Fact]
        public void An_overridden_member_is_written_once_in_the_base_place_with_the_derived_type_and_value()
        {
            var look = new OverridingSuit("https://x.example/override.jpg") { Second = "https://x.example/second.jpg" };

            Assert.Equal(
                """[{"clothesList":[{"imageUrl":"https://x.example/override.jpg","type":"bottoms"},{"imageUrl":"https://x.example/second.jpg","type":"tops"}]}]""",
                look.ToRequestParams());
        }
    }
}

namespace Aidge.Declarative.Tests.Inheritance
{
    public abstract record BaseLook([property: Garment(GarmentType.Tops)] string Top);

    [TryOnRequest]
    public partial record DerivedSuit(string Top, [Garment(GarmentType.Bottoms)] string Bottom) : BaseLook(Top);

    public class BaseGarments
    {
        [Garment(GarmentType.Tops)] public string? Top { get; init; }
    }

    [TryOnRequest]
    public partial class ClassSuit : BaseGarments
    {
        [Garment(GarmentType.Bottoms)] public string? Bottom { get; init; }

        [Garment(GarmentType.Tops)] public string? Jacket { get; init; }
    }

    public abstract class VirtualGarments
    {
        [Garment(GarmentType.Tops)] public virtual string? First { get; init; }

        [Garment(GarmentType.Tops)] public string? Second { get; init; }
    }

    [TryOnRequest]
    public partial class OverridingSuit : VirtualGarments
    {
        public OverridingSuit(string first) => First = first;

        [Garment(GarmentType.Bottoms)] public override string? First { get; init; }
    }
}
