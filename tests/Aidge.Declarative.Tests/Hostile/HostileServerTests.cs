using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Aidge.Declarative.Tests.Hostile;

/// <summary>
/// The client against servers that misbehave on purpose, each on 127.0.0.1: each test counts what the server
/// received and asserts the typed outcome. Runs alone: one test counts the bytes the whole process allocates.
/// </summary>
[Collection(nameof(SerialCollection))]
public sealed class HostileServerTests(ITestOutputHelper output)
{
    private const string AccessKey = "echo-key-512345";
    private const string GarmentUrl = "https://shop.example/tee.jpg";
    private const string SubmitAnswer = """{"code":"0","data":{"result":{"taskId":"TASK"}},"requestId":"req-1","success":"true","resCode":"200","resMessage":"success"}""";

    private static readonly AidgeCredential s_credential = new(AccessKey, "hostile-test-secret");

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_refused_naming_the_host_and_the_paid_body_is_posted_once(int status)
    {
        await using HostileServer elsewhere = await HostileServer.StartAsync((context, _) => HostileServer.JsonAsync(context, SubmitAnswer.Replace("TASK", "stolen", StringComparison.Ordinal)));
        await using HostileServer server = await HostileServer.StartAsync((context, _) => Redirect(context, status, elsewhere.BaseAddress));
        using var client = new TryOnClient(s_credential, Options(server, trial: true));

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.Redirected, error.Kind);
        Assert.Contains("HTTP " + status, error.Message, StringComparison.Ordinal);
        Assert.Contains(elsewhere.BaseAddress.Authority, error.Message, StringComparison.Ordinal);
        AssertNothingSigned(error.ToString());
        Assert.Equal(1, server.Posts);
        Assert.Empty(elsewhere.Calls);
    }

    [Fact]
    public async Task A_307_loop_to_itself_posts_the_paid_body_once()
    {
        HostileServer? self = null;
        await using HostileServer server = self = await HostileServer.StartAsync((context, _) => Redirect(context, 307, self!.BaseAddress));
        using var client = new TryOnClient(s_credential, Options(server));

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.Redirected, error.Kind);
        Assert.Equal(1, server.Posts);
    }

    [Fact]
    public async Task The_dependency_injection_path_follows_no_redirect_either()
    {
        await using HostileServer elsewhere = await HostileServer.StartAsync((context, _) => HostileServer.JsonAsync(context, SubmitAnswer));
        await using HostileServer server = await HostileServer.StartAsync((context, _) => Redirect(context, 307, elsewhere.BaseAddress));
        var services = new ServiceCollection();
        services.AddAidgeTryOnClient(s_credential, options => options.Endpoint = server.BaseAddress);
        await using ServiceProvider provider = services.BuildServiceProvider();
        TryOnClient client = provider.GetRequiredService<TryOnClient>();

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.Redirected, error.Kind);
        Assert.Equal((1, 0), (server.Posts, elsewhere.Calls.Count));
        Assert.Equal(Timeout.InfiniteTimeSpan, provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TryOnClient)).Timeout);
    }

    [Fact]
    public async Task An_answer_from_another_host_through_a_users_redirecting_HttpClient_is_refused()
    {
        await using HostileServer elsewhere = await HostileServer.StartAsync((context, _) => HostileServer.JsonAsync(context, SubmitAnswer.Replace("TASK", "stolen", StringComparison.Ordinal)));
        await using HostileServer server = await HostileServer.StartAsync((context, _) => Redirect(context, 302, elsewhere.BaseAddress));
        using var redirecting = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        using var client = new TryOnClient(s_credential, Options(server), redirecting);

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.Redirected, error.Kind);
        Assert.DoesNotContain("stolen", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_200_MB_answer_is_refused_after_MaxResponseBytes_without_holding_it(bool declared)
    {
        const long hostileBytes = 200L * 1024 * 1024;
        await using HostileServer server = await HostileServer.StartAsync(async (context, number) =>
        {
            if (number == 1)
            {
                await HostileServer.JsonAsync(context, SubmitAnswer); // the warm-up: connection and JIT, nothing of the cap
                return;
            }

            context.Response.ContentType = "application/json";
            if (declared)
            {
                context.Response.ContentLength = hostileBytes;
            }

            byte[] chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
            await context.Response.Body.WriteAsync("{\"pad\":\""u8.ToArray(), context.RequestAborted);
            for (long sent = 0; sent < hostileBytes; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        using var client = new TryOnClient(s_credential, Options(server));
        await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        GC.Collect();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long workingSetBefore = Environment.WorkingSet;

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"200 MB answer ({(declared ? "Content-Length" : "chunked")}): {allocated / 1024.0 / 1024:0.0} MiB allocated in the process, working set {(Environment.WorkingSet - workingSetBefore) / 1024.0 / 1024:+0.0;-0.0} MiB");
        Assert.Equal(AidgeErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains(declared ? "declares 209715200 bytes" : "goes on past that", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16L * 1024 * 1024, $"{allocated} bytes allocated reading a capped answer");
        Assert.Equal(2, server.Posts);
    }

    [Fact]
    public async Task An_oversized_query_answer_is_not_retried()
    {
        await using HostileServer server = await HostileServer.StartAsync((context, _) => HostileServer.JsonAsync(context, "{\"pad\":\"" + new string('x', 200 * 1024) + "\"}"));
        TryOnClientOptions options = Options(server);
        options.MaxResponseBytes = 64 * 1024;
        using var client = new TryOnClient(s_credential, options);

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.GetResultAsync("t-1"));

        Assert.Equal(AidgeErrorKind.InvalidResponse, error.Kind);
        Assert.Single(server.Calls);
    }

    [Theory]
    [InlineData(501, "application/json")]
    [InlineData(429, "text/html")]
    public async Task Retry_After_is_honoured_on_the_clients_clock(int code, string contentType)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using HostileServer server = await HostileServer.StartAsync((context, number) =>
        {
            if (number > 1)
            {
                return HostileServer.JsonAsync(context, SubmitAnswer);
            }

            context.Response.Headers.RetryAfter = "2";
            context.Response.StatusCode = code == 429 ? 429 : 200;
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(code == 429 ? "<html>Too Many Requests</html>" : """{"code":"0","success":"false","resCode":"501","resMessage":"rate limit"}""");
        });
        TryOnClientOptions options = Options(server);
        options.TimeProvider = time;
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        var logs = new LogCapture();
        using var client = new TryOnClient(s_credential, options, logger: logs.For<TryOnClient>());

        Task<TryOnOperation> submit = client.SubmitAsync(new NamedModelTop(GarmentUrl));
        await UntilRetryIsScheduled(logs);
        TimeSpan waited = await AdvanceUntil(time, () => server.Posts == 2);

        Assert.Equal("TASK", (await submit.WaitAsync(TimeSpan.FromSeconds(10))).TaskId);
        Assert.InRange(waited, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));
        Assert.Equal(2, server.Posts);
    }

    [Fact]
    public async Task A_Retry_After_of_an_hour_waits_no_longer_than_MaxRetryDelay()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using HostileServer server = await HostileServer.StartAsync((context, number) =>
        {
            context.Response.Headers.RetryAfter = "3600";
            return HostileServer.JsonAsync(context, number == 1 ? """{"code":"0","success":"false","resCode":"501","resMessage":"rate limit"}""" : SubmitAnswer);
        });
        TryOnClientOptions options = Options(server);
        options.TimeProvider = time;
        options.MaxRetryDelay = TimeSpan.FromSeconds(5);
        var logs = new LogCapture();
        using var client = new TryOnClient(s_credential, options, logger: logs.For<TryOnClient>());

        Task<TryOnOperation> submit = client.SubmitAsync(new NamedModelTop(GarmentUrl));
        await UntilRetryIsScheduled(logs);
        TimeSpan waited = await AdvanceUntil(time, () => server.Posts == 2);

        Assert.Equal("TASK", (await submit.WaitAsync(TimeSpan.FromSeconds(10))).TaskId);
        Assert.InRange(waited, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task PollingTimeout_is_a_deadline_over_the_whole_wait_queries_included()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource();
        await using HostileServer server = await HostileServer.StartAsync(async (context, _) =>
        {
            await release.Task.WaitAsync(context.RequestAborted); // the query hangs
        });
        TryOnClientOptions options = Options(server);
        options.TimeProvider = time;
        options.PollingInterval = TimeSpan.FromSeconds(1);
        options.PollingTimeout = TimeSpan.FromSeconds(10);
        options.RequestTimeout = TimeSpan.FromMinutes(5);
        using var client = new TryOnClient(s_credential, options);

        Task<TryOnResult> wait = client.GetOperation("t-1").WaitForCompletionAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        await Until(() => server.Calls.Count == 1);
        time.Advance(TimeSpan.FromSeconds(9));

        var error = await Assert.ThrowsAsync<AidgeException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(AidgeErrorKind.Timeout, error.Kind);
        Assert.Contains("PollingTimeout", error.Message, StringComparison.Ordinal);
        release.SetResult();
    }

    [Fact]
    public async Task Server_text_is_redacted_of_the_signing_parameters_and_the_access_key()
    {
        var logs = new LogCapture();
        await using HostileServer server = await HostileServer.StartAsync((context, number) =>
        {
            string target = context.Request.Path + context.Request.QueryString;
            return number switch
            {
                1 => HtmlAsync(context, 502, "<html><body>Bad gateway for POST " + target + "\r\nFake-Header: injected</body></html>"),
                2 => HostileServer.JsonAsync(context, """{"code":"IncompleteSignature","message":"bad signature for TARGET","request_id":"r-2"}""".Replace("TARGET", target, StringComparison.Ordinal)),
                _ => HostileServer.JsonAsync(context, """{"code":"0","success":false,"resCode":700,"resMessage":"invalid input: key ECHO sign=ABCDEF app_key%3DECHO","requestId":"r-3"}""".Replace("ECHO", AccessKey, StringComparison.Ordinal)),
            };
        });
        using var client = new TryOnClient(s_credential, Options(server), logger: logs.For<TryOnClient>());
        var errors = new List<AidgeException>();

        for (int i = 0; i < 3; i++)
        {
            errors.Add(await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl))));
        }

        Assert.Equal(new[] { AidgeErrorKind.InvalidResponse, AidgeErrorKind.Gateway, AidgeErrorKind.InvalidInput }, errors.Select(e => e.Kind));
        Assert.Contains("sign=***", errors[0].Message, StringComparison.Ordinal);
        foreach (string text in errors.Select(e => e.ToString() + "\n" + e.ResMessage).Concat(logs.Lines))
        {
            AssertNothingSigned(text);
            Assert.DoesNotContain("ABCDEF", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain('\r', errors[0].Message);
        Assert.DoesNotContain('\n', errors[0].Message);
    }

    public static TheoryData<string> HostileTaskIds => new()
    {
        new string('a', 1024 * 1024),
        "task\r\nWarning: forged log line",
        "task id with spaces",
        "t\u00E4sk",
    };

    [Theory]
    [MemberData(nameof(HostileTaskIds))]
    public async Task A_task_id_from_the_service_that_is_not_a_short_printable_id_is_refused(string taskId)
    {
        var logs = new LogCapture();
        await using HostileServer server = await HostileServer.StartAsync((context, _) =>
            HostileServer.JsonAsync(context, SubmitAnswer.Replace("TASK", System.Text.Json.JsonEncodedText.Encode(taskId).ToString(), StringComparison.Ordinal)));
        using var client = new TryOnClient(s_credential, Options(server), logger: logs.For<TryOnClient>());

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));

        Assert.Equal(AidgeErrorKind.InvalidResponse, error.Kind);
        Assert.True(error.Message.Length < 1000);
        Assert.DoesNotContain("forged", error.Message + string.Join("\n", logs.Lines), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileTaskIds))]
    [InlineData("task\uD800")]
    [InlineData("")]
    public async Task A_task_id_from_the_caller_that_is_not_a_short_printable_id_is_refused_before_anything_is_sent(string taskId)
    {
        await using HostileServer server = await HostileServer.StartAsync((context, _) => HostileServer.JsonAsync(context, "{}"));
        using var client = new TryOnClient(s_credential, Options(server));

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetResultAsync(taskId));
        Assert.Throws<ArgumentException>(() => client.GetOperation(taskId));
        Assert.Empty(server.Calls);
    }

    [Fact]
    public async Task A_request_id_holding_a_line_break_is_dropped_not_logged()
    {
        var logs = new LogCapture();
        await using HostileServer server = await HostileServer.StartAsync((context, _) =>
            HostileServer.JsonAsync(context, SubmitAnswer.Replace("req-1", "req\\r\\nError: forged", StringComparison.Ordinal)));
        using var client = new TryOnClient(s_credential, Options(server), logger: logs.For<TryOnClient>());

        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(GarmentUrl));

        Assert.Null(operation.RequestId);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("forged", StringComparison.Ordinal));
    }

    private static TryOnClientOptions Options(HostileServer server, bool trial = false) => new()
    {
        Endpoint = server.BaseAddress, UseTrialResource = trial, RetryDelay = TimeSpan.FromMilliseconds(10), PollingInterval = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    // Echoes the request target, query and all, into the Location: a hostile redirect.
    private static Task Redirect(HttpContext context, int status, Uri to)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = new Uri(to, context.Request.Path + context.Request.QueryString).ToString();
        return Task.CompletedTask;
    }

    private static Task HtmlAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    private static void AssertNothingSigned(string text)
    {
        Assert.DoesNotContain(AccessKey, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hostile-test-secret", text, StringComparison.Ordinal);
        foreach (string parameter in new[] { "sign=", "app_key=" })
        {
            for (int at = text.IndexOf(parameter, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(parameter, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                Assert.StartsWith(parameter + "***", text.Substring(at), StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    // The client logs the retry, then starts its wait on the fake clock.
    private static Task UntilRetryIsScheduled(LogCapture logs) =>
        Until(() => logs.Lines.Any(line => line.Contains("retrying in", StringComparison.Ordinal)));

    // Moves the fake clock in steps of 100 ms, giving the client a moment after each, until the condition holds; the
    // fake time it took. A wait on that clock cannot end before its time has passed, however slow the machine: a
    // timer made a little after the first step only makes the figure larger.
    private static async Task<TimeSpan> AdvanceUntil(FakeTimeProvider time, Func<bool> condition)
    {
        TimeSpan advanced = TimeSpan.Zero;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            advanced += TimeSpan.FromMilliseconds(100);
            await Task.Delay(20, deadline.Token);
        }

        return advanced;
    }

    private static async Task Until(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
