using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Aidge.Declarative.Tests.Wire;

/// <summary>
/// The fake server's answers held to the shape of the contract's fixtures: the same paths with the same kinds of
/// value, read by a client that uses nothing of the project's code. Values (ids, URLs) differ and are not compared.
/// </summary>
public sealed class FakeServerContractTests
{
    private const string SampleRequestParams =
        """[{"clothesList":[{"imageUrl":"https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg","type":"tops"}],"model":{"base":"General","name":"James"},"viewType":"mixed","inputQualityDetect":0,"generateCount":4}]""";

    [Theory]
    [InlineData(FakeAidgeSubmitForm.ResultObject, ContractFixtures.SubmitAnswerObject)]
    [InlineData(FakeAidgeSubmitForm.ResultString, ContractFixtures.SubmitAnswerReferencePage)]
    public async Task The_submit_answer_has_the_contracts_shape_in_each_form(FakeAidgeSubmitForm form, string fixture)
    {
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { SubmitForm = form });
        VendorStyleClient client = Independent(server);

        string answer = await client.InvokeAsync("/ai/virtual/tryon", new JsonObject { ["requestParams"] = SampleRequestParams }.ToJsonString());

        Assert.Equal(Shape(fixture), Shape(answer));
    }

    [Theory]
    [InlineData(FakeAidgeQueryForm.Nested, ContractFixtures.QueryAnswerNested)]
    [InlineData(FakeAidgeQueryForm.NestedStatusInside, ContractFixtures.QueryAnswerStatusInside)]
    [InlineData(FakeAidgeQueryForm.Flat, ContractFixtures.QueryAnswerFlat)]
    public async Task The_query_answer_has_the_contracts_shape_and_statuses_in_each_form(FakeAidgeQueryForm form, string fixture)
    {
        // The server's clock is stepped by the test: each status is seen however slow the machine is.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions
        {
            QueryForm = form, TimeProvider = clock, SubmittedFor = TimeSpan.FromSeconds(1), RunningFor = TimeSpan.FromSeconds(1),
        });
        VendorStyleClient client = Independent(server);
        string taskId = await client.SubmitAsync("/ai/virtual/tryon", JsonNode.Parse(SampleRequestParams)!);
        var statuses = new List<string>();
        string answer = string.Empty;
        foreach (TimeSpan step in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) })
        {
            clock.Advance(step);
            answer = await client.InvokeAsync("/ai/virtual/tryon-results", new JsonObject { ["task_id"] = taskId }.ToJsonString());
            statuses.Add(JsonNode.Parse(answer)!["data"]!["taskStatus"]!.GetValue<string>());
        }

        SortedSet<string> expected = Shape(fixture), actual = Shape(answer);
        Assert.Empty(expected.Except(actual));
        Assert.All(actual.Except(expected), extra => Assert.Contains(extra.Split(':')[0], ContractFixtures.EnvelopeFields));
        Assert.Equal(new[] { "submitted", "running", "finished" }, statuses);
        Assert.Subset(ContractFixtures.Statuses.ToHashSet(), statuses.ToHashSet());
        Assert.Equal(taskId, JsonNode.Parse(answer)!["data"]!["taskId"]!.GetValue<string>());
    }

    private static VendorStyleClient Independent(FakeAidgeServer server) =>
        new(server.BaseAddress, FakeAidgeServerOptions.DefaultAccessKey, FakeAidgeServerOptions.DefaultSecret);

    /// <summary>
    /// Every path of a JSON text with the kind of its value (<c>data.taskResult[].taskStatus:String</c>), array items
    /// folded into <c>[]</c>. A string that holds JSON (the submit's string result) is walked as well, under <c>#</c>.
    /// </summary>
    internal static SortedSet<string> Shape(string json)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        using JsonDocument document = JsonDocument.Parse(json);
        Walk(document.RootElement, string.Empty, paths);
        return paths;
    }

    private static void Walk(JsonElement element, string path, SortedSet<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                paths.Add(path + ":Object");
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, paths);
                }

                break;
            case JsonValueKind.Array:
                paths.Add(path + ":Array");
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Walk(item, path + "[]", paths);
                }

                break;
            case JsonValueKind.String when element.GetString() is ['{', ..] inner:
                paths.Add(path + ":String");
                using (JsonDocument document = JsonDocument.Parse(inner))
                {
                    Walk(document.RootElement, path + "#", paths);
                }

                break;
            case JsonValueKind.True or JsonValueKind.False:
                paths.Add(path + ":Boolean");
                break;
            default:
                paths.Add(path + ":" + element.ValueKind);
                break;
        }
    }
}
