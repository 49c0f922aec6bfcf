using System;
using System.Collections.Generic;
using System.Linq;
using Aidge.Declarative.Tests.Invalid;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>The generated Validate(): the rules checked against values only known at run time, with the analyzer's ids.</summary>
public class ValidationTests
{
    private const string Url = "https://img.example/a.jpg";

    [Fact]
    public void A_valid_request_has_no_problem()
    {
        Assert.Empty(new SummerSuit(Url, Url).Validate());
        Assert.Empty(new CountWithFallback(Url, 8).Validate());
        TryOnValidation.ThrowIfInvalid(new SummerSuit(Url, Url));
    }

    [Theory]
    [InlineData("https://img.example/a.jpg\r\n", "control character")]
    [InlineData("https://img.example/a\u0000.jpg", "control character")]
    [InlineData(" https://img.example/a.jpg", "white space")]
    [InlineData("https://img.example/a.jpg ", "white space")]
    [InlineData("https://user:pass@img.example/a.jpg", "user name or password")]
    public void A_URL_from_a_database_with_a_line_break_a_space_or_a_password_is_refused_before_sending(string url, string why)
    {
        TryOnProblem problem = Assert.Single(new SummerSuit(url, Url).Validate());

        Assert.Equal(("AIDGE007", "Top"), (problem.RuleId, problem.Member));
        Assert.Contains(why, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pass@", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_10_MB_URL_is_refused_before_it_becomes_a_40_MB_body()
    {
        var request = new EveryImageShape(new Uri(Url)) { Single = "https://img.example/" + new string('a', 10_000_000) };

        TryOnProblem problem = Assert.Single(request.Validate());

        Assert.Equal("AIDGE007", problem.RuleId);
        Assert.Contains("at most 2048 characters", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Message.Length < 400);
    }

    [Fact]
    public void Twelve_model_images_built_at_run_time_are_refused_before_sending()
    {
        var request = new EveryImageShape(new Uri(Url)) { List = Enumerable.Range(1, 12).Select(i => $"https://img.example/{i}.jpg").ToList() };

        var error = Assert.Throws<TryOnValidationException>(() => TryOnValidation.ThrowIfInvalid(request));

        TryOnProblem problem = Assert.Single(error.Problems);
        Assert.Equal("AIDGE003", problem.RuleId);
        Assert.Contains("12 model images", problem.Message, StringComparison.Ordinal);
        Assert.Contains("AIDGE003: The request holds 12 model images, but the service takes at most 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_eight_model_images_across_members_are_fine_and_nine_are_not()
    {
        var eight = new EveryImageShape(new Uri(Url)) { Single = Url, Array = Enumerable.Repeat(Url, 7).ToArray() };
        var nine = eight with { SingleUri = new Uri(Url) };

        Assert.Empty(eight.Validate());
        Assert.Equal("AIDGE003", Assert.Single(nine.Validate()).RuleId);
    }

    public static TheoryData<ITryOnRequest, string, string> BrokenSuits => new()
    {
        { new TwoTops(Url, Url), "Second", "'First' (Tops) and 'Second' (Tops) do not make a suit" },
        { new DressWithTop(Url, Url), "Top", "'Dress' (Dresses) and 'Top' (Tops) do not make a suit" },
        { new ThreeGarments(Url, Url, Url), "C", "'C' is garment number 3, but a request holds one suit of at most 2 garments" },
        { new UntypedPair(Url, Url), "Other", "'Other' has no garment type" },
    };

    [Theory]
    [MemberData(nameof(BrokenSuits))]
    public void A_broken_suit_is_AIDGE001_on_the_garment_to_blame(ITryOnRequest request, string member, string message)
    {
        TryOnProblem problem = Assert.Single(request.Validate());

        Assert.Equal("AIDGE001", problem.RuleId);
        Assert.Equal(member, problem.Member);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_garment_left_null_makes_a_broken_suit_valid_and_an_empty_one_invalid()
    {
        Assert.Empty(new DressWithTop(Url, null).Validate());
        Assert.Equal("AIDGE005", Assert.Single(new SummerSuit(null!, null!).Validate()).RuleId);
    }

    [Theory]
    [InlineData("/relative/a.jpg")]
    [InlineData("ftp://img.example/a.jpg")]
    [InlineData("img.example/a.jpg")]
    [InlineData("")]
    public void A_url_the_service_cannot_download_is_AIDGE007(string url)
    {
        TryOnProblem problem = Assert.Single(new SummerSuit(Url, url).Validate());

        Assert.Equal("AIDGE007", problem.RuleId);
        Assert.Equal("Bottom", problem.Member);
        Assert.Contains("absolute http or https URL", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_with_an_unpaired_surrogate_is_AIDGE015()
    {
        TryOnProblem problem = Assert.Single(new OwnModelTop(Url, Url + '\uD800').Validate());

        Assert.Equal("AIDGE015", problem.RuleId);
        Assert.Equal("Photo", problem.Member);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(-1)]
    public void A_generateCount_outside_1_to_8_is_AIDGE002(int count)
    {
        TryOnProblem problem = Assert.Single(new RequiredCount(Url, count).Validate());

        Assert.Equal("AIDGE002", problem.RuleId);
        Assert.Equal($"generateCount is {count}, but the service makes 1 to 8 pictures per request", problem.Message);
    }

    [Fact]
    public void Every_problem_is_listed_at_once_in_one_exception()
    {
        var request = new EveryImageShape(new Uri("relative", UriKind.Relative)) { Array = Enumerable.Repeat("nope", 9).ToArray() };

        var error = Assert.Throws<TryOnValidationException>(() => TryOnValidation.ThrowIfInvalid(request));

        Assert.Equal(new[] { "AIDGE007" }, error.Problems.Select(p => p.RuleId).Distinct().Take(1));
        Assert.Equal(10, error.Problems.Count(p => p.RuleId == "AIDGE007"));
        Assert.Equal(1, error.Problems.Count(p => p.RuleId == "AIDGE003"));
        Assert.StartsWith("The try-on request breaks the Aidge API's rules and was not sent (11 problems):", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_names_each_problems_request()
    {
        var batch = new List<ITryOnRequest> { new SummerSuit(Url, Url), new RequiredCount(Url, 12) };

        var error = Assert.Throws<TryOnValidationException>(() => TryOnValidation.ThrowIfInvalid(batch));

        Assert.StartsWith("Request 1: generateCount is 12", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }
}
