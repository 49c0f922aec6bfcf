using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>
/// Across a run of every server fault: every log line, exception message (inner ones too), ToString()
/// and debugger display is searched for the secret, each call's sign and the signed URLs. None may appear.
/// </summary>
public sealed class SecretTests
{
    private const string Secret = "s3cr3t-value-that-must-never-be-seen";

    [Fact]
    public async Task No_secret_sign_or_signed_url_appears_anywhere_across_the_fault_suite()
    {
        var options = new FakeAidgeServerOptions { SubmittedFor = TimeSpan.FromMilliseconds(10), RunningFor = TimeSpan.FromMilliseconds(10) };
        options.Keys["leak-test-key"] = Secret;
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(options);
        var credential = new AidgeCredential("leak-test-key", Secret);
        var logs = new LogCapture();
        TryOnClientOptions clientOptions = server.CreateClientOptions();
        clientOptions.RetryDelay = TimeSpan.FromMilliseconds(5);
        clientOptions.PollingInterval = TimeSpan.FromMilliseconds(10);
        clientOptions.MaxPollingInterval = TimeSpan.FromMilliseconds(20);
        clientOptions.RequestTimeout = TimeSpan.FromMilliseconds(500);
        clientOptions.PollingTimeout = TimeSpan.FromSeconds(2);
        using var client = new TryOnClient(credential, clientOptions, logger: logs.For<TryOnClient>());
        var seen = new List<string> { credential.ToString(), Display(credential), clientOptions.ToString()! };

        FakeAidgeFault[] faults =
        {
            FakeAidgeFault.Error(500), FakeAidgeFault.Error(501), FakeAidgeFault.Error(700), FakeAidgeFault.Error(701), FakeAidgeFault.Error(703),
            FakeAidgeFault.Error(707), FakeAidgeFault.Error(801), FakeAidgeFault.Error(1000), FakeAidgeFault.Error(1001), FakeAidgeFault.Error(1002),
            FakeAidgeFault.HtmlPage(), FakeAidgeFault.TruncatedBody(), FakeAidgeFault.WrongContentType(), FakeAidgeFault.Slow(TimeSpan.FromSeconds(2)),
            FakeAidgeFault.DropConnection(), FakeAidgeFault.TaskFails(), FakeAidgeFault.TaskNeverEnds(), FakeAidgeFault.RawBody("{\"code\":\"X\",\"message\":\"nope\"}"),
        };
        foreach (FakeAidgeFault fault in faults)
        {
            server.InjectFault(fault, FakeAidgeApi.Submit);
            await Capture(seen, async () =>
            {
                TryOnOperation operation = await client.SubmitAsync(new SummerSuit("https://img.example/t.jpg", "https://img.example/b.jpg"));
                seen.Add(operation.ToString());
                TryOnResult result = await operation.WaitForCompletionAsync();
                seen.Add(result.ToString()!);
            });
        }

        using (var wrong = new TryOnClient(new AidgeCredential("leak-test-key", Secret + "-wrong"), clientOptions, logger: logs.For<TryOnClient>()))
        {
            await Capture(seen, () => wrong.SubmitAsync(new SummerSuit("https://img.example/t.jpg", "https://img.example/b.jpg")));
        }

        await Capture(seen, () => client.SubmitAsync(new SummerSuit("/relative", "https://img.example/b.jpg")));
        seen.AddRange(logs.Lines);

        string everything = string.Join("\n", seen);
        string[] signs = server.Requests.Where(r => r.Query.ContainsKey("sign")).Select(r => r.Query["sign"]).ToArray();
        Assert.NotEmpty(signs);
        Assert.DoesNotContain(Secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("sign=", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("app_key=", everything, StringComparison.Ordinal);
        Assert.All(signs, sign => Assert.DoesNotContain(sign, everything, StringComparison.Ordinal));
        Assert.True(seen.Count > faults.Length * 2, "Too little was captured to prove anything: " + seen.Count);
    }

    private static async Task Capture(List<string> seen, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception exception)
        {
            // The whole chain, as a log or a crash report would print it.
            seen.Add(exception.ToString());
            if (exception is TryOnTaskFailedException failed)
            {
                seen.Add(failed.Result.ToString()!);
            }
        }
    }

    // What a debugger shows: the DebuggerDisplay expression evaluated as the debugger would.
    private static string Display(AidgeCredential credential)
    {
        var display = (DebuggerDisplayAttribute)Attribute.GetCustomAttribute(typeof(AidgeCredential), typeof(DebuggerDisplayAttribute))!;
        Assert.Equal("{ToString(),nq}", display.Value);
        return credential.ToString();
    }
}
