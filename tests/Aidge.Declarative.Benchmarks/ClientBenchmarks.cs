using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using BenchmarkDotNet.Attributes;

namespace Aidge.Declarative.Benchmarks;

/// <summary>
/// A submit through TryOnClient (validate, serialize, sign, send, parse) against a bare HttpClient POST of a
/// pre-built, pre-signed body to the same fake server on loopback: the difference is the client's overhead.
/// Loopback round trips on a shared 2-core machine swing by 10-15% between runs (four default-job runs
/// gave +7% to +25%), so this job takes 3 processes of 20 iterations each.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 3, iterationCount: 20)]
public class ClientBenchmarks
{
    private FakeAidgeServer _server = null!;
    private TryOnClient _client = null!;
    private HttpClient _http = null!;
    private Uri _signedUri = null!;
    private byte[] _body = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { RecordRequests = false, TimestampTolerance = TimeSpan.FromDays(1) });
        _http = new HttpClient();
        _client = new TryOnClient(_server.Credential, _server.CreateClientOptions(), _http);
        string timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        _signedUri = new Uri(_server.BaseAddress, "/rest/ai/virtual/tryon" + IopSignature.Query(FakeAidgeServerOptions.DefaultAccessKey, timestamp, IopSignature.Compute(FakeAidgeServerOptions.DefaultSecret, timestamp)));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Serialization.TryOnSerializer.WriteRequestBody(buffer, new[] { Data.Sample });
        _body = buffer.WrittenSpan.ToArray();
        await BarePost();
        await ClientSubmit();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Bare HttpClient POST")]
    public async Task<byte[]> BarePost()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await _http.PostAsync(_signedUri, content);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Benchmark(Description = "TryOnClient.SubmitAsync")]
    public Task<TryOnOperation> ClientSubmit() => _client.SubmitAsync(Data.Sample);
}
