using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
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
/// A submit through TryOnClient (validate, serialize, sign, send, parse) against a bare HttpClient POST of a
/// pre-built, pre-signed body: the difference is the client's overhead. <see cref="ClientTransport.Loopback"/>
/// sends both to the fake server on 127.0.0.1. Those round trips swing by 10-15% between runs on a shared
/// 2-core machine (four default-job runs gave +7% to +25%), so this job takes 3 processes of 20 iterations.
/// <see cref="ClientTransport.InMemory"/> sends both through a handler that reads the request body and replays
/// the fake server's recorded answer, which does not swing: the difference of its two means is the client's own work.
/// <see cref="Listening"/> adds an activity listener that records every Aidge activity and a meter listener that
/// takes every Aidge measurement, as OpenTelemetry would: the difference is what telemetry costs when observed.
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

    private ActivityListener? _activities;
    private MeterListener? _meters;

    [Params(ClientTransport.Loopback, ClientTransport.InMemory)]
    public ClientTransport Transport { get; set; }

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { RecordRequests = false, TimestampTolerance = TimeSpan.FromDays(1) });
        string timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        _signedUri = new Uri(_server.BaseAddress, "/rest/ai/virtual/tryon" + IopSignature.Query(FakeAidgeServerOptions.DefaultAccessKey, timestamp, IopSignature.Compute(FakeAidgeServerOptions.DefaultSecret, timestamp)));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Serialization.TryOnSerializer.WriteRequestBody(buffer, new[] { Data.Sample });
        _body = buffer.WrittenSpan.ToArray();
        _http = new HttpClient();
        if (Transport == ClientTransport.InMemory)
        {
            // One real submit to the fake server, whose answer the handler then replays.
            using HttpResponseMessage answer = await PostAsync();
            var handler = new ReplayHandler(await answer.Content.ReadAsByteArrayAsync(), answer.Content.Headers.ContentType!);
            _http.Dispose();
            _http = new HttpClient(handler);
        }

        if (Listening)
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == AidgeTelemetry.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_activities);
            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == AidgeTelemetry.SourceName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<long>((_, _, _, _) => { });
            _meters.SetMeasurementEventCallback<double>((_, _, _, _) => { });
            _meters.Start();
        }

        _client = new TryOnClient(_server.Credential, _server.CreateClientOptions(), _http);
        await BarePost();
        await ClientSubmit();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _activities?.Dispose();
        _meters?.Dispose();
        _client.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Bare HttpClient POST")]
    public async Task<byte[]> BarePost()
    {
        using HttpResponseMessage response = await PostAsync();
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Benchmark(Description = "TryOnClient.SubmitAsync")]
    public Task<TryOnOperation> ClientSubmit() => _client.SubmitAsync(Data.Sample);

    private async Task<HttpResponseMessage> PostAsync()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _http.PostAsync(_signedUri, content);
    }

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

/// <summary>Where the client benchmarks send.</summary>
public enum ClientTransport
{
    /// <summary>To the fake server on 127.0.0.1.</summary>
    Loopback,

    /// <summary>To a handler that replays the fake server's answer from memory.</summary>
    InMemory,
}
