using System;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>The one file of API rules: limits, suits, spellings.</summary>
public class RulesTests
{
    [Theory]
    [InlineData(new GarmentType[0], nameof(SuitProblem.Empty), -1)]
    [InlineData(new[] { GarmentType.Tops }, nameof(SuitProblem.None), -1)]
    [InlineData(new[] { GarmentType.Dresses }, nameof(SuitProblem.None), -1)]
    [InlineData(new[] { GarmentType.Tops, GarmentType.Bottoms }, nameof(SuitProblem.None), -1)]
    [InlineData(new[] { GarmentType.Bottoms, GarmentType.Tops }, nameof(SuitProblem.None), -1)]
    [InlineData(new[] { GarmentType.Tops, GarmentType.Tops }, nameof(SuitProblem.NotTopsAndBottoms), 1)]
    [InlineData(new[] { GarmentType.Bottoms, GarmentType.Bottoms }, nameof(SuitProblem.NotTopsAndBottoms), 1)]
    [InlineData(new[] { GarmentType.Dresses, GarmentType.Bottoms }, nameof(SuitProblem.NotTopsAndBottoms), 1)]
    [InlineData(new[] { GarmentType.Tops, GarmentType.Dresses }, nameof(SuitProblem.NotTopsAndBottoms), 1)]
    [InlineData(new[] { GarmentType.Tops, GarmentType.Bottoms, GarmentType.Tops }, nameof(SuitProblem.TooManyGarments), 2)]
    public void CheckSuit_allows_one_garment_or_one_tops_with_one_bottoms(GarmentType[] types, string expected, int offender)
    {
        SuitProblem problem = Enum.Parse<SuitProblem>(expected);
        GarmentType?[] suit = Array.ConvertAll(types, t => (GarmentType?)t);

        SuitCheck check = TryOnRules.CheckSuit(suit);

        Assert.Equal(new SuitCheck(problem, offender), check);
        Assert.Equal(offender switch { -1 => -1, 0 => 1, _ => 0 }, check.OtherIndex);
    }

    [Fact]
    public void An_untyped_garment_is_fine_alone_but_not_in_a_suit()
    {
        Assert.True(TryOnRules.CheckSuit(new GarmentType?[] { null }).IsValid);
        Assert.Equal(new SuitCheck(SuitProblem.UntypedGarmentInSuit, 0), TryOnRules.CheckSuit(new GarmentType?[] { null, GarmentType.Bottoms }));
        Assert.Equal(new SuitCheck(SuitProblem.UntypedGarmentInSuit, 1), TryOnRules.CheckSuit(new GarmentType?[] { GarmentType.Tops, null }));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(8, true)]
    [InlineData(9, false)]
    [InlineData(-1, false)]
    public void GenerateCount_is_1_to_8(int count, bool valid) => Assert.Equal(valid, TryOnRules.IsValidGenerateCount(count));

    [Theory]
    [InlineData(0, true)]
    [InlineData(8, true)]
    [InlineData(9, false)]
    public void At_most_8_model_images(int count, bool valid) => Assert.Equal(valid, TryOnRules.IsValidModelImageCount(count));

    [Fact]
    public void Complements_make_the_only_valid_suit()
    {
        Assert.Equal(GarmentType.Bottoms, TryOnRules.Complement(GarmentType.Tops));
        Assert.Equal(GarmentType.Tops, TryOnRules.Complement(GarmentType.Bottoms));
        Assert.Null(TryOnRules.Complement(GarmentType.Dresses));
    }

    [Theory]
    [InlineData("https://img.example/a.jpg", true)]
    [InlineData("http://img.example/a.jpg", true)]
    [InlineData("ftp://img.example/a.jpg", false)]
    [InlineData("/relative/a.jpg", false)]
    [InlineData("file:///c:/a.jpg", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("https://img.example/a.jpg\r\nX-Injected: 1", false)]
    [InlineData("https://img.example/a\u0000.jpg", false)]
    [InlineData(" https://img.example/a.jpg", false)]
    [InlineData("https://img.example/a.jpg ", false)]
    [InlineData("https://img.example/a b.jpg", false)]
    [InlineData("https://user:pass@img.example/a.jpg", false)]
    [InlineData("https://user@img.example/a.jpg", false)]
    [InlineData("https://img.example/a.jpg?sig=a%40b", true)]
    [InlineData("https://\u4F8B\u3048.jp/\u753B\u50CF.jpg", true)]
    public void Downloadable_urls_are_absolute_http_or_https_with_no_space_control_or_user_info(string? url, bool valid) =>
        Assert.Equal(valid, TryOnRules.IsDownloadableUrl(url));

    [Fact]
    public void An_image_URL_may_have_at_most_2048_characters()
    {
        string prefix = "https://img.example/";
        Assert.True(TryOnRules.IsDownloadableUrl(prefix + new string('a', TryOnRules.MaxImageUrlLength - prefix.Length)));
        Assert.Contains("at most 2048 characters, and it has 10000000", TryOnRules.ImageUrlProblem(prefix + new string('a', 10_000_000 - prefix.Length)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://img.example/a.jpg\r\n", "U+000D", "a.jpg\\u000D\\u000A")]
    [InlineData("https://user:hunter2@img.example/a.jpg", "user name or password", "https://***@img.example/a.jpg")]
    public void The_message_says_why_and_never_shows_a_password_or_a_raw_line_break(string url, string why, string shown)
    {
        string message = TryOnRules.Messages.ImageUrlNotDownloadable("Top", url);

        Assert.Contains(why, message, StringComparison.Ordinal);
        Assert.Contains(shown, message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', message);
    }

    [Fact]
    public void Every_enum_value_has_its_wire_spelling()
    {
        Assert.Equal(new[] { "tops", "bottoms", "dresses" }, Array.ConvertAll(Enum.GetValues<GarmentType>(), TryOnRules.WireName));
        Assert.Equal(new[] { "fullbody", "halfbody", "mixed" }, Array.ConvertAll(Enum.GetValues<ViewType>(), TryOnRules.WireName));
        Assert.Equal(new[] { "male", "female" }, Array.ConvertAll(Enum.GetValues<ModelGender>(), TryOnRules.WireName));
        Assert.Equal(new[] { "universal_1", "universal_2", "universal_3" }, Array.ConvertAll(Enum.GetValues<ModelStyle>(), TryOnRules.WireName));
        Assert.Equal(new[] { "children", "youngadult" }, Array.ConvertAll(Enum.GetValues<ModelAge>(), TryOnRules.WireName));
        Assert.Equal(new[] { "slim", "curvy" }, Array.ConvertAll(Enum.GetValues<ModelBody>(), TryOnRules.WireName));
        Assert.Equal(new[] { "/ai/virtual/tryon", "/ai/virtual/tryon-pro" }, Array.ConvertAll(Enum.GetValues<TryOnEdition>(), TryOnRules.SubmitApiName));
    }

    [Fact]
    public void An_undefined_enum_value_has_no_spelling()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TryOnRules.WireName((ViewType)42));
        Assert.Contains("ViewType has no value 42", error.Message, StringComparison.Ordinal);
    }
}
