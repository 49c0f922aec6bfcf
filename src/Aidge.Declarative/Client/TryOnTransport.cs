using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Client.Wire;
using Aidge.Declarative.Serialization;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Client
{
    /// <summary>
    /// Sends one signed call and reads its envelope: the deadline, the retries and their delays, and what is
    /// refused. A submit is a paid call: it is retried only where it cannot have run (501, 429, a connection
    /// never made). No redirect is followed: the call is signed for one host, and a 307 would post the paid body
    /// again, elsewhere.
    /// </summary>
    internal sealed class TryOnTransport : IDisposable
    {
        private readonly AidgeCredential _credential;
        private readonly TryOnClientOptions _options;
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly ILogger _logger;
        private readonly string _restBase;

        public TryOnTransport(AidgeCredential credential, TryOnClientOptions options, HttpClient? httpClient, ILogger logger)
        {
            _credential = credential;
            _options = options;
            _ownsHttp = httpClient is null;
            _http = httpClient ?? new HttpClient(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
            _logger = logger;
            _restBase = options.Endpoint.GetLeftPart(UriPartial.Authority) + TryOnRules.RestPrefix;
        }

        /// <summary>The handler the client makes, and registers with <c>IHttpClientFactory</c>: it follows no redirect.</summary>
        public static HttpMessageHandler CreateHandler()
        {
#if NET8_0_OR_GREATER
            // Pooled connections are renewed so that DNS changes are seen.
            return new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#else
            return new HttpClientHandler { AllowAutoRedirect = false };
#endif
        }

        /// <summary>Sends <paramref name="body"/> to <paramref name="api"/>, retrying where the rules allow, and returns the answer's envelope.</summary>
        /// <param name="api">The API name.</param>
        /// <param name="body">The request body.</param>
        /// <param name="isSubmit">Whether the call is a paid submit.</param>
        /// <param name="retryRateLimited">Whether a 501 is retried after a backoff, or thrown at once to a caller that paces its own calls.</param>
        /// <param name="activity">The call's activity, for its attempts, retries and result code; null when nobody listens.</param>
        /// <param name="cancellationToken">Cancels the call and its waits.</param>
        /// <param name="timeout">How long each try may wait for its answer; <see cref="TryOnClientOptions.RequestTimeout"/> when null.</param>
        public async Task<(Envelope Envelope, HttpStatusCode Status)> SendAsync(
            string api, PooledBufferWriter body, bool isSubmit, bool retryRateLimited, Activity? activity, CancellationToken cancellationToken, TimeSpan? timeout = null)
        {
            TimeProvider time = _options.TimeProvider;
            TimeSpan requestTimeout = timeout ?? _options.RequestTimeout;
            long started = time.GetTimestamp();
            string? lastFailure = null;
            for (int attempt = 0; ; attempt++)
            {
                if (cancellationToken.IsCancellationRequested && lastFailure is not null)
                {
                    throw new RetryCancelledException(lastFailure, cancellationToken);
                }

                cancellationToken.ThrowIfCancellationRequested();
                string retryReason;
                string retryKind;
                TimeSpan? retryAfter = null;
                using (CancellationTokenSource deadline = Delays.TimeoutSource(time, requestTimeout))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
                {
                    Attempt outcome;
                    try
                    {
                        activity?.SetTag(Telemetry.AttemptsTag, attempt + 1);
                        outcome = await AttemptAsync(api, body, linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        if (lastFailure is not null)
                        {
                            throw new RetryCancelledException(lastFailure, cancellationToken);
                        }

                        throw;
                    }
                    catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException or SocketException)
                    {
                        // SocketsHttpHandler lets a raw SocketException out when a connection is reset while it is being made (a proxy
                        // whose backend is down): nothing was sent on it.
                        bool nothingSent = exception is SocketException || (exception is HttpRequestException request && IsConnectFailure(request));
                        bool timedOut = exception is OperationCanceledException;
                        retryReason = timedOut ? "no answer within " + requestTimeout : ServerText.Redact(exception.Message, _credential.AccessKey)!;
                        if (isSubmit && !nothingSent)
                        {
                            Telemetry.Count(Telemetry.Submits, api, _options.Endpoint, Telemetry.OutcomeTag, "in_doubt");
                        }

                        if (attempt >= _options.MaxRetries || (isSubmit && !nothingSent))
                        {
                            ClientLog.Failed(_logger, api, Elapsed(started), retryReason);
                            throw TransportFailure(api, exception, timedOut, isSubmit, nothingSent, requestTimeout);
                        }

                        lastFailure = retryReason;
                        await DelayRetryAsync(api, attempt, retryReason, timedOut ? "Timeout" : nothingSent ? "ConnectFailure" : nameof(AidgeErrorKind.Transport), null, activity, cancellationToken)
                            .ConfigureAwait(false);
                        continue;
                    }

                    Count(api, isSubmit, outcome);
                    if (outcome.Envelope?.ResCode is { } resCode)
                    {
                        activity?.SetTag(Telemetry.ResCodeTag, resCode);
                    }

                    if (outcome.Error is not { } error)
                    {
                        ClientLog.Answered(_logger, api, Elapsed(started), outcome.Envelope!.AnyRequestId);
                        return (outcome.Envelope, outcome.Status);
                    }

                    // A submit is retried only when nothing ran; a query whenever the failure may pass.
                    bool retry = (error.Kind == AidgeErrorKind.RateLimited && retryRateLimited) ||
                        (!isSubmit && !outcome.Final && error.Kind is AidgeErrorKind.ServiceFault or AidgeErrorKind.InvalidResponse);
                    if (!retry || attempt >= _options.MaxRetries)
                    {
                        ClientLog.Failed(_logger, api, Elapsed(started), error.Kind + " " + error.ResCode);
                        throw error;
                    }

                    retryReason = error.Kind + " " + error.ResCode;
                    retryAfter = outcome.RetryAfter;
                    retryKind = error.Kind.ToString();
                }

                lastFailure = retryReason;
                await DelayRetryAsync(api, attempt, retryReason, retryKind, retryAfter, activity, cancellationToken).ConfigureAwait(false);
            }
        }

        // What each answer counts as: a rate-limited call, and for a submit, what came of the paid call.
        private void Count(string api, bool isSubmit, Attempt outcome)
        {
            AidgeErrorKind? kind = outcome.Error?.Kind;
            if (kind == AidgeErrorKind.RateLimited)
            {
                Telemetry.Count(Telemetry.RateLimited, api, _options.Endpoint, Telemetry.ErrorTypeTag, nameof(AidgeErrorKind.RateLimited));
            }

            if (isSubmit)
            {
                string outcomeName = kind switch
                {
                    null => "accepted",
                    AidgeErrorKind.RateLimited => "rate_limited",
                    AidgeErrorKind.ServiceFault or AidgeErrorKind.InvalidResponse => "in_doubt",
                    _ => "refused",
                };
                Telemetry.Count(Telemetry.Submits, api, _options.Endpoint, Telemetry.OutcomeTag, outcomeName);
            }
        }

        public void Dispose()
        {
            if (_ownsHttp)
            {
                _http.Dispose();
            }
        }

        // One call: the answer's envelope, or the failure it reports (with what the server asked of a retry).
        // Failures to send or to read throw.
        private async Task<Attempt> AttemptAsync(string api, PooledBufferWriter body, CancellationToken cancellationToken)
        {
            using HttpRequestMessage message = CreateRequest(api, new PooledBodyContent(body));
            using HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (Redirected(response, api) is { } redirected)
            {
                return new Attempt(null, response.StatusCode, redirected, null, final: true);
            }

            try
            {
                Envelope envelope = await ResponseReader.ReadAsync(response, api, _options.MaxResponseBytes, _credential.AccessKey, cancellationToken).ConfigureAwait(false);
                AidgeException? error = ResponseReader.ErrorOf(envelope, response, api, _credential.AccessKey);
                return new Attempt(envelope, response.StatusCode, error, error is null ? null : RetryAfter(response), final: false);
            }
            catch (AidgeException unreadable)
            {
                return new Attempt(null, response.StatusCode, unreadable, RetryAfter(response), final: unreadable.IsFinal);
            }
        }

        // A 3xx is refused, naming the status and the target's host only (its query may hold the sign). So is an
        // answer from another host than the one called: an HttpClient given by the user may follow redirects.
        private AidgeException? Redirected(HttpResponseMessage response, string api)
        {
            // The request's URI is where the answer came from: a handler that follows a redirect moves it.
            int status = (int)response.StatusCode;
            Uri? answeredFrom = response.RequestMessage?.RequestUri;
            Uri called = _options.Endpoint;
            bool otherHost = answeredFrom is not null &&
                (answeredFrom.Port != called.Port || !string.Equals(answeredFrom.Host, called.Host, StringComparison.OrdinalIgnoreCase) ||
                 !string.Equals(answeredFrom.Scheme, called.Scheme, StringComparison.Ordinal));
            if (status < 300 || status > 399)
            {
                return otherHost
                    ? new AidgeException(
                        "The answer to Aidge " + api + " came from " + Authority(answeredFrom!) + ", not from the host called: the HttpClient followed a redirect. " +
                        "Give the client an HttpClient whose handler does not follow redirects (AllowAutoRedirect = false).",
                        AidgeErrorKind.Redirected,
                        statusCode: response.StatusCode)
                    : null;
            }

            Uri? location = response.Headers.Location;
            string target = location is null ? "nowhere (no Location)" : location.IsAbsoluteUri ? Authority(location) : "another path on the same host";
            return new AidgeException(
                "Aidge " + api + " answered HTTP " + status + ", a redirect to " + target + "; the client follows no redirect, since the call is signed and a submit is paid. " +
                "Check TryOnClientOptions.Endpoint.",
                AidgeErrorKind.Redirected,
                statusCode: response.StatusCode);
        }

        private string Authority(Uri uri) => ServerText.Redact(uri.GetLeftPart(UriPartial.Authority), _credential.AccessKey)!;

        // The wait the server asked for, as a delay or a date; null when it did not.
        private TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            RetryConditionHeaderValue? header = response.Headers.RetryAfter;
            if (header?.Delta is { } delta)
            {
                return delta;
            }

            return header?.Date is { } date ? date - _options.TimeProvider.GetUtcNow() : null;
        }

        // The doubling backoff with jitter, or the server's Retry-After if longer; either capped at MaxRetryDelay.
        private async Task DelayRetryAsync(string api, int attempt, string reason, string kind, TimeSpan? retryAfter, Activity? activity, CancellationToken cancellationToken)
        {
            TimeSpan delay = Delays.Backoff(_options.RetryDelay, attempt);
            if (retryAfter > delay)
            {
                delay = retryAfter.Value;
            }

            if (delay > _options.MaxRetryDelay)
            {
                delay = _options.MaxRetryDelay;
            }

            ClientLog.Retrying(_logger, api, attempt + 1, reason, (long)delay.TotalMilliseconds);
            Telemetry.Count(Telemetry.Retries, api, _options.Endpoint, Telemetry.RetryReasonTag, kind);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(Telemetry.RetryReasonTag, kind);
                activity.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
                {
                    { Telemetry.AttemptsTag, attempt + 1 }, { Telemetry.RetryReasonTag, kind }, { "aidge.retry.delay_ms", (long)delay.TotalMilliseconds },
                }));
            }

            try
            {
                await Delays.DelayAsync(_options.TimeProvider, delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped between two tries: the caller learns what was being retried (a wait's deadline says it, rather than "still running").
                throw new RetryCancelledException(reason, cancellationToken);
            }
        }

        private HttpRequestMessage CreateRequest(string api, HttpContent content)
        {
            string timestamp = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            string query = IopSignature.Query(_credential.AccessKey, timestamp, _credential.Sign(timestamp));
            var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_restBase + api + query)) { Content = content };
            if (_options.UseTrialResource)
            {
                message.Headers.TryAddWithoutValidation(WireNames.TrialHeader, "true");
            }

            return message;
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

        private AidgeException TransportFailure(string api, Exception exception, bool timedOut, bool isSubmit, bool nothingSent, TimeSpan timeout)
        {
            string consequence = isSubmit && !nothingSent
                ? " A submit is not retried once it may have reached the service: it may have created a task (a paid call)."
                : string.Empty;
            return timedOut
                ? new AidgeException("Aidge " + api + " gave no answer within " + timeout + " (RequestTimeout)." + consequence, AidgeErrorKind.Timeout, innerException: exception)
                : new AidgeException(
                    "The call to Aidge " + api + " failed before an answer came: " + ServerText.Redact(exception.Message, _credential.AccessKey) + consequence,
                    AidgeErrorKind.Transport,
                    innerException: exception)
                {
                    NotSent = nothingSent,
                };
        }

        private long Elapsed(long started) => (long)_options.TimeProvider.GetElapsedTime(started).TotalMilliseconds;

        /// <summary>What one call gave: an envelope, or a failure (<see cref="Final"/>: one that no retry can mend).</summary>
        private readonly struct Attempt
        {
            public Attempt(Envelope? envelope, HttpStatusCode status, AidgeException? error, TimeSpan? retryAfter, bool final)
            {
                Envelope = envelope;
                Status = status;
                Error = error;
                RetryAfter = retryAfter;
                Final = final;
            }

            public Envelope? Envelope { get; }

            public HttpStatusCode Status { get; }

            public AidgeException? Error { get; }

            public TimeSpan? RetryAfter { get; }

            public bool Final { get; }
        }
    }

    /// <summary>A call cancelled while it waited to be tried again: <see cref="Reason"/> is what its last try met.</summary>
    internal sealed class RetryCancelledException : OperationCanceledException
    {
        public RetryCancelledException(string reason, CancellationToken cancellationToken)
            : base("Cancelled while waiting to try again after: " + reason, cancellationToken)
        {
            Reason = reason;
        }

        public string Reason { get; }
    }
}
