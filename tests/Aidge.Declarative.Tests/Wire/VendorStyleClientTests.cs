using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Xunit;

namespace Aidge.Declarative.Tests.Wire;

/// <summary>
/// The fake server through a client written apart from the project's code, behaving as the contract says the
/// vendor's samples do; and the pro page's other parameter names, end to end.
/// </summary>
public sealed class VendorStyleClientTests
{
    private const string GarmentUrl = "https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg";

    // The contract's first vendor sample value of requestParams.
    private const string VendorSample =
        """[{"clothesList":[{"imageUrl":"https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg","type":"tops"}],"model":{"base":"General","gender":"female","style":"universal_1","body":"slim"},"viewType":"mixed","inputQualityDetect":0,"generateCount":4}]""";

    private static FakeAidgeServerOptions Quick() => new() { SubmittedFor = TimeSpan.FromMilliseconds(20), RunningFor = TimeSpan.FromMilliseconds(20) };

    [Fact]
    public async Task The_vendors_sample_flow_gets_every_picture_with_its_garment()
    {
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(Quick());
        var client = new VendorStyleClient(server.BaseAddress, FakeAidgeServerOptions.DefaultAccessKey, FakeAidgeServerOptions.DefaultSecret);

        string taskId = await client.SubmitAsync("/ai/virtual/tryon", JsonNode.Parse(VendorSample)!, Deadline());
        JsonNode data = await client.WaitAsync(taskId, Deadline());

        Assert.Equal("finished", data["taskStatus"]!.GetValue<string>());
        var pictures = VendorStyleClient.Pictures(data);
        Assert.Equal(4, pictures.Count);
        Assert.All(pictures, picture => Assert.Equal((0, GarmentUrl), (picture.SubTask, picture.Clothes)));
        Assert.All(server.Requests, request => Assert.Equal("false", request.TrialHeader));
    }

    [Fact]
    public async Task The_vendors_pro_sample_sends_one_object_and_is_answered()
    {
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(Quick());
        var client = new VendorStyleClient(server.BaseAddress, FakeAidgeServerOptions.DefaultAccessKey, FakeAidgeServerOptions.DefaultSecret) { Trial = true };
        JsonNode single = JsonNode.Parse("""{"clothesList":[{"imageUrl":"https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg","type":"tops"}],"viewType":"fullbody","inputQualityDetect":0,"generateCount":3}""")!;

        string taskId = await client.SubmitAsync("/ai/virtual/tryon-pro", single, Deadline());
        JsonNode data = await client.WaitAsync(taskId, Deadline());

        Assert.Equal(3, VendorStyleClient.Pictures(data).Count);
        Assert.True(server.Requests[0].Trial);
    }

    [Fact]
    public async Task The_vendors_samples_cannot_read_the_reference_pages_string_result_which_is_why_it_is_not_the_default()
    {
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { SubmitForm = FakeAidgeSubmitForm.ResultString });
        var client = new VendorStyleClient(server.BaseAddress, FakeAidgeServerOptions.DefaultAccessKey, FakeAidgeServerOptions.DefaultSecret);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SubmitAsync("/ai/virtual/tryon", JsonNode.Parse(VendorSample)!, Deadline()));
    }

    [Fact]
    public async Task The_pro_pages_other_names_work_end_to_end_when_both_sides_use_them()
    {
        FakeAidgeServerOptions options = Quick();
        options.RequestParamsName = "paramJson";
        options.QueryTaskIdName = "taskId";
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(options);
        TryOnClientOptions clientOptions = server.CreateClientOptions();
        clientOptions.PollingInterval = TimeSpan.FromMilliseconds(20);
        using var client = new TryOnClient(server.Credential, clientOptions);
        var independent = new VendorStyleClient(server.BaseAddress, FakeAidgeServerOptions.DefaultAccessKey, FakeAidgeServerOptions.DefaultSecret)
        {
            RequestParamsName = "paramJson", QueryTaskIdName = "taskId",
        };

        TryOnResult result = await (await client.SubmitAsync(new NamedModelTop(GarmentUrl), Deadline())).WaitForCompletionAsync(Deadline());
        JsonNode data = await independent.WaitAsync(await independent.SubmitAsync("/ai/virtual/tryon", JsonNode.Parse(VendorSample)!, Deadline()), Deadline());

        Assert.Equal(4, result.SubTasks[0].Pictures.Count);
        Assert.Equal(4, VendorStyleClient.Pictures(data).Count);
        Assert.StartsWith("{\"paramJson\":", server.Requests.First(r => r.IsSubmit).Body, StringComparison.Ordinal);
        Assert.StartsWith("{\"taskId\":", server.Requests.First(r => r.IsQuery).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_using_the_default_names_against_a_paramJson_server_is_refused_with_700()
    {
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { RequestParamsName = "paramJson" });
        TryOnClientOptions clientOptions = server.CreateClientOptions();
        clientOptions.RequestParamsName = "requestParams";
        using var client = new TryOnClient(server.Credential, clientOptions);

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl), Deadline()));

        Assert.Equal((AidgeErrorKind.InvalidInput, 700), (error.Kind, error.ResCode));
        Assert.Contains("paramJson is required", error.ResMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:pass@img.example/a.jpg", "which the service cannot download: an image URL must not hold a user name or password")]
    [InlineData(" https://img.example/a.jpg", "which the service cannot download: an image URL holds no white space")]
    [InlineData("https://img.example/a.jpg\r\n", "which the service cannot download: an image URL holds no white space or control character")]
    public async Task The_fake_server_refuses_an_image_URL_the_rules_refuse_with_700(string url, string problem)
    {
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync();
        var client = new VendorStyleClient(server.BaseAddress, FakeAidgeServerOptions.DefaultAccessKey, FakeAidgeServerOptions.DefaultSecret);
        var requestParams = new JsonArray(new JsonObject { ["clothesList"] = new JsonArray(new JsonObject { ["imageUrl"] = url }) });

        JsonNode answer = JsonNode.Parse(await client.InvokeAsync("/ai/virtual/tryon", new JsonObject { ["requestParams"] = requestParams.ToJsonString() }.ToJsonString(), Deadline()))!;

        Assert.Equal("700", answer["resCode"]!.ToString());
        Assert.Contains("'requestParams[0].clothesList[0].imageUrl' is \"", answer["resMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(problem, answer["resMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fake_server_words_a_problem_as_the_generated_validation_does()
    {
        // One wording for every checker: the same suit and URL, refused by Validate() and by the fake server.
        var look = new Invalid.DressWithTop("https://img.example/dress.jpg", "ftp://img.example/top.jpg");
        string[] validated = look.Validate().Select(p => p.Message).ToArray();
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync();
        var client = new VendorStyleClient(server.BaseAddress, FakeAidgeServerOptions.DefaultAccessKey, FakeAidgeServerOptions.DefaultSecret);
        var requestParams = new JsonArray(new JsonObject
        {
            ["clothesList"] = new JsonArray(
                new JsonObject { ["imageUrl"] = look.Dress, ["type"] = "dresses" },
                new JsonObject { ["imageUrl"] = look.Top, ["type"] = "tops" }),
        });

        JsonNode answer = JsonNode.Parse(await client.InvokeAsync("/ai/virtual/tryon", new JsonObject { ["requestParams"] = requestParams.ToJsonString() }.ToJsonString(), Deadline()))!;
        string refused = answer["resMessage"]!.GetValue<string>()
            .Replace("requestParams[0].clothesList[0]", "Dress", StringComparison.Ordinal)
            .Replace("Dress.imageUrl", "Dress", StringComparison.Ordinal)
            .Replace("requestParams[0].clothesList[1].imageUrl", "Top", StringComparison.Ordinal)
            .Replace("requestParams[0].clothesList[1]", "Top", StringComparison.Ordinal);

        Assert.Equal(2, validated.Length);
        Assert.All(validated, message => Assert.Contains(message, refused, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("true", "\"resCode\":700")]
    [InlineData("false", "\"resCode\":700")]
    [InlineData("yes", "\"code\":\"InvalidParameter\"")]
    public async Task The_trial_header_passes_the_gateway_as_true_or_false_only(string value, string answered)
    {
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync();
        var independent = new VendorStyleClient(server.BaseAddress, FakeAidgeServerOptions.DefaultAccessKey, FakeAidgeServerOptions.DefaultSecret) { TrialHeaderValue = value };

        // An unknown task: past the gateway, the API answers 700.
        string answer = await independent.InvokeAsync("/ai/virtual/tryon-results", "{\"task_id\":\"unknown\"}", Deadline());

        Assert.Contains(answered, answer, StringComparison.Ordinal);
    }

    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
