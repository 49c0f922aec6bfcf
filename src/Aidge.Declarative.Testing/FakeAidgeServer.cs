using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Client;
using Aidge.Declarative.Client.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Testing
{
    /// <summary>
    /// A fake Aidge try-on service on Kestrel, bound to 127.0.0.1 on a free port. It verifies each call's
    /// IOP v2 signature as the gateway does, applies the API's rules to requestParams, runs tasks through
    /// submitted, running and finished, answers in the shapes the vendor documents (see
    /// <see cref="FakeAidgeServerOptions.SubmitForm"/> and <see cref="FakeAidgeServerOptions.QueryForm"/> for the
    /// others), injects faults on demand, and records every request it received.
    /// </summary>
    /// <remarks>
    /// It is a stand-in, not the service: where the vendor is silent it guesses, and each guess is named as one
    /// where it is made (<see cref="FakeAidgeServerOptions"/>, the gateway's refusals, the submit budget, the tasks).
    /// </remarks>
    /// <example>
    /// <code>
    /// await using var server = await FakeAidgeServer.StartAsync();
    /// using var client = new TryOnClient(server.Credential, server.CreateClientOptions());
    /// </code>
    /// </example>
    public sealed class FakeAidgeServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly FakeAidgeServerOptions _options;
        private readonly ConcurrentQueue<FakeAidgeRequest> _requests = new();
        private readonly ConcurrentDictionary<string, FakeTask> _tasks = new(StringComparer.Ordinal);
        private readonly SubmitWindow _submitWindow = new();
        private readonly FaultQueue<FakeAidgeFault> _faults = new();
        private readonly FaultQueue<FakeAidgePictureFault> _pictureFaults = new();
        private int _pictureFetches;
        private readonly string _taskIdPrefix;
        private readonly object _taskLogLock = new();
        private int _nextTaskId;
        private int _nextRequestId;

        private FakeAidgeServer(WebApplication app, FakeAidgeServerOptions options)
        {
            _app = app;
            _options = options;

            // Task ids are unique across servers (a random first group), so that no id of an earlier server is ever given again.
            _taskIdPrefix = Guid.NewGuid().ToString("N").Substring(0, 8) + "-0000-4000-8000-";
            string name = options.ServiceName ?? Guid.NewGuid().ToString("N");
            if (options.TaskLogPath is { } log)
            {
                name = FakeTaskLog.NameOf(log, name);
            }

            ServiceName = name.StartsWith(ServiceNamePrefix, StringComparison.Ordinal) ? name : ServiceNamePrefix + name;
            if (options.TaskLogPath is { } path && File.Exists(path))
            {
                foreach (FakeTask task in FakeTaskLog.Read(path))
                {
                    _tasks[task.Id] = task;
                }
            }
        }

        /// <summary>Scheme, host and port: what <see cref="TryOnClientOptions.Endpoint"/> takes.</summary>
        public Uri BaseAddress { get; private set; } = null!;

        /// <summary>
        /// The name this server goes by, as <see cref="TryOnClient.ServiceName"/> (<c>fake-aidge:</c> and
        /// <see cref="FakeAidgeServerOptions.ServiceName"/>): a new one for each server, unless the options name it or its task log
        /// recorded one, so that a server started again on its task log is the same service to a ledger, and no other server is.
        /// </summary>
        public string ServiceName { get; }

        /// <summary>What every fake server's name starts with.</summary>
        public const string ServiceNamePrefix = "fake-aidge:";

        /// <summary>A credential the server accepts (its default key).</summary>
        /// <exception cref="InvalidOperationException">The options took the default key out of <see cref="FakeAidgeServerOptions.Keys"/>.</exception>
        public AidgeCredential Credential => _options.Keys.TryGetValue(FakeAidgeServerOptions.DefaultAccessKey, out string? secret)
            ? new AidgeCredential(FakeAidgeServerOptions.DefaultAccessKey, secret)
            : throw new InvalidOperationException(
                "The server's Keys no longer hold its default key " + FakeAidgeServerOptions.DefaultAccessKey + ": make the credential of a key you gave it (new AidgeCredential(key, secret)).");

        /// <summary>Every request received so far, in order.</summary>
        public IReadOnlyList<FakeAidgeRequest> Requests => _requests.ToArray();

        /// <summary>
        /// The ids of the tasks the server made from a sub-task whose first garment is <paramref name="garmentUrl"/>, in the order it made
        /// them: what the vendor's console would show a seller looking for a task whose answer never reached them.
        /// </summary>
        public IReadOnlyList<string> TaskIdsFor(string garmentUrl) =>
            _tasks.Values
                .Where(task => task.SubTasks.Any(subTask => string.Equals(subTask.GarmentUrl, garmentUrl, StringComparison.Ordinal)))
                .OrderBy(task => task.SubmittedAt)
                .ThenBy(task => task.Id, StringComparer.Ordinal)
                .Select(task => task.Id)
                .ToArray();

        /// <summary>How many submits reached the server (whatever it answered).</summary>
        public int SubmitCount => _requests.Count(r => r.IsSubmit);

        /// <summary>Starts a server.</summary>
        /// <exception cref="ArgumentException"><see cref="FakeAidgeServerOptions.Balances"/> names something that is no submit API.</exception>
        public static async Task<FakeAidgeServer> StartAsync(FakeAidgeServerOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= new FakeAidgeServerOptions();
            string[] apis = { TryOnRules.SubmitApiName(TryOnEdition.Standard), TryOnRules.SubmitApiName(TryOnEdition.Pro) };
            foreach (string api in options.Balances.Keys)
            {
                if (Array.IndexOf(apis, api) < 0)
                {
                    throw new ArgumentException("FakeAidgeServerOptions.Balances names '" + api + "', which is no submit API: give " + string.Join(" or ", apis) + ".", nameof(options));
                }
            }

            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();

            // The host's console lifetime would take Ctrl-C and SIGTERM from the process that hosts the server (a test run, a sample):
            // the server lives as long as its owner disposes of it, and no longer stands between the process and its signals.
            builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoSignals>();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
            WebApplication app = builder.Build();

            // The server exists before it listens: no request can find it half made.
            var server = new FakeAidgeServer(app, options);
            app.Run(server.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.BaseAddress = new Uri(address);
            return server;
        }

        /// <summary>Client settings that call this server, with its names for the body's parameters.</summary>
        public TryOnClientOptions CreateClientOptions() =>
            new() { Endpoint = BaseAddress, ServiceName = ServiceName, RequestParamsName = _options.RequestParamsName, QueryTaskIdName = _options.QueryTaskIdName };

        /// <summary>Applies a fault to the next <paramref name="times"/> calls of a kind (<see cref="int.MaxValue"/>: to all).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
        public void InjectFault(FakeAidgeFault fault, FakeAidgeApi api = FakeAidgeApi.Any, int times = 1) =>
            _faults.Add(fault ?? throw new ArgumentNullException(nameof(fault)), api, AtLeastOnce(times));

        /// <summary>Removes every fault not applied yet.</summary>
        public void ClearFaults() => _faults.Clear();

        /// <summary>Applies a fault to the next <paramref name="times"/> picture fetches (<see cref="int.MaxValue"/>: to all).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
        public void InjectPictureFault(FakeAidgePictureFault fault, int times = 1)
        {
            if (fault is null)
            {
                throw new ArgumentNullException(nameof(fault));
            }

            _pictureFaults.Add(fault, FakeAidgeApi.Any, AtLeastOnce(times));
        }

        private static int AtLeastOnce(int times) =>
            times >= 1 ? times : throw new ArgumentOutOfRangeException(nameof(times), times, "A fault applies to 1 call or more (int.MaxValue: to all).");

        /// <summary>How many times a picture was fetched (whatever was answered).</summary>
        public int PictureFetches => Volatile.Read(ref _pictureFetches);

        /// <summary>Stops the server.</summary>
        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        private async Task HandleAsync(HttpContext context)
        {
            // A picture is a storage link, not an API call: no gateway, no signature, no record among the API's requests.
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments(FakePictures.PathPrefix.TrimEnd('/'), StringComparison.Ordinal))
            {
                await PictureAsync(context).ConfigureAwait(false);
                return;
            }

            FakeAidgeRequest entry = await ReceiveAsync(context).ConfigureAwait(false);
            if (_options.RecordRequests)
            {
                _requests.Enqueue(entry);
            }

            if (!entry.IsSubmit && !entry.IsQuery && !entry.IsBalance)
            {
                await GatewayErrorAsync(context, ("InvalidApiPath", "The specified API path is invalid: " + entry.Path)).ConfigureAwait(false);
                return;
            }

            FakeAidgeFault? fault = _faults.Take(entry.IsSubmit ? FakeAidgeApi.Submit : entry.IsQuery ? FakeAidgeApi.Query : FakeAidgeApi.Balance);
            entry.Fault = fault;
            switch (fault?.Kind)
            {
                case FakeAidgeFaultKind.Slow:
                    try
                    {
                        await Task.Delay(fault.Delay, _options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    break;
                case FakeAidgeFaultKind.DropConnection:
                    context.Abort();
                    return;
                case FakeAidgeFaultKind.HtmlPage:
                    context.Response.StatusCode = fault.HttpStatus;
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html><body><h1>" + fault.HttpStatus + " Bad Gateway</h1></body></html>", context.RequestAborted).ConfigureAwait(false);
                    return;
            }

            if (FakeGateway.Check(entry, _options, Now) is { } refusal)
            {
                await GatewayErrorAsync(context, refusal).ConfigureAwait(false);
                return;
            }

            switch (fault?.Kind)
            {
                case FakeAidgeFaultKind.GatewayRefusal:
                    entry.ResCode = 0;
                    await WriteAsync(context, fault: null, fault.HttpStatus, FakeAnswers.GatewayError(fault.ContentType!, fault.GatewayCode!, fault.Message!, NextRequestId())).ConfigureAwait(false);
                    return;
                case FakeAidgeFaultKind.RawBody:
                    context.Response.StatusCode = fault.HttpStatus;
                    context.Response.ContentType = fault.ContentType;
                    await context.Response.WriteAsync(fault.Message!, context.RequestAborted).ConfigureAwait(false);
                    return;
                case FakeAidgeFaultKind.Error:
                    await EnvelopeAsync(context, entry, fault.ResCode, fault.Message!, data: null, fault.HttpStatus).ConfigureAwait(false);
                    return;
            }

            if (entry.ContentType is null || !entry.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                await EnvelopeAsync(context, entry, AidgeResCodes.InvalidInput, "Content-Type must be application/json", data: null).ConfigureAwait(false);
                return;
            }

            await (entry.IsSubmit ? SubmitAsync(context, entry) : entry.IsQuery ? QueryAsync(context, entry) : BalanceAsync(context, entry)).ConfigureAwait(false);
        }

        /// <summary>The paid calls left for an API (<see cref="FakeAidgeServerOptions.Balances"/>, less what accepted submits spent).</summary>
        public decimal BalanceOf(TryOnEdition edition)
        {
            lock (_options.Balances)
            {
                return _options.Balances.TryGetValue(TryOnRules.SubmitApiName(edition), out decimal balance) ? balance : 0;
            }
        }

        private async Task<FakeAidgeRequest> ReceiveAsync(HttpContext context)
        {
            HttpRequest request = context.Request;
            string body;
            using (var reader = new StreamReader(request.Body, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            }

            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> pair in request.Query)
            {
                query[pair.Key] = pair.Value.ToString();
            }

            string? trial = request.Headers.TryGetValue(WireNames.TrialHeader, out Microsoft.Extensions.Primitives.StringValues header) ? header.ToString() : null;
            return new FakeAidgeRequest(Now, request.Path.Value ?? string.Empty, query, request.Query.Select(q => q.Key).ToArray(), request.ContentType, trial, body);
        }

        private async Task SubmitAsync(HttpContext context, FakeAidgeRequest entry)
        {
            // The gateway refuses a call the quota cannot pay for before the API sees it; the quota is spent only when the API accepts it.
            if (!entry.Trial && BalanceOf(entry.Edition!.Value) < 1)
            {
                await GatewayErrorAsync(context, FakeGateway.NoResource).ConfigureAwait(false);
                return;
            }

            if (!_submitWindow.TryTake(entry.Query[IopSignature.AppKeyParameter], Now, _options))
            {
                await EnvelopeAsync(context, entry, AidgeResCodes.RateLimitExceeded, "rate limit exceeded", data: null).ConfigureAwait(false);
                return;
            }

            List<string> problems;
            List<RequestParamsChecker.SubTask> subTasks;
            try
            {
                using JsonDocument document = JsonDocument.Parse(entry.Body);
                if (document.RootElement.ValueKind != JsonValueKind.Object ||
                    !document.RootElement.TryGetProperty(_options.RequestParamsName, out JsonElement text) || text.ValueKind != JsonValueKind.String)
                {
                    problems = new List<string> { _options.RequestParamsName + " is required and must be a string" };
                    subTasks = new List<RequestParamsChecker.SubTask>();
                }
                else
                {
                    using JsonDocument requestParams = JsonDocument.Parse(text.GetString()!);
                    problems = RequestParamsChecker.Check(requestParams.RootElement, acceptSingleObject: entry.Edition == TryOnEdition.Pro, out subTasks);
                }
            }
            catch (JsonException exception)
            {
                problems = new List<string> { "the body or " + _options.RequestParamsName + " is not JSON: " + exception.Message };
                subTasks = new List<RequestParamsChecker.SubTask>();
            }

            if (problems.Count != 0)
            {
                await EnvelopeAsync(context, entry, AidgeResCodes.InvalidInput, "invalid input: " + string.Join("; ", problems), data: null).ConfigureAwait(false);
                return;
            }

            // The paid quota is spent by an accepted submit that did not ask for the trial quota; none left, and the gateway refuses it.
            if (!entry.Trial && !TrySpend(TryOnRules.SubmitApiName(entry.Edition!.Value)))
            {
                await GatewayErrorAsync(context, FakeGateway.NoResource).ConfigureAwait(false);
                return;
            }

            int number = Interlocked.Increment(ref _nextTaskId);
            string taskId = _taskIdPrefix + number.ToString("D12", CultureInfo.InvariantCulture);
            TaskFate fate = entry.Fault?.Kind switch
            {
                FakeAidgeFaultKind.TaskFails => TaskFate.Fails,
                FakeAidgeFaultKind.TaskNeverEnds => TaskFate.NeverEnds,
                _ => TaskFate.Finishes,
            };
            var accepted = new FakeTask(taskId, Now, subTasks, fate);
            _tasks[taskId] = accepted;
            if (_options.TaskLogPath is { } log)
            {
                lock (_taskLogLock)
                {
                    FakeTaskLog.Append(log, accepted);
                }
            }

            await EnvelopeAsync(context, entry, AidgeResCodes.Success, "success", FakeAnswers.SubmitData(taskId, _options.SubmitForm)).ConfigureAwait(false);
        }

        private async Task QueryAsync(HttpContext context, FakeAidgeRequest entry)
        {
            string? taskId = StringField(entry.Body, _options.QueryTaskIdName);

            if (taskId is null || !_tasks.TryGetValue(taskId, out FakeTask? task))
            {
                string problem = taskId is null ? _options.QueryTaskIdName + " is required" : _options.QueryTaskIdName + " '" + taskId + "' is unknown";
                await EnvelopeAsync(context, entry, AidgeResCodes.InvalidInput, "invalid input: " + problem, data: null).ConfigureAwait(false);
                return;
            }

            await EnvelopeAsync(context, entry, AidgeResCodes.Success, "success", FakeAnswers.QueryData(task, task.StatusAt(Now, _options), _options, ImageBase)).ConfigureAwait(false);
        }

        private bool TrySpend(string api)
        {
            lock (_options.Balances)
            {
                if (!_options.Balances.TryGetValue(api, out decimal balance) || balance < 1)
                {
                    return false;
                }

                _options.Balances[api] = balance - 1;
                return true;
            }
        }

        private async Task BalanceAsync(HttpContext context, FakeAidgeRequest entry)
        {
            string? apiPath = StringField(entry.Body, WireNames.Balance.ApiPath);

            decimal balance = 0;
            bool known;
            lock (_options.Balances)
            {
                known = apiPath is not null && _options.Balances.TryGetValue(apiPath, out balance);
            }

            if (!known)
            {
                // A guess: the vendor does not say how an unknown or missing apiPath is refused.
                await GatewayErrorAsync(context, ("InvalidParameter", WireNames.Balance.ApiPath + " must name an API, such as " + TryOnRules.SubmitApiName(TryOnEdition.Standard))).ConfigureAwait(false);
                return;
            }

            entry.ResCode = AidgeResCodes.Success;
            await WriteAsync(context, entry.Fault, StatusCodes.Status200OK, FakeAnswers.Balance(balance, _options.BalanceAsString, NextRequestId(), NextRequestId())).ConfigureAwait(false);
        }

        // A body's one string field, as a query or a balance call sends it; null when the body is no JSON object holding it.
        private static string? StringField(string body, string name)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out JsonElement value) &&
                    value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private Task GatewayErrorAsync(HttpContext context, (string Code, string Message) refusal) =>
            WriteAsync(context, fault: null, StatusCodes.Status200OK, FakeAnswers.GatewayError(FakeGateway.CallerFault, refusal.Code, refusal.Message, NextRequestId()));

        // Submits answer with success and resCode as strings, as the vendor's sample submit answer does; queries as
        // the pages type them.
        private Task EnvelopeAsync(HttpContext context, FakeAidgeRequest entry, int resCode, string resMessage, Action<Utf8JsonWriter>? data, int httpStatus = StatusCodes.Status200OK)
        {
            byte[] body = FakeAnswers.Envelope(resCode, resMessage, NextRequestId(), NextRequestId(), stringly: entry.IsSubmit, data);
            entry.ResCode = entry.Fault?.Kind == FakeAidgeFaultKind.TruncatedBody ? 0 : resCode;
            return WriteAsync(context, entry.Fault, httpStatus, body);
        }

        private async Task WriteAsync(HttpContext context, FakeAidgeFault? fault, int httpStatus, byte[] body)
        {
            if (fault?.Kind == FakeAidgeFaultKind.SlowAnswer)
            {
                try
                {
                    await Task.Delay(fault.Delay, _options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;   // the client is gone; what the call did stays done
                }
            }

            context.Response.StatusCode = httpStatus;
            context.Response.ContentType = fault?.Kind == FakeAidgeFaultKind.WrongContentType ? "text/plain" : "application/json";
            if (fault?.Kind == FakeAidgeFaultKind.TruncatedBody)
            {
                body = body.AsSpan(0, body.Length / 2).ToArray();
            }

            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }

        private string NextRequestId() => "fake" + Interlocked.Increment(ref _nextRequestId).ToString("D12", CultureInfo.InvariantCulture);

        private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

        // Where the answers say the pictures are: the options' base, or this server's own.
        private string ImageBase => _options.ImageBaseUrl ?? BaseAddress.GetLeftPart(UriPartial.Authority) + FakePictures.PathPrefix;



        // /results/{taskId}/{subTask}/{n}.png: the picture of a finished task's sub-task, or 404.
        private async Task PictureAsync(HttpContext context)
        {
            Interlocked.Increment(ref _pictureFetches);
            HttpResponse response = context.Response;
            switch (_pictureFaults.Take(FakeAidgeApi.Any))
            {
                case { Kind: FakeAidgePictureFaultKind.NotFound }:
                    response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                case { Kind: FakeAidgePictureFaultKind.NotAnImage }:
                    response.ContentType = "image/jpeg";
                    await response.WriteAsync("<html><body>Access denied</body></html>", context.RequestAborted).ConfigureAwait(false);
                    return;
                case { Kind: FakeAidgePictureFaultKind.Redirect } redirect:
                    response.StatusCode = StatusCodes.Status302Found;
                    response.Headers.Location = redirect.Location!.ToString();
                    return;
                case { Kind: FakeAidgePictureFaultKind.TooLarge } large:
                    response.ContentType = "image/png";
                    response.ContentLength = large.DeclaresLength ? large.Length : null;
                    byte[] start = FakePictures.Png("large", 0, 1);
                    var chunk = new byte[64 * 1024];
                    Array.Copy(start, chunk, Math.Min(start.Length, chunk.Length));
                    try
                    {
                        for (long sent = 0; sent < large.Length; sent += chunk.Length)
                        {
                            await response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, large.Length - sent)), context.RequestAborted).ConfigureAwait(false);
                            Array.Clear(chunk, 0, Math.Min(start.Length, chunk.Length));
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        // The client stopped reading, as it should past its cap.
                    }

                    return;
                case { Kind: FakeAidgePictureFaultKind.Trickle } trickle:
                    byte[] slow = FakePictures.Png("slow", 0, 1);
                    response.ContentType = "image/png";
                    response.ContentLength = slow.Length;
                    await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                    try
                    {
                        foreach (byte b in slow)
                        {
                            await response.Body.WriteAsync(new[] { b }, context.RequestAborted).ConfigureAwait(false);
                            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                            await Task.Delay(trickle.Interval, context.RequestAborted).ConfigureAwait(false);
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        // The client gave up, as it should.
                    }

                    return;
            }

            string[] parts = context.Request.Path.Value!.Substring(FakePictures.PathPrefix.Length).Split('/');
            if (parts.Length == 3 && _tasks.TryGetValue(parts[0], out FakeTask? task) && task.StatusAt(Now, _options) == TryOnTaskStatus.Finished &&
                int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int subTask) && subTask < task.SubTasks.Count &&
                parts[2].EndsWith(".png", StringComparison.Ordinal) &&
                int.TryParse(parts[2].Substring(0, parts[2].Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out int number) &&
                number >= 1 && number <= task.SubTasks[subTask].PictureCount)
            {
                byte[] png = FakePictures.Png(task.Id, subTask, number);
                response.ContentType = "image/png";
                response.ContentLength = png.Length;
                await response.Body.WriteAsync(png, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            response.StatusCode = StatusCodes.Status404NotFound;
        }

        /// <summary>A host lifetime that neither waits for nor handles the process's signals.</summary>
        private sealed class NoSignals : Microsoft.Extensions.Hosting.IHostLifetime
        {
            public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
