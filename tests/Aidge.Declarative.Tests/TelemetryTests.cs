using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>The client's activities and metrics, collected by listeners across the fault suite against the fake server.</summary>
[Collection(nameof(SerialCollection))]
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string GarmentUrl = "https://shop.example/telemetry-tee.jpg";

    private readonly Collected _collected = new();
    private FakeAidgeServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { SubmittedFor = TimeSpan.FromMilliseconds(20), RunningFor = TimeSpan.FromMilliseconds(20) });

    public async Task DisposeAsync()
    {
        _collected.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Two_rate_limits_then_success_is_one_submit_of_three_attempts_and_two_retries_under_the_callers_activity()
    {
        _server.InjectFault(FakeAidgeFault.Error(501), FakeAidgeApi.Submit, times: 2);
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));
        using var parent = new Activity("the caller's work").Start();

        TryOnOperation operation = await client.SubmitAsync(new SummerSuit(GarmentUrl, "https://shop.example/shorts.jpg"));
        await operation.WaitForCompletionAsync(Deadline());
        parent.Stop();

        Activity submit = Assert.Single(_collected.Activities(parent), a => a.OperationName == "TryOnClient.Submit");
        Assert.Equal((ActivityKind.Client, parent.SpanId), (submit.Kind, submit.ParentSpanId));
        Assert.Equal("/ai/virtual/tryon", submit.GetTagItem("aidge.api"));
        Assert.Equal("Standard", submit.GetTagItem("aidge.edition"));
        Assert.Equal(1, submit.GetTagItem("aidge.sub_task.count"));
        Assert.Equal(3, submit.GetTagItem("aidge.attempts"));
        Assert.Equal("RateLimited", submit.GetTagItem("aidge.retry.reason"));
        Assert.Equal(200, submit.GetTagItem("aidge.res_code"));
        Assert.Equal(operation.TaskId, submit.GetTagItem("aidge.task_id"));
        Assert.Equal(("127.0.0.1", _server.BaseAddress.Port), (submit.GetTagItem("server.address"), submit.GetTagItem("server.port")));
        Assert.Equal(2, submit.Events.Count(e => e.Name == "retry"));
        Assert.Equal(ActivityStatusCode.Unset, submit.Status);

        Activity wait = Assert.Single(_collected.Activities(parent), a => a.OperationName == "TryOnOperation.WaitForCompletion");
        Assert.Equal("finished", wait.GetTagItem("aidge.task.status"));
        Activity[] queries = _collected.Activities(parent).Where(a => a.OperationName == "TryOnClient.GetResult").ToArray();
        Assert.NotEmpty(queries);
        Assert.Equal(queries.Length, wait.GetTagItem("aidge.polls"));
        Assert.All(queries, query => Assert.Equal(wait.SpanId, query.ParentSpanId));

        Assert.Equal(2, _collected.Sum("aidge.client.submits", ("aidge.outcome", "rate_limited")));
        Assert.Equal(1, _collected.Sum("aidge.client.submits", ("aidge.outcome", "accepted")));
        Assert.Equal(2, _collected.Sum("aidge.client.retries", ("aidge.retry.reason", "RateLimited")));
        Assert.Equal(2, _collected.Sum("aidge.client.rate_limited"));
        Assert.Equal(1, _collected.Count("aidge.client.call.duration", ("aidge.api", "/ai/virtual/tryon")));
        Assert.Equal(queries.Length, _collected.Count("aidge.client.call.duration", ("aidge.api", "/ai/virtual/tryon-results")));
        Assert.Equal(1, _collected.Sum("aidge.client.tasks.ended", ("aidge.task.status", "finished")));
        Assert.Equal(1, _collected.Count("aidge.client.task.duration"));
    }

    [Fact]
    public async Task A_refused_submit_a_failed_task_and_a_timeout_set_the_status_and_error_type()
    {
        using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));
        using var parent = new Activity("the caller's work").Start();

        _server.InjectFault(FakeAidgeFault.Error(700, "fields: clothesList[0].imageUrl"), FakeAidgeApi.Submit);
        await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(new NamedModelTop(GarmentUrl)));
        _server.InjectFault(FakeAidgeFault.TaskFails(), FakeAidgeApi.Submit);
        TryOnOperation failing = await client.SubmitAsync(new NamedModelTop(GarmentUrl));
        await Assert.ThrowsAsync<TryOnTaskFailedException>(() => failing.WaitForCompletionAsync(Deadline()));
        _server.InjectFault(FakeAidgeFault.Slow(TimeSpan.FromSeconds(20)), FakeAidgeApi.Submit);
        TryOnClientOptions impatient = Fast(_server.CreateClientOptions());
        impatient.RequestTimeout = TimeSpan.FromMilliseconds(200);
        using var impatientClient = new TryOnClient(_server.Credential, impatient);
        Assert.Equal(AidgeErrorKind.Timeout, (await Assert.ThrowsAsync<AidgeException>(() => impatientClient.SubmitAsync(new NamedModelTop(GarmentUrl)))).Kind);
        parent.Stop();

        Activity[] submits = _collected.Activities(parent).Where(a => a.OperationName == "TryOnClient.Submit").ToArray();
        Assert.Equal(3, submits.Length);
        Assert.Equal((ActivityStatusCode.Error, "InvalidInput", 700), (submits[0].Status, submits[0].GetTagItem("error.type"), submits[0].GetTagItem("aidge.res_code")));
        Assert.Equal(ActivityStatusCode.Unset, submits[1].Status);
        Assert.Equal((ActivityStatusCode.Error, "Timeout"), (submits[2].Status, submits[2].GetTagItem("error.type")));
        Activity wait = Assert.Single(_collected.Activities(parent), a => a.OperationName == "TryOnOperation.WaitForCompletion");
        Assert.Equal((ActivityStatusCode.Error, "failed", "TaskFailed"), (wait.Status, wait.GetTagItem("aidge.task.status"), wait.GetTagItem("error.type")));

        Assert.Equal(1, _collected.Sum("aidge.client.submits", ("aidge.outcome", "refused")));
        Assert.Equal(1, _collected.Sum("aidge.client.submits", ("aidge.outcome", "accepted")));
        Assert.Equal(1, _collected.Sum("aidge.client.submits", ("aidge.outcome", "in_doubt")));
        Assert.Equal(1, _collected.Sum("aidge.client.tasks.ended", ("aidge.task.status", "failed")));
        Assert.Equal(0, _collected.Count("aidge.client.task.duration"));
        Assert.Equal(1, _collected.Count("aidge.client.call.duration", ("error.type", "InvalidInput")));
    }

    [Fact]
    public async Task No_tag_event_or_measurement_holds_the_secret_the_sign_the_access_key_a_query_or_an_image_URL()
    {
        TryOnClientOptions options = Fast(_server.CreateClientOptions());
        options.UseTrialResource = true;
        using var client = new TryOnClient(_server.Credential, options);
        using var wrongSecret = new TryOnClient(new AidgeCredential(FakeAidgeServerOptions.DefaultAccessKey, "not-the-secret"), Fast(_server.CreateClientOptions()));
        FakeAidgeFault[] faults =
        {
            FakeAidgeFault.Error(501), FakeAidgeFault.Error(700, "echo app_key=" + FakeAidgeServerOptions.DefaultAccessKey), FakeAidgeFault.Error(500),
            FakeAidgeFault.HtmlPage(502), FakeAidgeFault.TruncatedBody(), FakeAidgeFault.DropConnection(), FakeAidgeFault.WrongContentType(), FakeAidgeFault.TaskFails(),
        };

        foreach (FakeAidgeFault fault in faults)
        {
            _server.InjectFault(fault, FakeAidgeApi.Submit);
            try
            {
                await (await client.SubmitAsync(new SummerSuit(GarmentUrl, "https://shop.example/shorts.jpg"))).WaitForCompletionAsync(Deadline());
            }
            catch (AidgeException)
            {
            }
        }

        await Assert.ThrowsAsync<AidgeException>(() => wrongSecret.SubmitAsync(new NamedModelTop(GarmentUrl)));

        List<string> texts = _collected.AllText();
        Assert.True(texts.Count > 100, texts.Count + " texts collected");
        var forbidden = new List<string> { FakeAidgeServerOptions.DefaultSecret, "not-the-secret", FakeAidgeServerOptions.DefaultAccessKey, "?", "https://", "/results/", GarmentUrl, "sign=" };
        forbidden.AddRange(_server.Requests.Select(r => r.Query["sign"]));
        foreach (string text in texts)
        {
            foreach (string secret in forbidden)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    private static TryOnClientOptions Fast(TryOnClientOptions options)
    {
        options.PollingInterval = TimeSpan.FromMilliseconds(20);
        options.MaxPollingInterval = TimeSpan.FromMilliseconds(40);
        options.RetryDelay = TimeSpan.FromMilliseconds(5);
        return options;
    }

    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    /// <summary>Every activity of the Aidge source and every measurement of its meter, while the test runs.</summary>
    private sealed class Collected : IDisposable
    {
        private readonly ActivityListener _activities;
        private readonly MeterListener _meters = new();
        private readonly ConcurrentQueue<Activity> _stopped = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public Collected()
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == AidgeTelemetry.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_activities);
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AidgeTelemetry.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _meters.Start();
        }

        /// <summary>The Aidge activities under <paramref name="root"/>, in the order they started.</summary>
        public Activity[] Activities(Activity root) => _stopped.Where(a => a.TraceId == root.TraceId).OrderBy(a => a.StartTimeUtc).ToArray();

        public double Sum(string instrument, params (string Key, object Value)[] tags) => Matching(instrument, tags).Sum(m => m.Value);

        public int Count(string instrument, params (string Key, object Value)[] tags) => Matching(instrument, tags).Count();

        /// <summary>Every name, tag key and value, event and status text collected, as text.</summary>
        public List<string> AllText()
        {
            var texts = new List<string>();
            foreach (Activity activity in _stopped)
            {
                texts.Add(activity.OperationName);
                texts.Add(activity.DisplayName);
                texts.Add(activity.StatusDescription ?? string.Empty);
                texts.AddRange(activity.TagObjects.Select(tag => tag.Key + "=" + tag.Value));
                texts.AddRange(activity.Events.SelectMany(e => e.Tags.Select(tag => e.Name + ":" + tag.Key + "=" + tag.Value)));
            }

            texts.AddRange(_measurements.SelectMany(m => m.Tags.Select(tag => m.Instrument + ":" + tag.Key + "=" + tag.Value)));
            return texts;
        }

        public void Dispose()
        {
            _activities.Dispose();
            _meters.Dispose();
        }

        private IEnumerable<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Matching(string instrument, (string Key, object Value)[] tags) =>
            _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(tag => tag.Key == t.Key && Equals(tag.Value, t.Value))));
    }
}
