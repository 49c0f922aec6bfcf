using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Client;
using Aidge.Declarative.Client.Wire;
using Aidge.Declarative.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aidge.Declarative
{
    /// <summary>
    /// Submits declared try-on requests to the Aidge API and follows their tasks. Thread-safe: share one.
    /// </summary>
    /// <remarks>
    /// Every call is signed with the credential's secret (IOP v2); the secret is never sent or logged.
    /// A request is validated before anything is sent. A submit is a paid call, so it is retried only
    /// where it cannot have run: on 501 (rate limit) and on failures to connect. Queries are retried on
    /// any transient failure.
    /// </remarks>
    public sealed class TryOnClient : IDisposable
    {
        private readonly AidgeCredential _credential;
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly string _restBase;
        private readonly byte[] _bodyStart;

        /// <summary>Creates a client.</summary>
        /// <param name="credential">The access key and secret.</param>
        /// <param name="options">Settings; the defaults call the global site.</param>
        /// <param name="httpClient">The HttpClient to send with (yours, or one from IHttpClientFactory); the client makes and owns one when null.</param>
        /// <param name="logger">Where to log each call, at Debug.</param>
        /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
        public TryOnClient(AidgeCredential credential, TryOnClientOptions? options = null, HttpClient? httpClient = null, ILogger<TryOnClient>? logger = null)
        {
            _credential = credential ?? throw new ArgumentNullException(nameof(credential));
            Options = (options ?? new TryOnClientOptions()).Clone();
            IReadOnlyList<string> problems = Options.Validate();
            if (problems.Count != 0)
            {
                throw new ArgumentException("The TryOnClientOptions are not usable: " + string.Join(" ", problems), nameof(options));
            }

            _ownsHttp = httpClient is null;
            _http = httpClient ?? CreateHttpClient();
            Logger = (ILogger?)logger ?? NullLogger.Instance;
            _restBase = Options.Endpoint.GetLeftPart(UriPartial.Authority) + "/rest";
            _bodyStart = TryOnSerializer.BodyStart(Options.RequestParamsName);
        }

        /// <summary>The settings in use (a copy of those given).</summary>
        internal TryOnClientOptions Options { get; }

        internal ILogger Logger { get; }

        /// <summary>Validates and submits one request: one task with one sub-task.</summary>
        /// <exception cref="TryOnValidationException">The request breaks the API's rules; nothing was sent.</exception>
        /// <exception cref="AidgeException">The service refused or failed the submit, or its answer could not be read.</exception>
        /// <exception cref="TimeoutException">No answer came within <see cref="TryOnClientOptions.RequestTimeout"/>; the submit may have created a task.</exception>
        public Task<TryOnOperation> SubmitAsync<TRequest>(TRequest request, CancellationToken cancellationToken = default)
            where TRequest : ITryOnRequest
        {
            if (Guard.IsNull(request))
            {
                throw new ArgumentNullException(nameof(request));
            }

            return SubmitBatchAsync(new[] { request }, cancellationToken);
        }

        /// <summary>Validates and submits several requests as the sub-tasks of one task.</summary>
        /// <exception cref="ArgumentException">The batch is empty, or mixes editions (they go to different endpoints).</exception>
        /// <exception cref="TryOnValidationException">A request breaks the API's rules; nothing was sent.</exception>
        /// <exception cref="AidgeException">The service refused or failed the submit, or its answer could not be read.</exception>
        /// <exception cref="TimeoutException">No answer came within <see cref="TryOnClientOptions.RequestTimeout"/>; the submit may have created a task.</exception>
        public async Task<TryOnOperation> SubmitBatchAsync<TRequest>(IReadOnlyList<TRequest> requests, CancellationToken cancellationToken = default)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(requests, nameof(requests));
            if (requests.Count == 0)
            {
                throw new ArgumentException("A task needs at least one request; the batch is empty.", nameof(requests));
            }

            TryOnValidation.ThrowIfInvalid(requests);
            TryOnEdition edition = requests[0].Edition;
            var array = new TRequest[requests.Count];
            for (int i = 0; i < array.Length; i++)
            {
                array[i] = requests[i];
                if (array[i].Edition != edition)
                {
                    throw new ArgumentException(
                        "The requests of one task go to one endpoint, but request 0 is " + edition + " and request " + i + " is " + array[i].Edition + ".",
                        nameof(requests));
                }
            }

            var body = new PooledBufferWriter();
            try
            {
                TryOnSerializer.WriteRequestBody(body, array.AsSpan(), _bodyStart);
                string api = TryOnRules.SubmitApiName(edition);
                (Envelope envelope, HttpStatusCode status) = await SendAsync(api, body, isSubmit: true, cancellationToken).ConfigureAwait(false);
                string taskId = ReadTaskId(envelope, status, api);
                return new TryOnOperation(this, taskId, edition, envelope.AnyRequestId);
            }
            finally
            {
                body.ReleaseArray();
            }
        }

        /// <summary>An operation for a task submitted before, perhaps by another process, from its id.</summary>
        public TryOnOperation GetOperation(string taskId, TryOnEdition edition = TryOnEdition.Standard)
        {
            if (string.IsNullOrWhiteSpace(taskId))
            {
                throw new ArgumentException("The task id must not be empty.", nameof(taskId));
            }

            return new TryOnOperation(this, taskId, edition, requestId: null);
        }

        /// <summary>Asks the service once for a task's state.</summary>
        /// <exception cref="AidgeException">The query failed for good, or its answer could not be read.</exception>
        public async Task<TryOnResult> GetResultAsync(string taskId, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(taskId))
            {
                throw new ArgumentException("The task id must not be empty.", nameof(taskId));
            }

            var body = new PooledBufferWriter();
            try
            {
                using (var writer = new Utf8JsonWriter(body))
                {
                    writer.WriteStartObject();
                    writer.WriteString(Options.QueryTaskIdName, taskId);
                    writer.WriteEndObject();
                }

                (Envelope envelope, HttpStatusCode status) = await SendAsync(TryOnRules.QueryApiName, body, isSubmit: false, cancellationToken).ConfigureAwait(false);
                TryOnResult result = AnswerReader.ReadResult(envelope, taskId, status, Logger);
                ClientLog.TaskState(Logger, TryOnRules.QueryApiName, taskId, WireNames.Status.Of(result.Status));
                return result;
            }
            finally
            {
                body.ReleaseArray();
            }
        }

        /// <summary>Disposes the HttpClient if the client made it.</summary>
        public void Dispose()
        {
            if (_ownsHttp)
            {
                _http.Dispose();
            }
        }

        private async Task<(Envelope Envelope, HttpStatusCode Status)> SendAsync(string api, PooledBufferWriter body, bool isSubmit, CancellationToken cancellationToken)
        {
            TimeProvider time = Options.TimeProvider;
            long started = time.GetTimestamp();
            for (int attempt = 0; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? retryReason;
                using (CancellationTokenSource timeout = Delays.TimeoutSource(time, Options.RequestTimeout))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
                {
                    HttpResponseMessage response;
                    try
                    {
                        using HttpRequestMessage message = CreateRequest(api, new PooledBodyContent(body));
                        response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
                    {
                        bool nothingSent = exception is HttpRequestException request && IsConnectFailure(request);
                        bool timedOut = exception is OperationCanceledException;
                        retryReason = timedOut ? "no answer within " + Options.RequestTimeout : exception.Message;
                        if (attempt >= Options.MaxRetries || (isSubmit && !nothingSent))
                        {
                            ClientLog.Failed(Logger, api, Elapsed(started), retryReason);
                            throw TransportFailure(api, exception, timedOut, isSubmit, nothingSent);
                        }

                        await RetryAfterAsync(api, attempt, retryReason, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    using (response)
                    {
                        AidgeException? error;
                        Envelope? envelope = null;
                        try
                        {
                            envelope = await ResponseReader.ReadAsync(response, api).ConfigureAwait(false);
                            error = ResponseReader.ErrorOf(envelope, response, api);
                        }
                        catch (AidgeException unreadable)
                        {
                            error = unreadable;
                        }

                        if (error is null)
                        {
                            ClientLog.Answered(Logger, api, Elapsed(started), envelope!.AnyRequestId);
                            return (envelope, response.StatusCode);
                        }

                        // A submit is retried only when nothing ran; a query whenever the failure may pass.
                        bool retry = error.Kind == AidgeErrorKind.RateLimited ||
                            (!isSubmit && error.Kind is AidgeErrorKind.ServiceFault or AidgeErrorKind.InvalidResponse);
                        if (!retry || attempt >= Options.MaxRetries)
                        {
                            ClientLog.Failed(Logger, api, Elapsed(started), error.Kind + " " + error.ResCode);
                            throw error;
                        }

                        retryReason = error.Kind + " " + error.ResCode;
                    }
                }

                await RetryAfterAsync(api, attempt, retryReason, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task RetryAfterAsync(string api, int attempt, string reason, CancellationToken cancellationToken)
        {
            TimeSpan delay = Delays.Backoff(Options.RetryDelay, attempt);
            ClientLog.Retrying(Logger, api, attempt + 1, reason, (long)delay.TotalMilliseconds);
            await Delays.DelayAsync(Options.TimeProvider, delay, cancellationToken).ConfigureAwait(false);
        }

        private HttpRequestMessage CreateRequest(string api, HttpContent content)
        {
            string timestamp = Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            string query = IopSignature.Query(_credential.AccessKey, timestamp, _credential.Sign(timestamp));
            var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_restBase + api + query)) { Content = content };
            if (Options.UseTrialResource)
            {
                message.Headers.TryAddWithoutValidation(WireNames.TrialHeader, "true");
            }

            return message;
        }

        private string ReadTaskId(Envelope envelope, HttpStatusCode status, string api)
        {
            string? taskId = AnswerReader.ReadTaskId(envelope.Data);
            if (string.IsNullOrEmpty(taskId))
            {
                throw new AidgeException(
                    "Aidge " + api + " answered success but no task id at " + AnswerReader.TaskIdPath + ", so the task cannot be followed; give the request id " +
                    envelope.AnyRequestId + " to the vendor's support.",
                    AidgeErrorKind.InvalidResponse,
                    requestId: envelope.AnyRequestId,
                    statusCode: status);
            }

            ClientLog.TaskState(Logger, api, taskId!, WireNames.Status.Submitted);
            return taskId!;
        }

        // True where the request cannot have left the machine: the connection was never made.
        private static bool IsConnectFailure(HttpRequestException exception)
        {
#if NET8_0_OR_GREATER
            if (exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
            {
                return true;
            }
#endif
            return exception.InnerException is SocketException
            {
                SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain,
            };
        }

        private Exception TransportFailure(string api, Exception exception, bool timedOut, bool isSubmit, bool nothingSent)
        {
            string consequence = isSubmit && !nothingSent
                ? " A submit is not retried once it may have reached the service: it may have created a task (a paid call)."
                : string.Empty;
            return timedOut
                ? new TimeoutException("Aidge " + api + " gave no answer within " + Options.RequestTimeout + " (RequestTimeout)." + consequence, exception)
                : new AidgeException("The call to Aidge " + api + " failed before an answer came: " + exception.Message + consequence, AidgeErrorKind.Transport, innerException: exception);
        }

        private long Elapsed(long started) => (long)Options.TimeProvider.GetElapsedTime(started).TotalMilliseconds;

        private static HttpClient CreateHttpClient()
        {
#if NET8_0_OR_GREATER
            // Pooled connections are renewed so that DNS changes are seen.
            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
#else
            return new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
#endif
        }
    }
}
