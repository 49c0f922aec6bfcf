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
    /// submitted, running and finished, injects faults on demand, and records every request it received.
    /// </summary>
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
        private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _submitsByKey = new(StringComparer.Ordinal);
        private readonly List<(FakeAidgeApi Api, FakeAidgeFault Fault, int Remaining)> _faults = new();
        private int _nextTaskId;
        private int _nextRequestId;

        private FakeAidgeServer(WebApplication app, FakeAidgeServerOptions options)
        {
            _app = app;
            _options = options;
        }

        /// <summary>Scheme, host and port: what <see cref="TryOnClientOptions.Endpoint"/> takes.</summary>
        public Uri BaseAddress { get; private set; } = null!;

        /// <summary>A credential the server accepts (its default key).</summary>
        public AidgeCredential Credential => new(FakeAidgeServerOptions.DefaultAccessKey, _options.Keys[FakeAidgeServerOptions.DefaultAccessKey]);

        /// <summary>Every request received so far, in order.</summary>
        public IReadOnlyList<FakeAidgeRequest> Requests => _requests.ToArray();

        /// <summary>How many submits reached the server (whatever it answered).</summary>
        public int SubmitCount => _requests.Count(r => r.IsSubmit);

        /// <summary>Starts a server.</summary>
        public static async Task<FakeAidgeServer> StartAsync(FakeAidgeServerOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= new FakeAidgeServerOptions();
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            WebApplication app = builder.Build();

            // The server exists before it listens: no request can find it half made.
            var server = new FakeAidgeServer(app, options);
            app.Run(server.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.BaseAddress = new Uri(address);
            return server;
        }

        /// <summary>Client settings that call this server.</summary>
        public TryOnClientOptions CreateClientOptions() => new() { Endpoint = BaseAddress };

        /// <summary>Applies a fault to the next <paramref name="times"/> calls of a kind (<see cref="int.MaxValue"/>: to all).</summary>
        public void InjectFault(FakeAidgeFault fault, FakeAidgeApi api = FakeAidgeApi.Any, int times = 1)
        {
            if (fault is null)
            {
                throw new ArgumentNullException(nameof(fault));
            }

            lock (_faults)
            {
                _faults.Add((api, fault, times));
            }
        }

        /// <summary>Removes every fault not applied yet.</summary>
        public void ClearFaults()
        {
            lock (_faults)
            {
                _faults.Clear();
            }
        }

        /// <summary>Stops the server.</summary>
        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        private async Task HandleAsync(HttpContext context)
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

            var entry = new FakeAidgeRequest(
                Now, request.Path.Value ?? string.Empty, query, request.Query.Select(q => q.Key).ToArray(), request.ContentType,
                string.Equals(request.Headers["x-iop-trial"], "true", StringComparison.OrdinalIgnoreCase), body);
            if (_options.RecordRequests)
            {
                _requests.Enqueue(entry);
            }

            if (!entry.IsSubmit && !entry.IsQuery)
            {
                await GatewayErrorAsync(context, entry, "InvalidApi", "No API at " + entry.Path + ".").ConfigureAwait(false);
                return;
            }

            FakeAidgeFault? fault = TakeFault(entry.IsSubmit ? FakeAidgeApi.Submit : FakeAidgeApi.Query);
            entry.Fault = fault?.ToString();
            switch (fault?.Kind)
            {
                case "slow":
                    try
                    {
                        await Task.Delay(fault.Delay, _options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    break;
                case "drop":
                    context.Abort();
                    return;
                case "html":
                    context.Response.StatusCode = fault.HttpStatus;
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html><body><h1>" + fault.HttpStatus + " Bad Gateway</h1></body></html>", context.RequestAborted).ConfigureAwait(false);
                    return;
            }

            if (CheckGateway(entry) is { } gateway)
            {
                await GatewayErrorAsync(context, entry, gateway.Code, gateway.Message).ConfigureAwait(false);
                return;
            }

            if (fault?.Kind == "raw")
            {
                context.Response.StatusCode = fault.HttpStatus;
                context.Response.ContentType = fault.ContentType;
                await context.Response.WriteAsync(fault.Message!, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (fault?.Kind == "error")
            {
                await EnvelopeAsync(context, entry, fault, fault.ResCode, fault.Message!, data: null, fault.HttpStatus).ConfigureAwait(false);
                return;
            }

            if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                await EnvelopeAsync(context, entry, fault, AidgeResCodes.InvalidInput, "Content-Type must be application/json", data: null).ConfigureAwait(false);
                return;
            }

            if (entry.IsSubmit)
            {
                await SubmitAsync(context, entry, fault).ConfigureAwait(false);
            }
            else
            {
                await QueryAsync(context, entry, fault).ConfigureAwait(false);
            }
        }

        private async Task SubmitAsync(HttpContext context, FakeAidgeRequest entry, FakeAidgeFault? fault)
        {
            if (!WithinBudget(entry.Query[IopSignature.AppKeyParameter]))
            {
                await EnvelopeAsync(context, entry, fault, AidgeResCodes.RateLimitExceeded, "rate limit exceeded", data: null).ConfigureAwait(false);
                return;
            }

            List<string> problems;
            List<RequestParamsChecker.SubTask> subTasks;
            try
            {
                using JsonDocument document = JsonDocument.Parse(entry.Body);
                if (!document.RootElement.TryGetProperty(TryOnRules.Fields.RequestParams, out JsonElement text) || text.ValueKind != JsonValueKind.String)
                {
                    problems = new List<string> { "requestParams is required and must be a string" };
                    subTasks = new List<RequestParamsChecker.SubTask>();
                }
                else
                {
                    using JsonDocument requestParams = JsonDocument.Parse(text.GetString()!);
                    problems = RequestParamsChecker.Check(requestParams.RootElement, out subTasks);
                }
            }
            catch (JsonException exception)
            {
                problems = new List<string> { "the body or requestParams is not JSON: " + exception.Message };
                subTasks = new List<RequestParamsChecker.SubTask>();
            }

            if (problems.Count != 0)
            {
                await EnvelopeAsync(context, entry, fault, AidgeResCodes.InvalidInput, "invalid input: " + string.Join("; ", problems), data: null).ConfigureAwait(false);
                return;
            }

            int number = Interlocked.Increment(ref _nextTaskId);
            string taskId = "00000000-0000-4000-8000-" + number.ToString("D12", CultureInfo.InvariantCulture);
            TaskFate fate = fault?.Kind switch
            {
                "task-fails" => TaskFate.Fails,
                "task-never-ends" => TaskFate.NeverEnds,
                _ => TaskFate.Finishes,
            };
            _tasks[taskId] = new FakeTask(taskId, Now, subTasks, fate);

            // The vendor's sample shape: data.result a JSON string, success and resCode as strings.
            await EnvelopeAsync(context, entry, fault, AidgeResCodes.Success, "success", writer =>
            {
                writer.WriteStartObject("data");
                writer.WriteString("result", "{\"taskId\":\"" + taskId + "\"}");
                writer.WriteEndObject();
            }, stringly: true).ConfigureAwait(false);
        }

        private async Task QueryAsync(HttpContext context, FakeAidgeRequest entry, FakeAidgeFault? fault)
        {
            string? taskId = null;
            try
            {
                using JsonDocument document = JsonDocument.Parse(entry.Body);
                if (document.RootElement.TryGetProperty(TryOnRules.Fields.QueryTaskId, out JsonElement id) && id.ValueKind == JsonValueKind.String)
                {
                    taskId = id.GetString();
                }
            }
            catch (JsonException)
            {
            }

            if (taskId is null || !_tasks.TryGetValue(taskId, out FakeTask? task))
            {
                await EnvelopeAsync(context, entry, fault, AidgeResCodes.InvalidInput, "invalid input: task_id " + (taskId is null ? "is required" : "'" + taskId + "' is unknown"), data: null).ConfigureAwait(false);
                return;
            }

            string status = task.StatusAt(Now, _options);
            await EnvelopeAsync(context, entry, fault, AidgeResCodes.Success, "success", writer =>
            {
                writer.WriteStartObject("data");
                writer.WriteString("taskId", task.Id);
                writer.WriteString("taskStatus", status);
                writer.WriteStartArray("taskResult");
                for (int i = 0; i < task.SubTasks.Count; i++)
                {
                    RequestParamsChecker.SubTask subTask = task.SubTasks[i];
                    writer.WriteStartObject();
                    writer.WriteString("taskStatus", status);
                    writer.WriteStartObject("result");
                    writer.WriteStartArray("imageList");
                    if (status == "finished")
                    {
                        for (int n = 1; n <= subTask.GenerateCount; n++)
                        {
                            writer.WriteStartObject();
                            writer.WriteString("imageUrl", _options.ImageBaseUrl + task.Id + "/" + i.ToString(CultureInfo.InvariantCulture) + "/" + n.ToString(CultureInfo.InvariantCulture) + ".png");
                            writer.WriteEndObject();
                        }
                    }

                    writer.WriteEndArray();
                    writer.WriteString("clothes", subTask.GarmentUrl);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }).ConfigureAwait(false);
        }

        // The gateway's checks, in the order it makes them; null when the call passes.
        private (string Code, string Message)? CheckGateway(FakeAidgeRequest entry)
        {
            foreach (string name in IopSignature.Parameters)
            {
                if (!entry.Query.ContainsKey(name))
                {
                    return ("MissingParameter", "The query parameter " + name + " is missing.");
                }
            }

            if (entry.Query[IopSignature.PartnerIdParameter] != IopSignature.PartnerId || entry.Query[IopSignature.SignMethodParameter] != IopSignature.SignMethod || entry.Query[IopSignature.SignVersionParameter] != IopSignature.SignVersion)
            {
                return ("InvalidParameter", "partner_id, sign_method and sign_ver must be aidge, sha256 and v2.");
            }

            if (!_options.Keys.TryGetValue(entry.Query[IopSignature.AppKeyParameter], out string? secret))
            {
                return ("InvalidAppKey", "The app_key is not known.");
            }

            string timestamp = entry.Query[IopSignature.TimestampParameter];
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds) ||
                (Now - DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, milliseconds))).Duration() > _options.TimestampTolerance)
            {
                return ("InvalidTimestamp", "The timestamp is not unix milliseconds within " + _options.TimestampTolerance + " of the server's clock.");
            }

            return IopSignature.Matches(IopSignature.Compute(secret, timestamp), entry.Query[IopSignature.SignParameter])
                ? null
                : ("IncompleteSignature", "The request signature does not conform to platform standards.");
        }

        private bool WithinBudget(string accessKey)
        {
            if (_options.SubmitsPerWindow is not { } budget)
            {
                return true;
            }

            Queue<DateTimeOffset> submits = _submitsByKey.GetOrAdd(accessKey, _ => new Queue<DateTimeOffset>());
            lock (submits)
            {
                DateTimeOffset now = Now;
                while (submits.Count != 0 && now - submits.Peek() >= _options.RateLimitWindow)
                {
                    submits.Dequeue();
                }

                if (submits.Count >= budget)
                {
                    return false;
                }

                submits.Enqueue(now);
                return true;
            }
        }

        private FakeAidgeFault? TakeFault(FakeAidgeApi api)
        {
            lock (_faults)
            {
                for (int i = 0; i < _faults.Count; i++)
                {
                    (FakeAidgeApi target, FakeAidgeFault fault, int remaining) = _faults[i];
                    if (target != FakeAidgeApi.Any && target != api)
                    {
                        continue;
                    }

                    if (remaining == 1)
                    {
                        _faults.RemoveAt(i);
                    }
                    else if (remaining != int.MaxValue)
                    {
                        _faults[i] = (target, fault, remaining - 1);
                    }

                    return fault;
                }

                return null;
            }
        }

        private Task GatewayErrorAsync(HttpContext context, FakeAidgeRequest entry, string code, string message) =>
            WriteJsonAsync(context, entry, fault: null, StatusCodes.Status200OK, writer =>
            {
                writer.WriteString("type", "ISV");
                writer.WriteString("code", code);
                writer.WriteString("message", message);
                writer.WriteString("request_id", NextRequestId());
            });

        private Task EnvelopeAsync(
            HttpContext context, FakeAidgeRequest entry, FakeAidgeFault? fault, int resCode, string resMessage, Action<Utf8JsonWriter>? data,
            int httpStatus = StatusCodes.Status200OK, bool stringly = false)
        {
            entry.ResCode = resCode;
            return WriteJsonAsync(context, entry, fault, httpStatus, writer =>
            {
                writer.WriteString("code", "0");
                data?.Invoke(writer);
                writer.WriteString("requestId", NextRequestId());
                if (stringly)
                {
                    writer.WriteString("success", resCode == AidgeResCodes.Success ? "true" : "false");
                    writer.WriteString("resCode", resCode.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteBoolean("success", resCode == AidgeResCodes.Success);
                    writer.WriteNumber("resCode", resCode);
                }

                writer.WriteString("resMessage", resMessage);
                writer.WriteString("request_id", NextRequestId());
            });
        }

        private static async Task WriteJsonAsync(HttpContext context, FakeAidgeRequest entry, FakeAidgeFault? fault, int httpStatus, Action<Utf8JsonWriter> write)
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                write(writer);
                writer.WriteEndObject();
            }

            byte[] bytes = buffer.ToArray();
            context.Response.StatusCode = httpStatus;
            context.Response.ContentType = fault?.Kind == "content-type" ? "text/plain" : "application/json";
            if (fault?.Kind == "truncated")
            {
                bytes = bytes.AsSpan(0, bytes.Length / 2).ToArray();
                entry.ResCode = 0;
            }

            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }

        private string NextRequestId() => "fake" + Interlocked.Increment(ref _nextRequestId).ToString("D12", CultureInfo.InvariantCulture);

        private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

        private enum TaskFate
        {
            Finishes,
            Fails,
            NeverEnds,
        }

        private sealed record FakeTask(string Id, DateTimeOffset SubmittedAt, List<RequestParamsChecker.SubTask> SubTasks, TaskFate Fate)
        {
            public string StatusAt(DateTimeOffset now, FakeAidgeServerOptions options)
            {
                TimeSpan age = now - SubmittedAt;
                if (age < options.SubmittedFor)
                {
                    return "submitted";
                }

                if (age < options.SubmittedFor + options.RunningFor || Fate == TaskFate.NeverEnds)
                {
                    return "running";
                }

                return Fate == TaskFate.Fails ? "failed" : "finished";
            }
        }
    }
}
