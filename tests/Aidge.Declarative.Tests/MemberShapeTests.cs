using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>How each kind of member is written: garments, model images, generateCount, traits, and what is left out.</summary>
public class MemberShapeTests
{
    [Fact]
    public void A_null_garment_is_left_out_of_the_suit()
    {
        var suit = new SummerSuit(null!, "https://img.example/b.jpg");

        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"https://img.example/b.jpg","type":"bottoms"}],"model":{"base":"General","name":"James"},"viewType":"mixed","generateCount":4}]""",
            suit.ToRequestParams());
    }

    [Fact]
    public void An_untyped_garment_has_no_type_and_a_uri_is_written_as_given()
    {
        // OriginalString keeps %2F and the query exactly as the user gave them.
        var request = new EveryImageShape(new Uri("https://img.example/a%2Fb.jpg?x=1&y=%3D"));

        Assert.Equal("""[{"clothesList":[{"imageUrl":"https://img.example/a%2Fb.jpg?x=1&y=%3D"}]}]""", request.ToRequestParams());
    }

    [Fact]
    public void Every_model_image_member_goes_into_one_list_in_declaration_order_without_nulls()
    {
        var request = new EveryImageShape(new Uri("https://img.example/g.jpg"))
        {
            Single = "https://img.example/1.jpg",
            SingleUri = new Uri("https://img.example/2.jpg"),
            Array = new[] { "https://img.example/3.jpg", null, "https://img.example/4.jpg" },
            List = new List<string> { "https://img.example/5.jpg" },
            Immutable = ImmutableArray.Create(new Uri("https://img.example/6.jpg")),
            ReadOnlyList = new[] { new Uri("https://img.example/7.jpg") },
            Sequence = Iterate("https://img.example/8.jpg"),
        };

        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"https://img.example/g.jpg"}],"modelImage":["https://img.example/1.jpg","https://img.example/2.jpg","https://img.example/3.jpg","https://img.example/4.jpg","https://img.example/5.jpg","https://img.example/6.jpg","https://img.example/7.jpg","https://img.example/8.jpg"]}]""",
            request.ToRequestParams());
    }

    [Fact]
    public void Model_images_that_are_all_null_or_empty_leave_modelImage_out()
    {
        var request = new EveryImageShape(new Uri("https://img.example/g.jpg"))
        {
            Array = new string?[] { null },
            List = new List<string>(),
            Immutable = default,
            Sequence = Iterate(),
        };

        Assert.Equal("""[{"clothesList":[{"imageUrl":"https://img.example/g.jpg"}]}]""", request.ToRequestParams());
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData(7, 7)]
    public void A_nullable_generateCount_member_falls_back_to_the_attribute(int? member, int written)
    {
        var request = new CountWithFallback("https://img.example/g.jpg", member);

        Assert.Equal($$"""[{"clothesList":[{"imageUrl":"https://img.example/g.jpg"}],"generateCount":{{written}}}]""", request.ToRequestParams());
    }

    [Fact]
    public void A_null_generateCount_member_with_no_attribute_value_is_left_out()
    {
        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"g"}]}]""",
            new CountWithoutFallback("g").ToRequestParams());
        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"g"}],"generateCount":3}]""",
            new CountWithoutFallback("g", 3).ToRequestParams());
    }

    [Fact]
    public void An_int_generateCount_member_always_wins_over_the_attribute()
    {
        // Out of range values are written as they are: validation, not the serializer, refuses them.
        Assert.Equal("""[{"clothesList":[{"imageUrl":"g"}],"generateCount":-12}]""", new RequiredCount("g", -12).ToRequestParams());
    }

    [Fact]
    public void A_struct_record_writes_every_option_and_trait_in_wire_order()
    {
        var dress = new StructDress { Dress = "https://img.example/d.jpg" };

        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"https://img.example/d.jpg","type":"dresses"}],"model":{"gender":"male","style":"universal_3","age":"youngadult","body":"curvy"},"viewType":"halfbody","inputQualityDetect":1,"generateCount":1}]""",
            dress.ToRequestParams());
    }

    [Fact]
    public void Nested_generic_and_same_named_requests_each_get_their_own_serializer()
    {
        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"b","type":"bottoms"}],"viewType":"fullbody"}]""",
            new Catalog<int>.Look("b") { Key = 4 }.ToRequestParams());
        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"t","type":"tops"}]}]""",
            new TaggedLook<string> { Top = "t", Tag = "x" }.ToRequestParams());
        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"t","type":"tops"}],"viewType":"halfbody"}]""",
            new Spring.Look("t").ToRequestParams());
        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"b","type":"bottoms"}],"viewType":"fullbody"}]""",
            new Autumn.Look("b").ToRequestParams());
    }

    [Fact]
    public void Members_named_like_keywords_are_read()
    {
        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"t","type":"tops"},{"imageUrl":"b","type":"bottoms"}]}]""",
            new KeywordMembers("t", "b").ToRequestParams());
    }

    [Fact]
    public void The_edition_comes_from_the_attribute()
    {
        Assert.Equal(TryOnEdition.Pro, ((ITryOnRequest)new EveryImageShape(new Uri("https://a.example/"))).Edition);
        Assert.Equal(TryOnEdition.Standard, ((ITryOnRequest)new SummerSuit("t", "b")).Edition);
    }

    private static IEnumerable<string> Iterate(params string[] values)
    {
        foreach (string value in values)
        {
            yield return value;
        }
    }
}
