using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.NetworkInformation;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Aidge.Declarative.Tests;

/// <summary>
/// 1,000 submits from 32 concurrent callers through one TryOnClient against a rate-limited fake server on
/// 127.0.0.1: every call ends in success or a typed exception, connections are pooled, memory comes back.
/// Bounded in count and time; it stops by itself.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_thousand_submits_from_32_callers_end_in_success_or_a_typed_exception()
    {
        const int Submits = 1_000;
        const int Callers = 32;
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions
        {
            SubmitsPerWindow = 400,
            RateLimitWindow = TimeSpan.FromSeconds(1),
            RecordRequests = false,
        });
        TryOnClientOptions options = server.CreateClientOptions();
        options.RetryDelay = TimeSpan.FromMilliseconds(20);
        options.MaxRetries = 2;
        using var client = new TryOnClient(server.Credential, options);
        long memoryBefore = await SettledMemoryAsync();
        var outcomes = new ConcurrentDictionary<string, int>();
        int next = -1;

        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            while (System.Threading.Interlocked.Increment(ref next) < Submits)
            {
                string outcome;
                try
                {
                    await client.SubmitAsync(new SummerSuit("https://img.example/t.jpg", "https://img.example/b.jpg"));
                    outcome = "success";
                }
                catch (AidgeException error)
                {
                    outcome = "AidgeException " + error.Kind;
                }

                outcomes.AddOrUpdate(outcome, 1, (_, count) => count + 1);
            }
        }))).WaitAsync(TimeSpan.FromMinutes(3));

        long memoryAfter = await SettledMemoryAsync();
        int connections = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Count(c => c.RemoteEndPoint.Port == server.BaseAddress.Port);
        output.WriteLine(string.Join(", ", outcomes.Select(o => o.Key + ": " + o.Value)));
        output.WriteLine($"connections to the server: {connections}; managed memory {memoryBefore / 1024} KiB before, {memoryAfter / 1024} KiB after");

        Assert.Equal(Submits, outcomes.Values.Sum());
        Assert.All(outcomes.Keys, key => Assert.True(key is "success" or "AidgeException RateLimited", key));
        Assert.True(outcomes.TryGetValue("success", out int successes) && successes > 0);
        Assert.InRange(connections, 0, Callers);
        Assert.True(memoryAfter - memoryBefore < 16 * 1024 * 1024, $"Managed memory grew by {(memoryAfter - memoryBefore) / 1024} KiB.");
    }

    private static async Task<long> SettledMemoryAsync()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
