using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>The client against the fake server on 127.0.0.1, over real HTTP.</summary>
public sealed class ClientTests : IAsyncLifetime
{
    private const string GarmentUrl = "https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg";

    private static readonly TimeSpan s_testTimeout = TimeSpan.FromSeconds(30);

    private FakeAidgeServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { SubmittedFor = TimeSpan.FromMilliseconds(30), RunningFor = TimeSpan.FromMilliseconds(60) });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void The_signature_is_upper_case_hex_HMAC_SHA256_of_secret_and_timestamp()
    {
        // Both computed with: printf '%s' "$secret$timestamp" | openssl dgst -sha256 -hmac "$secret"
        Assert.Equal("8F377D4A3B0FA15FA81B1FE62657B98A9F2E90A2F7E9D1D46798516F22BAC82A", IopSignature.Compute("my-secret", "1700000000000"));
        Assert.Equal("52A93D312A39B9A9CB3D5FE612B2044B3F3E5510C3E6742979D859D953D54A2E", IopSignature.Compute("s\u00E9c\u20ACret", "1712345678901"));
    }

    [Fact]
    public async Task Ten_lines_submit_a_declared_record_wait_and_read_the_images()
    {
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));

        TryOnOperation operation = await client.SubmitAsync(new SummerSuit(GarmentUrl, "https://img.example/b.jpg"));
        TryOnResult result = await operation.WaitForCompletionAsync(Timeout());

        Assert.Equal(TryOnTaskStatus.Finished, result.Status);
        TryOnSubTaskResult subTask = Assert.Single(result.SubTasks);
        Assert.Equal(4, subTask.Pictures.Count);
        Assert.All(subTask.Pictures, picture => Assert.Equal(GarmentUrl, picture.GarmentUrl));
        Assert.All(subTask.Pictures, picture => Assert.StartsWith(_server.BaseAddress.GetLeftPart(UriPartial.Authority) + "/results/" + operation.TaskId + "/0/", picture.Url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_submit_is_signed_in_the_contracts_order_and_carries_the_exact_body()
    {
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));

        await client.SubmitAsync(new NamedModelTop(GarmentUrl));

        FakeAidgeRequest submit = Assert.Single(_server.Requests);
        Assert.Equal("/rest/ai/virtual/tryon", submit.Path);
        Assert.Equal(new[] { "partner_id", "sign_method", "sign_ver", "app_key", "timestamp", "sign" }, submit.QueryOrder);
        Assert.Equal(("aidge", "sha256", "v2"), (submit.Query["partner_id"], submit.Query["sign_method"], submit.Query["sign_ver"]));
        Assert.Equal(IopSignature.Compute(FakeAidgeServerOptions.DefaultSecret, submit.Query["timestamp"]), submit.Query["sign"]);
        Assert.Equal("application/json", submit.ContentType);
        Assert.Equal(JsonSerializer.Serialize(new { requestParams = VendorSampleTests.NamedModelSample }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), submit.Body);
        Assert.Equal(200, submit.ResCode);
        Assert.False(submit.Trial);
    }

    [Fact]
    public async Task The_vendors_sample_answer_gives_its_task_id()
    {
        _server.InjectFault(FakeAidgeFault.RawBody(Wire.ContractFixtures.SubmitAnswerReferencePage));
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));

        Assert.Equal("1ce4fd33-b9d5-4e21-a24c-0c4027d2b105", operation.TaskId);
        Assert.Equal("212cd83017085872506144758e3fca", operation.RequestId);
    }

    [Fact]
    public async Task Booleans_numbers_strings_and_unknown_fields_are_all_accepted()
    {
        _server.InjectFault(FakeAidgeFault.RawBody(
            """{"code":0,"extra":[1,2],"data":{"result":{"taskId":"t-1","more":true}},"success":true,"resCode":200,"requestId":"r"}"""));
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        Assert.Equal("t-1", (await client.SubmitAsync(new NamedModelTop(GarmentUrl))).TaskId);
    }

    [Fact]
    public async Task A_pro_request_goes_to_the_pro_endpoint_with_the_trial_header_when_asked()
    {
        TryOnClientOptions options = Fast(_server.CreateClientOptions());
        options.UseTrialResource = true;
        using var client = new TryOnClient(_server.Credential, options);

        TryOnOperation operation = await client.SubmitAsync(new EveryImageShape(new Uri(GarmentUrl)));

        Assert.Equal(TryOnEdition.Pro, operation.Edition);
        FakeAidgeRequest submit = Assert.Single(_server.Requests);
        Assert.Equal("/rest/ai/virtual/tryon-pro", submit.Path);
        Assert.True(submit.Trial);
    }

    [Fact]
    public async Task A_batch_is_one_task_with_a_sub_task_per_request()
    {
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));

        TryOnOperation operation = await client.SubmitBatchAsync(new ITryOnRequest[] { new SummerSuit(GarmentUrl, GarmentUrl), new CountWithFallback(GarmentUrl, 1) });
        TryOnResult result = await operation.WaitForCompletionAsync(Timeout());

        Assert.Equal(new[] { 4, 1 }, result.SubTasks.Select(s => s.Pictures.Count));
    }

    [Fact]
    public async Task Twelve_model_images_are_refused_before_any_HTTP_call()
    {
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());
        var request = new EveryImageShape(new Uri(GarmentUrl)) { List = Enumerable.Range(1, 12).Select(i => $"https://img.example/{i}.jpg").ToList() };

        var error = await Assert.ThrowsAsync<TryOnValidationException>(() => client.SubmitAsync(request));

        Assert.Equal("AIDGE003", Assert.Single(error.Problems).RuleId);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_batch_mixing_editions_is_refused_before_any_HTTP_call()
    {
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitBatchAsync(new ITryOnRequest[] { new SummerSuit(GarmentUrl, GarmentUrl), new EveryImageShape(new Uri(GarmentUrl)) }));

        Assert.Empty(_server.Requests);
    }

    public static TheoryData<int, AidgeErrorKind> DocumentedCodes => new()
    {
        { 500, AidgeErrorKind.ServiceFault },
        { 700, AidgeErrorKind.InvalidInput },
        { 701, AidgeErrorKind.ImageProblem },
        { 703, AidgeErrorKind.ImageProblem },
        { 707, AidgeErrorKind.ImageProblem },
        { 801, AidgeErrorKind.ServiceFault },
        { 1000, AidgeErrorKind.ContentRisk },
        { 1001, AidgeErrorKind.ContentRisk },
        { 1002, AidgeErrorKind.ContentRisk },
    };

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public async Task Every_documented_code_is_a_typed_exception_and_the_submit_is_sent_once(int code, AidgeErrorKind kind)
    {
        _server.InjectFault(FakeAidgeFault.Error(code, "fields: clothesList[0].imageUrl"), FakeAidgeApi.Submit, times: int.MaxValue);
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal((code, kind, "fields: clothesList[0].imageUrl", HttpStatusCode.OK), (error.ResCode, error.Kind, error.ResMessage, error.StatusCode));
        Assert.StartsWith("fake", error.RequestId, StringComparison.Ordinal);
        Assert.Equal(1, _server.SubmitCount);
    }

    [Fact]
    public async Task An_exhausted_quota_is_told_apart_by_its_message()
    {
        _server.InjectFault(FakeAidgeFault.Error(400, "Sorry, your calling resources have been exhausted, please buy more."));
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));

        Assert.Equal(AidgeErrorKind.QuotaExhausted, (await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)))).Kind);
    }

    [Fact]
    public async Task A_rate_limited_submit_is_retried_with_backoff_and_then_succeeds()
    {
        _server.InjectFault(FakeAidgeFault.Error(501), FakeAidgeApi.Submit, times: 2);
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));

        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));

        Assert.NotEmpty(operation.TaskId);
        Assert.Equal(3, _server.SubmitCount);
    }

    [Fact]
    public async Task A_rate_limit_storm_ends_in_RateLimited_after_the_allowed_retries()
    {
        _server.InjectFault(FakeAidgeFault.Error(501), FakeAidgeApi.Submit, times: int.MaxValue);
        TryOnClientOptions options = Fast(_server.CreateClientOptions());
        options.MaxRetries = 2;
        using var client = new TryOnClient(_server.Credential, options);

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.RateLimited, error.Kind);
        Assert.Equal(3, _server.SubmitCount);
    }

    [Fact]
    public async Task The_servers_submit_budget_answers_501_and_the_client_backs_off()
    {
        // The server's clock moves 100 ms each time it is read (three or four reads a submit), not with the wall clock: the
        // second submit comes within the 1 s window of the first however slowly this machine runs, and the retries move
        // the clock past it. (A real 300 ms window failed on a loaded CI machine, the second submit coming after it.)
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(100) };
        await using FakeAidgeServer limited = await FakeAidgeServer.StartAsync(
            new FakeAidgeServerOptions { SubmitsPerWindow = 1, RateLimitWindow = TimeSpan.FromSeconds(1), TimeProvider = clock });
        TryOnClientOptions options = Fast(limited.CreateClientOptions());
        options.MaxRetries = 5;
        using var client = new TryOnClient(limited.Credential, options);

        await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        await client.SubmitAsync(new NamedModelTop(GarmentUrl));

        Assert.Contains(limited.Requests, r => r.ResCode == 501);
        Assert.Equal(2, limited.Requests.Count(r => r.ResCode == 200));
    }

    [Fact]
    public async Task A_submit_whose_connection_drops_after_sending_is_not_retried()
    {
        _server.InjectFault(FakeAidgeFault.DropConnection(), FakeAidgeApi.Submit);
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.Transport, error.Kind);
        Assert.Contains("not retried", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.SubmitCount);
    }

    [Fact]
    public async Task A_submit_with_no_answer_in_time_is_a_timeout_and_is_not_retried()
    {
        _server.InjectFault(FakeAidgeFault.Slow(TimeSpan.FromSeconds(20)), FakeAidgeApi.Submit);
        TryOnClientOptions options = Fast(_server.CreateClientOptions());
        options.RequestTimeout = TimeSpan.FromMilliseconds(200);
        using var client = new TryOnClient(_server.Credential, options);

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.Timeout, error.Kind);
        Assert.True(error.MayHaveCreatedTask);
        Assert.Contains("RequestTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.SubmitCount);
    }

    [Fact]
    public async Task A_submit_that_cannot_connect_is_retried_since_nothing_was_sent()
    {
        FakeAidgeServer closed = await FakeAidgeServer.StartAsync();
        TryOnClientOptions options = Fast(closed.CreateClientOptions());
        await closed.DisposeAsync();
        options.MaxRetries = 2;
        var logs = new LogCapture();
        using var client = new TryOnClient(closed.Credential, options, logger: logs.For<TryOnClient>());

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.Transport, error.Kind);
        Assert.Equal(2, logs.Lines.Count(line => line.StartsWith("Debug: ", StringComparison.Ordinal) && line.Contains("retrying", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("html", "is not JSON (text/html")]
    [InlineData("truncated", "is not complete JSON")]
    public async Task A_body_that_is_not_the_contracts_JSON_says_so_and_keeps_the_status(string fault, string message)
    {
        _server.InjectFault(fault == "html" ? FakeAidgeFault.HtmlPage(502) : FakeAidgeFault.TruncatedBody(), FakeAidgeApi.Submit);
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.InvalidResponse, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(fault == "html" ? HttpStatusCode.BadGateway : HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(1, _server.SubmitCount);
    }

    [Fact]
    public async Task JSON_sent_with_the_wrong_content_type_is_still_read()
    {
        _server.InjectFault(FakeAidgeFault.WrongContentType(), FakeAidgeApi.Submit);
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));

        Assert.NotEmpty((await client.SubmitAsync(new NamedModelTop(GarmentUrl))).TaskId);
    }

    [Fact]
    public async Task Queries_are_retried_through_transient_failures()
    {
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));
        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        _server.InjectFault(FakeAidgeFault.DropConnection(), FakeAidgeApi.Query);
        _server.InjectFault(FakeAidgeFault.HtmlPage(503), FakeAidgeApi.Query);
        _server.InjectFault(FakeAidgeFault.Error(500), FakeAidgeApi.Query);

        TryOnResult result = await operation.WaitForCompletionAsync(Timeout());

        Assert.Equal(TryOnTaskStatus.Finished, result.Status);
        Assert.Equal(1, _server.SubmitCount);
    }

    [Fact]
    public async Task Polling_reports_each_state_through_submitted_running_finished()
    {
        await using FakeAidgeServer slow = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { SubmittedFor = TimeSpan.FromMilliseconds(150), RunningFor = TimeSpan.FromMilliseconds(300) });
        using var client = new TryOnClient(slow.Credential, Fast(slow.CreateClientOptions()));
        var seen = new List<TryOnTaskStatus>();

        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        await operation.WaitForCompletionAsync(new SynchronousProgress(r => seen.Add(r.Status)), Timeout());

        Assert.Equal(new[] { TryOnTaskStatus.Submitted, TryOnTaskStatus.Running, TryOnTaskStatus.Finished }, seen.Distinct());
    }

    [Fact]
    public async Task A_failed_task_is_a_typed_exception_holding_the_result()
    {
        _server.InjectFault(FakeAidgeFault.TaskFails(), FakeAidgeApi.Submit);
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));
        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));

        var error = await Assert.ThrowsAsync<TryOnTaskFailedException>(() => operation.WaitForCompletionAsync(Timeout()));

        Assert.Equal(AidgeErrorKind.TaskFailed, error.Kind);
        Assert.Equal(TryOnTaskStatus.Failed, error.Result.Status);
        Assert.True(error.MayHaveCreatedTask);
    }

    [Fact]
    public async Task A_wait_whose_queries_keep_failing_says_so_rather_than_that_the_task_is_still_running()
    {
        // The client's clock is the test's: the deadline passes only once a query has failed and another was sent, however slowly
        // this machine runs (on a real 1 s deadline, a loaded CI machine had not answered the first query in time).
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        TryOnClientOptions options = Fast(_server.CreateClientOptions());
        options.TimeProvider = time;
        options.PollingTimeout = TimeSpan.FromSeconds(1);
        options.RequestTimeout = TimeSpan.FromMinutes(10);
        options.MaxRetries = 10;
        using var client = new TryOnClient(_server.Credential, options);
        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        _server.InjectFault(FakeAidgeFault.Error(500), FakeAidgeApi.Query, times: int.MaxValue);

        Task<TryOnResult> wait = operation.WaitForCompletionAsync(Timeout());
        var waited = Stopwatch.StartNew();
        while (_server.Requests.Count(r => r.IsQuery) < 2 && !wait.IsCompleted && waited.Elapsed < s_testTimeout)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(10);
        }

        time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<AidgeException>(() => wait);

        Assert.Equal((AidgeErrorKind.Timeout, true), (error.Kind, error.MayHaveCreatedTask));
        Assert.StartsWith("No query about the try-on task " + operation.TaskId + " was answered within 00:00:01 (PollingTimeout): the last one failed (ServiceFault 500)", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    [Fact]
    public async Task A_query_that_fails_for_good_while_waiting_says_the_task_was_made()
    {
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));
        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        _server.InjectFault(FakeAidgeFault.Error(700), FakeAidgeApi.Query);

        var error = await Assert.ThrowsAsync<AidgeException>(() => operation.WaitForCompletionAsync(Timeout()));

        Assert.Equal((AidgeErrorKind.InvalidInput, true), (error.Kind, error.MayHaveCreatedTask));
    }

    [Fact]
    public async Task A_task_that_never_ends_times_out_and_can_be_resumed_by_id()
    {
        _server.InjectFault(FakeAidgeFault.TaskNeverEnds(), FakeAidgeApi.Submit);
        TryOnClientOptions options = Fast(_server.CreateClientOptions());
        options.PollingTimeout = TimeSpan.FromMilliseconds(300);
        using var client = new TryOnClient(_server.Credential, options);
        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));

        var error = await Assert.ThrowsAsync<AidgeException>(() => operation.WaitForCompletionAsync(Timeout()));
        // The task was made, so it may be paid for: a caller's "nothing ran" branch must not take it.
        Assert.Equal((AidgeErrorKind.Timeout, true), (error.Kind, error.MayHaveCreatedTask));
        Assert.Contains("was still Running after", error.Message, StringComparison.Ordinal);
        TryOnResult state = await client.GetOperation(operation.TaskId).GetResultAsync();

        Assert.Contains(operation.TaskId, error.Message, StringComparison.Ordinal);
        Assert.Equal(TryOnTaskStatus.Running, state.Status);
    }

    [Fact]
    public async Task Polling_waits_on_the_clients_TimeProvider()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        TryOnClientOptions options = _server.CreateClientOptions();
        options.TimeProvider = time;
        options.PollingInterval = TimeSpan.FromMinutes(1);
        options.MaxPollingInterval = TimeSpan.FromMinutes(1);
        using var client = new TryOnClient(_server.Credential, options);
        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        await Task.Delay(200); // the task finishes on the server's real clock; the client has not asked yet

        Task<TryOnResult> wait = operation.WaitForCompletionAsync(Timeout());
        await Task.Delay(200);
        int queriesBefore = _server.Requests.Count(r => r.IsQuery);
        while (!wait.IsCompleted)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(wait, Task.Delay(100));
        }

        Assert.Equal(0, queriesBefore);
        Assert.Equal(TryOnTaskStatus.Finished, (await wait).Status);
    }

    [Fact]
    public async Task Cancellation_stops_polling_at_once()
    {
        _server.InjectFault(FakeAidgeFault.TaskNeverEnds(), FakeAidgeApi.Submit);
        TryOnClientOptions options = _server.CreateClientOptions();
        options.PollingInterval = TimeSpan.FromMinutes(5);
        options.MaxPollingInterval = TimeSpan.FromMinutes(5);
        using var client = new TryOnClient(_server.Credential, options);
        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Task<TryOnResult> wait = operation.WaitForCompletionAsync(cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(0, _server.Requests.Count(r => r.IsQuery));
    }

    [Fact]
    public async Task Cancellation_during_a_slow_answer_ends_the_call_and_sends_nothing_more()
    {
        _server.InjectFault(FakeAidgeFault.Slow(TimeSpan.FromSeconds(20)), FakeAidgeApi.Submit);
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl), cancel.Token));

        Assert.Equal(1, _server.SubmitCount);
    }

    [Fact]
    public async Task An_operation_resumes_in_another_client_from_its_task_id()
    {
        string taskId;
        using (var first = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions())))
        {
            taskId = (await first.SubmitAsync(new NamedModelTop(GarmentUrl))).TaskId;
        }

        using var second = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));
        TryOnResult result = await second.GetOperation(taskId).WaitForCompletionAsync(Timeout());

        Assert.Equal(TryOnTaskStatus.Finished, result.Status);
    }

    [Fact]
    public async Task A_wrong_secret_or_a_stale_clock_is_refused_by_the_gateway()
    {
        using var wrongSecret = new TryOnClient(new AidgeCredential(FakeAidgeServerOptions.DefaultAccessKey, "not-the-secret"), Fast(_server.CreateClientOptions()));
        TryOnClientOptions stale = Fast(_server.CreateClientOptions());
        stale.TimeProvider = new FakeTimeProvider(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var staleClock = new TryOnClient(_server.Credential, stale);

        var badSign = await Assert.ThrowsAsync<AidgeException>(() => wrongSecret.SubmitAsync(new NamedModelTop(GarmentUrl)));
        var badTime = await Assert.ThrowsAsync<AidgeException>(() => staleClock.GetResultAsync("any"));

        Assert.Equal((AidgeErrorKind.Gateway, "The request signature does not conform to platform standards"), (badSign.Kind, badSign.ResMessage));
        Assert.Equal(AidgeErrorKind.Gateway, badTime.Kind);
        Assert.Equal(("IllegalTimestamp", "ISV"), (badTime.GatewayCode, badTime.GatewayType));
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_with_every_reason()
    {
        var options = new TryOnClientOptions { Endpoint = new Uri("https://api.example/rest?x=1"), PollingInterval = TimeSpan.Zero, MaxRetries = 99 };

        var error = Assert.Throws<ArgumentException>(() => new TryOnClient(new AidgeCredential("k", "s"), options));

        Assert.Contains("scheme, host and port only", error.Message, StringComparison.Ordinal);
        Assert.Contains("PollingInterval must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries must be 0 to 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_delays_timeouts_and_sizes_are_refused()
    {
        var options = new TryOnClientOptions
        {
            RetryDelay = TimeSpan.FromDays(2), MaxRetryDelay = TimeSpan.FromDays(1), RequestTimeout = TimeSpan.FromDays(1), PollingTimeout = TimeSpan.FromDays(30),
            MaxPollingInterval = TimeSpan.FromHours(1), MaxResponseBytes = 0,
        };

        string message = Assert.Throws<ArgumentException>(() => new TryOnClient(new AidgeCredential("k", "s"), options)).Message;

        foreach (string expected in new[]
        {
            "RetryDelay must be 0 to MaxRetryDelay", "MaxRetryDelay must be at most 00:10:00", "RequestTimeout must be at most 00:30:00",
            "PollingTimeout must be at most 1.00:00:00", "MaxPollingInterval must be at most 00:10:00", "MaxResponseBytes must be 65536",
        })
        {
            Assert.Contains(expected, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("http://api.aidc-ai.com", false)]
    [InlineData("http://10.0.0.5:8080", false)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("https://api.aidc-ai.com", true)]
    public void A_plain_http_endpoint_is_refused_unless_it_is_loopback(string endpoint, bool usable)
    {
        IReadOnlyList<string> problems = new TryOnClientOptions { Endpoint = new Uri(endpoint) }.Validate();

        Assert.Equal(usable, problems.Count == 0);
        Assert.All(problems, problem => Assert.Contains("replayed", problem, StringComparison.Ordinal));
    }

    [Fact]
    public void The_region_picks_the_host_until_an_endpoint_is_set()
    {
        Assert.Equal("https://api.aidc-ai.com/", new TryOnClientOptions().Endpoint.ToString());
        Assert.Equal("https://cn-api.aidc-ai.com/", new TryOnClientOptions { Region = AidgeRegion.China }.Endpoint.ToString());
        Assert.Equal("http://127.0.0.1:5000/", new TryOnClientOptions { Region = AidgeRegion.China, Endpoint = new Uri("http://127.0.0.1:5000") }.Endpoint.ToString());
    }

    [Fact]
    public void A_credential_never_shows_its_secret()
    {
        var credential = new AidgeCredential("my-key", "my-very-secret-value");

        Assert.Equal("AidgeCredential { AccessKey = my-key, Secret = *** }", credential.ToString());
        Assert.DoesNotContain("my-very-secret-value", credential.ToString(), StringComparison.Ordinal);
        var display = (System.Diagnostics.DebuggerDisplayAttribute)Attribute.GetCustomAttribute(typeof(AidgeCredential), typeof(System.Diagnostics.DebuggerDisplayAttribute))!;
        Assert.Equal("{ToString(),nq}", display.Value);
        Assert.DoesNotContain("my-very-secret-value", Assert.Throws<ArgumentException>(() => new AidgeCredential(" ", "my-very-secret-value")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_name_the_API_and_task_but_never_the_secret_the_sign_or_the_query()
    {
        var logs = new LogCapture();
        TryOnClientOptions options = Fast(_server.CreateClientOptions());
        using var client = new TryOnClient(_server.Credential, options, logger: logs.For<TryOnClient>());
        _server.InjectFault(FakeAidgeFault.Error(501), FakeAidgeApi.Submit);

        TryOnOperation operation = await client.SubmitAsync(new SummerSuit(GarmentUrl, GarmentUrl));
        await operation.WaitForCompletionAsync(Timeout());
        _server.InjectFault(FakeAidgeFault.Error(700), FakeAidgeApi.Submit);
        await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new SummerSuit(GarmentUrl, GarmentUrl)));

        string all = string.Join("\n", logs.Lines);
        Assert.Contains("/ai/virtual/tryon", all, StringComparison.Ordinal);
        Assert.Contains(operation.TaskId, all, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAidgeServerOptions.DefaultSecret, all, StringComparison.Ordinal);
        Assert.DoesNotContain("sign=", all, StringComparison.Ordinal);
        Assert.DoesNotContain("timestamp=", all, StringComparison.Ordinal);
        foreach (FakeAidgeRequest request in _server.Requests)
        {
            Assert.DoesNotContain(request.Query["sign"], all, StringComparison.Ordinal);
        }
    }

    // Short waits, so that the tests spend their time on HTTP rather than on sleeping.
    private static TryOnClientOptions Fast(TryOnClientOptions options)
    {
        options.PollingInterval = TimeSpan.FromMilliseconds(20);
        options.MaxPollingInterval = TimeSpan.FromMilliseconds(50);
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        options.RequestTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(s_testTimeout).Token;

    private sealed class SynchronousProgress(Action<TryOnResult> report) : IProgress<TryOnResult>
    {
        public void Report(TryOnResult value) => report(value);
    }
}
