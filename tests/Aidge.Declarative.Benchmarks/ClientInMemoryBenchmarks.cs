using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using BenchmarkDotNet.Attributes;

namespace Aidge.Declarative.Benchmarks;

/// <summary>
/// The client's own work per submit, without the network: the same two calls as <see cref="ClientBenchmarks"/>,
/// through an <see cref="HttpClient"/> whose handler reads the request body and answers with the fake server's
/// recorded submit answer from memory. Loopback round trips swing by 10-15% between runs; this does not, so
/// the difference of the two means is the client's cost, to set against a round trip.
/// </summary>
[MemoryDiagnoser]
public class ClientInMemoryBenchmarks
{
    private TryOnClient _client = null!;
    private HttpClient _http = null!;
    private Uri _signedUri = null!;
    private byte[] _body = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        // One real submit to the fake server, whose answer the handler then replays.
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { RecordRequests = false, TimestampTolerance = TimeSpan.FromDays(1) });
        string timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        _signedUri = new Uri(server.BaseAddress, "/rest/ai/virtual/tryon" + IopSignature.Query(FakeAidgeServerOptions.DefaultAccessKey, timestamp, IopSignature.Compute(FakeAidgeServerOptions.DefaultSecret, timestamp)));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Serialization.TryOnSerializer.WriteRequestBody(buffer, new[] { Data.Sample });
        _body = buffer.WrittenSpan.ToArray();
        using var recorder = new HttpClient();
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage answer = await recorder.PostAsync(_signedUri, content);
        var handler = new ReplayHandler(await answer.Content.ReadAsByteArrayAsync(), answer.Content.Headers.ContentType!);

        _http = new HttpClient(handler);
        _client = new TryOnClient(server.Credential, server.CreateClientOptions(), new HttpClient(handler));
        await BarePost();
        await ClientSubmit();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _http.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Bare HttpClient POST, in memory")]
    public async Task<byte[]> BarePost()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await _http.PostAsync(_signedUri, content);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Benchmark(Description = "TryOnClient.SubmitAsync, in memory")]
    public Task<TryOnOperation> ClientSubmit() => _client.SubmitAsync(Data.Sample);

    private sealed class ReplayHandler(byte[] answer, MediaTypeHeaderValue contentType) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Read the body as a server would, so that writing it is paid by both calls.
            await request.Content!.CopyToAsync(Stream.Null, cancellationToken);
            var content = new ByteArrayContent(answer);
            content.Headers.ContentType = contentType;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
