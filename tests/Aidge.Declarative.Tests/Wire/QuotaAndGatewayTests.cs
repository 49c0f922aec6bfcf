using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Aidge.Declarative.Client.Wire;
using Aidge.Declarative.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Aidge.Declarative.Tests.Wire;

/// <summary>
/// The quota balance, the gateway's own refusals and the sibling APIs' answer form: the client read against the fixtures typed in
/// from the contract, and the fake server held to their shape.
/// </summary>
public sealed class QuotaAndGatewayTests : IAsyncLifetime
{
    private const string GarmentUrl = "https://shop.example/tee.jpg";

    private FakeAidgeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAidgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, AidgeErrorKind, string, string, string, string?, bool> GatewayRefusals => new()
    {
        { ContractFixtures.GatewayBadSignature, AidgeErrorKind.Gateway, "IncompleteSignature", "ISV", "0ba2887315178178017221014", null, false },
        { ContractFixtures.GatewayBadKey, AidgeErrorKind.Gateway, "InvalidAppKey", "ISV", "0ba2887315178178017221015", null, false },
        { ContractFixtures.GatewayExpiredTimestamp, AidgeErrorKind.Gateway, "IllegalTimestamp", "ISV", "0ba2887315178178017221016", null, false },
        { ContractFixtures.GatewayNoResource, AidgeErrorKind.QuotaExhausted, "NoResource", "ISV", "0ba2887315178178017221017", "212cf75117753776968057472e0f29", false },
        { ContractFixtures.GatewayServiceFault, AidgeErrorKind.Gateway, "ServiceUnavailable", "ISP", "0ba2887315178178017221018", null, true },
    };

    [Theory]
    [MemberData(nameof(GatewayRefusals))]
    public async Task Each_gateway_refusal_is_read_whole_and_says_whether_the_submit_may_have_been_paid(
        string answer, AidgeErrorKind kind, string code, string type, string requestId, string? traceId, bool mayHaveCreatedTask)
    {
        _server.InjectFault(FakeAidgeFault.RawBody(answer), FakeAidgeApi.Submit);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal((kind, code, type, requestId, traceId), (error.Kind, error.GatewayCode, error.GatewayType, error.RequestId, error.TraceId));
        Assert.Equal(JsonNode.Parse(answer)!["message"]!.GetValue<string>(), error.ResMessage);
        Assert.Equal(mayHaveCreatedTask, error.MayHaveCreatedTask);
        Assert.Contains(code, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.SubmitCount);
    }

    public static TheoryData<string, string, AidgeErrorKind> ShippedRefusals => new()
    {
        { nameof(FakeAidgeFault.BadKey), "InvalidAppKey", AidgeErrorKind.Gateway },
        { nameof(FakeAidgeFault.BadSignature), "IncompleteSignature", AidgeErrorKind.Gateway },
        { nameof(FakeAidgeFault.ExpiredTimestamp), "IllegalTimestamp", AidgeErrorKind.Gateway },
        { nameof(FakeAidgeFault.NoQuota), "NoResource", AidgeErrorKind.QuotaExhausted },
    };

    [Theory]
    [MemberData(nameof(ShippedRefusals))]
    public async Task The_Testing_packages_gateway_refusals_have_the_contracts_shape_and_read_as_the_fixtures_do(string preset, string code, AidgeErrorKind kind)
    {
        var fault = (FakeAidgeFault)typeof(FakeAidgeFault).GetMethod(preset)!.Invoke(null, null)!;
        _server.InjectFault(fault, FakeAidgeApi.Submit);
        _server.InjectFault(fault, FakeAidgeApi.Submit);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        string answer = await Independent(_server).InvokeAsync("/ai/virtual/tryon", new JsonObject { ["requestParams"] = "[]" }.ToJsonString());
        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(FakeServerContractTests.Shape(ContractFixtures.GatewayBadSignature), FakeServerContractTests.Shape(answer));
        Assert.Equal((kind, code, "ISV", false), (error.Kind, error.GatewayCode, error.GatewayType, error.MayHaveCreatedTask));
    }

    [Theory]
    [InlineData(ContractFixtures.GatewayNoResource)]
    [InlineData(ContractFixtures.QuotaExhaustedEnvelope)]
    public async Task No_quota_says_what_to_do_whichever_way_the_service_says_it(string answer)
    {
        _server.InjectFault(FakeAidgeFault.RawBody(answer), FakeAidgeApi.Submit);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.QuotaExhausted, error.Kind);
        Assert.False(error.MayHaveCreatedTask);
        Assert.Contains("UseTrialResource", error.Message, StringComparison.Ordinal);
        Assert.Contains("buy quota", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContractFixtures.BalanceAnswer)]
    [InlineData(ContractFixtures.BalanceAnswerString)]
    public async Task The_balance_is_read_as_a_number_or_a_numeric_string_with_its_ids(string answer)
    {
        _server.InjectFault(FakeAidgeFault.RawBody(answer), FakeAidgeApi.Balance);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        TryOnBalance balance = await client.GetBalanceAsync(TryOnEdition.Standard);

        Assert.Equal((123m, "0ba2887315178178017221019", "212cf75117753776968057472e0f30"), (balance.Remaining, balance.RequestId, balance.TraceId));
        Assert.Equal("/ai/virtual/tryon", balance.ApiPath);
    }

    [Theory]
    [InlineData(TryOnEdition.Standard, "/ai/virtual/tryon")]
    [InlineData(TryOnEdition.Pro, "/ai/virtual/tryon-pro")]
    public async Task The_balance_call_is_signed_and_names_the_editions_API(TryOnEdition edition, string apiPath)
    {
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        TryOnBalance balance = await client.GetBalanceAsync(edition);

        FakeAidgeRequest sent = Assert.Single(_server.Requests);
        Assert.Equal("/rest/ai/query/balance", sent.Path);
        Assert.Equal(apiPath, JsonNode.Parse(sent.Body)!["apiPath"]!.GetValue<string>());
        Assert.Equal(FakeAidgeServerOptions.DefaultBalance, balance.Remaining);
        Assert.NotNull(balance.TraceId);
    }

    [Fact]
    public async Task A_balance_answer_without_a_balance_is_InvalidResponse_not_zero()
    {
        _server.InjectFault(FakeAidgeFault.RawBody(ContractFixtures.BalanceAnswerWithoutBalance), FakeAidgeApi.Balance, times: int.MaxValue);
        TryOnClientOptions options = _server.CreateClientOptions();
        options.RetryDelay = TimeSpan.FromMilliseconds(1);
        using var client = new TryOnClient(_server.Credential, options);

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.GetBalanceAsync(TryOnEdition.Standard));

        Assert.Equal(AidgeErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("data.balance", error.Message, StringComparison.Ordinal);
        Assert.Equal("0ba2887315178178017221020", error.RequestId);
    }

    [Fact]
    public async Task The_fake_spends_its_balance_on_paid_submits_and_then_refuses_them_with_NoResource()
    {
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { Balances = { ["/ai/virtual/tryon"] = 2 } });
        using var client = new TryOnClient(server.Credential, server.CreateClientOptions());
        TryOnClientOptions trialOptions = server.CreateClientOptions();
        trialOptions.UseTrialResource = true;
        using var trial = new TryOnClient(server.Credential, trialOptions);

        await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        await Assert.ThrowsAsync<TryOnValidationException>(() => client.SubmitAsync(new NamedModelTop("not a url")));
        decimal afterOne = (await client.GetBalanceAsync(TryOnEdition.Standard)).Remaining;
        await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        var refused = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));
        await trial.SubmitAsync(new NamedModelTop(GarmentUrl));

        Assert.Equal(1m, afterOne);
        Assert.Equal(0m, (await client.GetBalanceAsync(TryOnEdition.Standard)).Remaining);
        Assert.Equal((AidgeErrorKind.QuotaExhausted, "NoResource", "ISV"), (refused.Kind, refused.GatewayCode, refused.GatewayType));
        Assert.False(refused.MayHaveCreatedTask);
        Assert.Equal(FakeAidgeServerOptions.DefaultBalance, (await client.GetBalanceAsync(TryOnEdition.Pro)).Remaining);
    }

    [Fact]
    public async Task The_fakes_balance_answer_has_the_contracts_shape_in_both_forms()
    {
        await using FakeAidgeServer asString = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { BalanceAsString = true });
        string body = new JsonObject { ["apiPath"] = "/ai/virtual/tryon" }.ToJsonString();

        string number = await Independent(_server).InvokeAsync("/ai/query/balance", body);
        string text = await Independent(asString).InvokeAsync("/ai/query/balance", body);

        Assert.Equal(FakeServerContractTests.Shape(ContractFixtures.BalanceAnswer), FakeServerContractTests.Shape(number));
        Assert.Equal(FakeServerContractTests.Shape(ContractFixtures.BalanceAnswerString), FakeServerContractTests.Shape(text));
    }

    [Fact]
    public async Task The_fakes_gateway_refusals_have_the_contracts_shape_and_codes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2));
        await using FakeAidgeServer later = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { TimeProvider = clock });
        await using FakeAidgeServer spent = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { Balances = { ["/ai/virtual/tryon"] = 0 } });
        string submit = new JsonObject { ["requestParams"] = """[{"clothesList":[{"imageUrl":"https://shop.example/tee.jpg","type":"tops"}]}]""" }.ToJsonString();

        var answers = new (string Answer, string Fixture)[]
        {
            (await new VendorStyleClient(_server.BaseAddress, FakeAidgeServerOptions.DefaultAccessKey, "wrong-secret").InvokeAsync("/ai/virtual/tryon", submit), ContractFixtures.GatewayBadSignature),
            (await new VendorStyleClient(_server.BaseAddress, "unknown-key", FakeAidgeServerOptions.DefaultSecret).InvokeAsync("/ai/virtual/tryon", submit), ContractFixtures.GatewayBadKey),
            (await Independent(later).InvokeAsync("/ai/virtual/tryon", submit), ContractFixtures.GatewayExpiredTimestamp),
            (await Independent(spent).InvokeAsync("/ai/virtual/tryon", submit), ContractFixtures.GatewayNoResource),
        };

        foreach ((string answer, string fixture) in answers)
        {
            // The contract's shape is its example's; the trace id is one that "vendor answers may also carry".
            Assert.Equal(FakeServerContractTests.Shape(ContractFixtures.GatewayBadSignature), FakeServerContractTests.Shape(answer));
            Assert.Equal(JsonNode.Parse(fixture)!["code"]!.GetValue<string>(), JsonNode.Parse(answer)!["code"]!.GetValue<string>());
            Assert.Equal("ISV", JsonNode.Parse(answer)!["type"]!.GetValue<string>());
        }

        Assert.Equal(JsonNode.Parse(ContractFixtures.GatewayBadSignature)!["message"]!.GetValue<string>(), JsonNode.Parse(answers[0].Answer)!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sub_tasks_taskResult_sent_as_a_string_is_read_as_its_content()
    {
        _server.InjectFault(FakeAidgeFault.RawBody(ContractFixtures.QueryAnswerTaskResultString), FakeAidgeApi.Query);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        TryOnResult result = await client.GetResultAsync(ContractFixtures.TaskId);

        TryOnSubTaskResult subTask = Assert.Single(result.SubTasks);
        Assert.Equal(
            new[] { new TryOnPicture("https://img.example/p0.jpg", GarmentUrl), new TryOnPicture("https://img.example/p1.jpg", GarmentUrl) },
            subTask.Pictures);
        Assert.Null(subTask.Problem);
    }

    [Fact]
    public async Task Pictures_in_another_count_than_generateCount_pair_with_their_own_requests_and_none_is_dropped()
    {
        _server.InjectFault(FakeAidgeFault.RawBody(ContractFixtures.QueryAnswerOtherCounts), FakeAidgeApi.Query);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());
        var requests = new[] { new NamedModelTop(GarmentUrl), new NamedModelTop("https://shop.example/shirt.jpg") };

        TryOnResult<NamedModelTop> result = await client.GetOperation(ContractFixtures.TaskId, requests).GetResultAsync();

        Assert.Equal(new[] { 3, 6 }, result.Looks.Select(look => look.Pictures.Count));
        Assert.All(result.Looks[0].Pictures, picture => Assert.Equal(GarmentUrl, picture.GarmentUrl));
        Assert.All(result.Looks[1].Pictures, picture => Assert.Equal("https://shop.example/shirt.jpg", picture.GarmentUrl));
        Assert.Empty(result.UnmatchedPictures);
        Assert.All(result.Looks, look => Assert.Null(look.Problem));
    }

    [Fact]
    public async Task A_finished_request_that_got_no_picture_while_another_got_them_all_says_so()
    {
        _server.InjectFault(FakeAidgeFault.RawBody(ContractFixtures.QueryAnswerAllForOne), FakeAidgeApi.Query);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());
        var requests = new[] { new NamedModelTop(GarmentUrl), new NamedModelTop("https://shop.example/shirt.jpg") };

        TryOnResult<NamedModelTop> result = await client.GetOperation(ContractFixtures.TaskId, requests).GetResultAsync();

        Assert.Equal(8, result.Looks[0].Pictures.Count);
        Assert.Null(result.Looks[0].Problem);
        Assert.Empty(result.Looks[1].Pictures);
        Assert.Equal(TryOnTaskStatus.Finished, result.Looks[1].Status);
        Assert.Contains("sub-task 1", result.Looks[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fake_makes_one_picture_per_model_image_and_the_look_gets_them_all()
    {
        TryOnClientOptions options = _server.CreateClientOptions();
        options.PollingInterval = TimeSpan.FromMilliseconds(20);
        using var client = new TryOnClient(_server.Credential, options);
        var request = new EveryImageShape(new Uri(GarmentUrl)) { Array = new[] { "https://shop.example/me1.jpg", "https://shop.example/me2.jpg", "https://shop.example/me3.jpg" } };

        TryOnOperation<EveryImageShape> operation = (await client.SubmitAsync(request)).WithRequests(new[] { request });
        TryOnResult<EveryImageShape> result = await operation.WaitForCompletionAsync();

        Assert.Equal(3, Assert.Single(result.Looks).Pictures.Count);
    }

    [Theory]
    [InlineData("nores", "The code NoResource stays", "The code NoResource stays")]
    [InlineData("nores", "key nores is unknown", "key *** is unknown")]
    [InlineData("nores", "app_key=nores&sign=ABC", "app_key=***&sign=***")]
    [InlineData("nores", "(nores).", "(***).")]
    [InlineData("k-1", "k-10 and k-1", "k-10 and ***")]
    [InlineData("my key", "echo my%20key here", "echo *** here")]
    public void The_access_key_is_masked_where_it_stands_as_a_value_of_its_own(string accessKey, string text, string expected) =>
        Assert.Equal(expected, ServerText.Redact(text, accessKey));

    [Theory]
    [InlineData("""{"type":"ISV","code":"ApiCallLimit","message":"This ban will last 1 more seconds","request_id":"0ba2887315178178017221021"}""", 200)]
    [InlineData("""{"type":"ISV","code":"Throttled","message":"too many calls","request_id":"0ba2887315178178017221022"}""", 429)]
    public async Task A_gateways_call_limit_is_RateLimited_and_retried_since_nothing_ran(string answer, int httpStatus)
    {
        _server.InjectFault(FakeAidgeFault.RawBody(answer, httpStatus: httpStatus), FakeAidgeApi.Submit);
        TryOnClientOptions options = _server.CreateClientOptions();
        options.RetryDelay = TimeSpan.FromMilliseconds(1);
        using var client = new TryOnClient(_server.Credential, options);

        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));

        Assert.NotNull(operation.TaskId);
        Assert.Equal(2, _server.SubmitCount);
    }

    [Theory]
    [InlineData("ISV", false)]
    [InlineData("ISP", true)]
    [InlineData("SYSTEM", true)]
    public async Task A_gateway_refusal_of_the_services_or_its_own_fault_may_have_created_a_task(string type, bool mayHave)
    {
        _server.InjectFault(FakeAidgeFault.RawBody("""{"type":"TYPE","code":"ServiceTimeout","message":"The backend timed out","request_id":"0ba2887315178178017221023"}""".Replace("TYPE", type, StringComparison.Ordinal), httpStatus: 500), FakeAidgeApi.Submit);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal((AidgeErrorKind.Gateway, type, mayHave), (error.Kind, error.GatewayType, error.MayHaveCreatedTask));
    }

    [Theory]
    [InlineData("resources")]
    [InlineData("Sorry")]
    [InlineData("NoResource")]
    public async Task A_key_named_like_a_word_of_the_answer_does_not_change_what_the_answer_is(string accessKey)
    {
        var options = new FakeAidgeServerOptions();
        options.Keys[accessKey] = "a-secret";
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(options);
        server.InjectFault(FakeAidgeFault.RawBody(ContractFixtures.QuotaExhaustedEnvelope), FakeAidgeApi.Submit);
        server.InjectFault(FakeAidgeFault.RawBody(ContractFixtures.GatewayNoResource), FakeAidgeApi.Submit);
        using var client = new TryOnClient(new AidgeCredential(accessKey, "a-secret"), server.CreateClientOptions());

        var exhausted = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));
        var noResource = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.QuotaExhausted, exhausted.Kind);
        Assert.Equal(AidgeErrorKind.QuotaExhausted, noResource.Kind);
    }

    [Theory]
    [InlineData("""{"code":"0","data":{"balance":1e40},"success":true}""", "out of a decimal's range")]
    [InlineData("""{"code":"0","data":{"balance":"1,000"},"success":true}""", "no number at data.balance")]
    public async Task A_balance_that_is_no_decimal_says_which_way(string answer, string problem)
    {
        _server.InjectFault(FakeAidgeFault.RawBody(answer), FakeAidgeApi.Balance, times: int.MaxValue);
        TryOnClientOptions options = _server.CreateClientOptions();
        options.RetryDelay = TimeSpan.FromMilliseconds(1);
        using var client = new TryOnClient(_server.Credential, options);

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.GetBalanceAsync(TryOnEdition.Standard));

        Assert.Equal(AidgeErrorKind.InvalidResponse, error.Kind);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fake_refuses_a_balance_of_no_submit_API_when_it_starts()
    {
        var options = new FakeAidgeServerOptions();
        options.Balances["Standard"] = 3;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => FakeAidgeServer.StartAsync(options));

        Assert.Contains("/ai/virtual/tryon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_named_like_part_of_a_code_leaves_the_code_readable()
    {
        var options = new FakeAidgeServerOptions { Balances = { ["/ai/virtual/tryon"] = 0 } };
        options.Keys["nores"] = "nores-secret";
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(options);
        using var client = new TryOnClient(new AidgeCredential("nores", "nores-secret"), server.CreateClientOptions());

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal("NoResource", error.GatewayCode);
        Assert.Contains("code NoResource", error.Message, StringComparison.Ordinal);
    }

    private static VendorStyleClient Independent(FakeAidgeServer server) =>
        new(server.BaseAddress, FakeAidgeServerOptions.DefaultAccessKey, FakeAidgeServerOptions.DefaultSecret);
}
