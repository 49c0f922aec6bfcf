using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
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
        private readonly TryOnTransport _transport;
        private readonly byte[] _bodyStart;

        /// <summary>Creates a client.</summary>
        /// <param name="credential">The access key and secret.</param>
        /// <param name="options">Settings; the defaults call the global site.</param>
        /// <param name="httpClient">
        /// The HttpClient to send with (yours, or one from IHttpClientFactory); the client makes and owns one when null. Give one
        /// whose handler follows no redirect (<c>AllowAutoRedirect = false</c>): an answer that comes from another host is refused,
        /// but by then a redirected submit has been posted there.
        /// </param>
        /// <param name="logger">Where to log each call, at Debug.</param>
        /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
        public TryOnClient(AidgeCredential credential, TryOnClientOptions? options = null, HttpClient? httpClient = null, ILogger<TryOnClient>? logger = null)
        {
            if (credential is null)
            {
                throw new ArgumentNullException(nameof(credential));
            }

            Options = (options ?? new TryOnClientOptions()).Clone();
            IReadOnlyList<string> problems = Options.Validate();
            if (problems.Count != 0)
            {
                throw new ArgumentException("The TryOnClientOptions are not usable: " + string.Join(" ", problems), nameof(options));
            }

            Logger = (ILogger?)logger ?? NullLogger.Instance;
            _transport = new TryOnTransport(credential, Options, httpClient, Logger);
            AccessKey = credential.AccessKey;
            _bodyStart = TryOnSerializer.BodyStart(Options.RequestParamsName);
        }

        /// <summary>
        /// The service this client calls, by name: <see cref="TryOnClientOptions.ServiceName"/> when set, else the endpoint's scheme,
        /// host and port in lower case (<c>https://api.aidc-ai.com</c>). What a record of this client's tasks is kept under.
        /// </summary>
        public string ServiceName => Options.GetServiceName();

        /// <summary>The endpoint this client calls (<see cref="TryOnClientOptions.Endpoint"/>).</summary>
        public Uri Endpoint => Options.Endpoint;

        /// <summary>The budget every submit of this client takes its permits from (<see cref="TryOnClientOptions.SubmitBudget"/>); null when submits are not paced.</summary>
        public ITryOnSubmitBudget? SubmitBudget => Options.SubmitBudget;

        /// <summary>The access key this client signs with (its name, never the secret): a task belongs to the account that made it.</summary>
        public string AccessKey { get; }

        /// <summary>Whether this client's calls use the account's free trial quota (<see cref="TryOnClientOptions.UseTrialResource"/>).</summary>
        public bool UsesTrialQuota => Options.UseTrialResource;

        /// <summary>The settings in use (a copy of those given).</summary>
        internal TryOnClientOptions Options { get; }

        internal ILogger Logger { get; }

        /// <summary>Validates and submits one request: one task with one sub-task.</summary>
        /// <exception cref="TryOnValidationException">The request breaks the API's rules; nothing was sent.</exception>
        /// <exception cref="AidgeException">
        /// The service refused or failed the submit, or its answer could not be read, or none came in time (<see cref="AidgeErrorKind.Timeout"/>);
        /// <see cref="AidgeException.MayHaveCreatedTask"/> tells whether it may have been paid for.
        /// </exception>
        public Task<TryOnOperation> SubmitAsync<TRequest>(TRequest request, CancellationToken cancellationToken = default)
            where TRequest : ITryOnRequest
        {
            if (Guard.IsNull(request))
            {
                throw new ArgumentNullException(nameof(request));
            }

            return SubmitOwnedAsync(new[] { request }, cancellationToken);
        }

        /// <summary>Validates and submits several requests as the sub-tasks of one task.</summary>
        /// <exception cref="ArgumentException">The batch is empty, or mixes editions (they go to different endpoints).</exception>
        /// <exception cref="TryOnValidationException">A request breaks the API's rules; nothing was sent.</exception>
        /// <exception cref="AidgeException">
        /// The service refused or failed the submit, or its answer could not be read, or none came in time (<see cref="AidgeErrorKind.Timeout"/>);
        /// <see cref="AidgeException.MayHaveCreatedTask"/> tells whether it may have been paid for.
        /// </exception>
        public Task<TryOnOperation> SubmitBatchAsync<TRequest>(IReadOnlyList<TRequest> requests, CancellationToken cancellationToken = default)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(requests, nameof(requests));
            return SubmitOwnedAsync(Copy(requests), cancellationToken);
        }

        /// <summary>Validates and submits several requests as the sub-tasks of one task, sent as <paramref name="options"/> say.</summary>
        /// <exception cref="ArgumentException">The batch is empty, or mixes editions (they go to different endpoints).</exception>
        /// <exception cref="TryOnValidationException">A request breaks the API's rules; nothing was sent.</exception>
        /// <exception cref="AidgeException">
        /// The service refused or failed the submit, or its answer could not be read, or none came in time (<see cref="AidgeErrorKind.Timeout"/>);
        /// <see cref="AidgeException.MayHaveCreatedTask"/> tells whether it may have been paid for.
        /// </exception>
        public Task<TryOnOperation> SubmitBatchAsync<TRequest>(IReadOnlyList<TRequest> requests, TryOnSubmitOptions options, CancellationToken cancellationToken = default)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(requests, nameof(requests));
            Guard.NotNull(options, nameof(options));
            return SubmitOwnedAsync(Copy(requests), cancellationToken, options.RetryRateLimited, options.Permit);
        }

        // The task is sent from a copy: a list the caller changes meanwhile cannot change what is validated and sent.
        private static TRequest[] Copy<TRequest>(IReadOnlyList<TRequest> requests)
        {
            var array = new TRequest[requests.Count];
            for (int i = 0; i < array.Length; i++)
            {
                array[i] = requests[i];
            }

            return array;
        }

        /// <summary>Validates and submits requests held in an array no one else changes (the typed operation keeps it).</summary>
        internal async Task<TryOnOperation> SubmitOwnedAsync<TRequest>(TRequest[] array, CancellationToken cancellationToken, bool retryRateLimited = true, ITryOnSubmitPermit? permit = null)
            where TRequest : ITryOnRequest
        {
            if (array.Length == 0)
            {
                throw new ArgumentException("A task needs at least one request; the batch is empty.", "requests");
            }

            TryOnValidation.ThrowIfInvalid(array);
            TryOnEdition edition = array[0].Edition;
            for (int i = 1; i < array.Length; i++)
            {
                if (array[i].Edition != edition)
                {
                    throw new ArgumentException(
                        "The requests of one task go to one endpoint, but request 0 is " + edition + " and request " + i + " is " + array[i].Edition + ".",
                        "requests");
                }
            }

            string api = TryOnRules.SubmitApiName(edition);
            long started = Options.TimeProvider.GetTimestamp();
            using Activity? activity = Telemetry.StartCall(Telemetry.SubmitActivity, api, Options.Endpoint);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(Telemetry.EditionTag, edition.ToString());
                activity.SetTag(Telemetry.SubTaskCountTag, array.Length);
            }

            var body = new PooledBufferWriter();
            try
            {
                TryOnSerializer.WriteRequestBody(body, array.AsSpan(), _bodyStart);
                (Envelope envelope, HttpStatusCode status) = Options.SubmitBudget is { } budget && permit is null
                    ? await SendUnderBudgetAsync(budget, api, body, retryRateLimited, activity, cancellationToken).ConfigureAwait(false)
                    : await _transport.SendAsync(api, body, isSubmit: true, retryRateLimited && permit is null, activity, cancellationToken).ConfigureAwait(false);
                string taskId = ReadTaskId(envelope, status, api);
                activity?.SetTag(Telemetry.TaskIdTag, taskId);
                Telemetry.RecordCall(api, Options.Endpoint, Options.TimeProvider.GetElapsedTime(started), failure: null);
                return new TryOnOperation(this, taskId, edition, envelope.AnyRequestId, submittedAt: started);
            }
            catch (Exception exception)
            {
                if (exception is AidgeException failure)
                {
                    failure.MayHaveCreatedTask = MayHaveCreatedTask(failure);
                }

                Telemetry.Fail(activity, exception);
                Telemetry.RecordCall(api, Options.Endpoint, Options.TimeProvider.GetElapsedTime(started), exception);
                throw;
            }
            finally
            {
                body.ReleaseArray();
            }
        }

        // Each try under a permit of its own, given back with what came of it: a 501 is tried again only under a new permit, so that
        // the budget, not a backoff of this process's, decides when.
        private async Task<(Envelope Envelope, HttpStatusCode Status)> SendUnderBudgetAsync(
            ITryOnSubmitBudget budget, string api, PooledBufferWriter body, bool retryRateLimited, Activity? activity, CancellationToken cancellationToken)
        {
            for (int attempt = 0; ; attempt++)
            {
                ITryOnSubmitPermit permit = await budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
                TryOnSubmitOutcome outcome = TryOnSubmitOutcome.Answered;
                try
                {
                    (Envelope, HttpStatusCode) answer = await _transport.SendAsync(api, body, isSubmit: true, retryRateLimited: false, activity, cancellationToken).ConfigureAwait(false);
                    outcome = TryOnSubmitOutcome.Accepted;
                    return answer;
                }
                catch (AidgeException failure) when (failure.Kind == AidgeErrorKind.RateLimited && retryRateLimited && attempt < Options.MaxRetries)
                {
                    outcome = TryOnSubmitOutcome.RateLimited;
                }
                catch (AidgeException failure)
                {
                    outcome = failure.Kind == AidgeErrorKind.RateLimited ? TryOnSubmitOutcome.RateLimited : failure.NotSent ? TryOnSubmitOutcome.NotSent : TryOnSubmitOutcome.Answered;
                    throw;
                }
                finally
                {
                    // Anything else (a timeout, a cancel while the call was on its way) may have counted: Answered.
                    await permit.ReleaseAsync(outcome, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        // Whether a failed submit may have created a task: only an answer that says nothing ran, or a call that never left, rules it out.
        private static bool MayHaveCreatedTask(AidgeException failure) => failure.Kind switch
        {
            AidgeErrorKind.RateLimited or AidgeErrorKind.InvalidInput or AidgeErrorKind.ImageProblem or AidgeErrorKind.ContentRisk or
                AidgeErrorKind.QuotaExhausted => false,

            // The caller's fault (ISV) is refused before the API sees the call; one the gateway lays on the service behind it (ISP) or on
            // itself (SYSTEM) may come after the API ran it.
            AidgeErrorKind.Gateway => failure.GatewayType is "ISP" or "SYSTEM",
            AidgeErrorKind.Transport => !failure.NotSent,
            _ => true,
        };

        /// <summary>An operation for a task submitted before, perhaps by another process, from its id.</summary>
        /// <exception cref="ArgumentException">The id is not a task id: empty, longer than 128 characters, or holding a space, a control or a non-ASCII character.</exception>
        public TryOnOperation GetOperation(string taskId, TryOnEdition edition = TryOnEdition.Standard)
        {
            CheckTaskId(taskId);
            return new TryOnOperation(this, taskId, edition, requestId: null, submittedAt: null);
        }

        /// <summary>A typed operation for a task submitted before, from its id and the requests it was made of, in the order submitted.</summary>
        /// <exception cref="ArgumentException">The id is not a task id, or no request is given.</exception>
        public TryOnOperation<TRequest> GetOperation<TRequest>(string taskId, IReadOnlyList<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(requests, nameof(requests));
            if (requests.Count == 0)
            {
                throw new ArgumentException("A task has at least one request; none was given.", nameof(requests));
            }

            return GetOperation(taskId, requests[0].Edition).WithRequests(requests);
        }

        /// <summary>
        /// The implementation of a <see cref="TryOnApiAttribute"/> interface that the source generator wrote, calling
        /// through this client. Found without reflection: trim- and AOT-safe.
        /// </summary>
        /// <typeparam name="TApi">The interface.</typeparam>
        /// <exception cref="InvalidOperationException">No implementation was generated for <typeparamref name="TApi"/>.</exception>
        public TApi CreateApi<TApi>()
            where TApi : class => TryOnApis.Create<TApi>(this);

        /// <summary>Asks the service once for a task's state.</summary>
        /// <exception cref="ArgumentException">The id is not a task id: empty, longer than 128 characters, or holding a space, a control or a non-ASCII character.</exception>
        /// <exception cref="AidgeException">The query failed for good, or its answer could not be read, or none came in time (<see cref="AidgeErrorKind.Timeout"/>).</exception>
        public async Task<TryOnResult> GetResultAsync(string taskId, CancellationToken cancellationToken = default)
        {
            CheckTaskId(taskId);
            return await CallAsync(
                TryOnRules.QueryApiName,
                Telemetry.QueryActivity,
                Options.QueryTaskIdName,
                taskId,
                timeout: null,
                activity => activity?.SetTag(Telemetry.TaskIdTag, taskId),
                (envelope, status, activity) =>
                {
                    TryOnResult result = AnswerReader.ReadResult(envelope, taskId, status, Logger);
                    string spelled = WireNames.Status.Of(result.Status);
                    ClientLog.TaskState(Logger, TryOnRules.QueryApiName, taskId, spelled);
                    activity?.SetTag(Telemetry.TaskStatusTag, spelled);
                    return result;
                },
                cancellationToken).ConfigureAwait(false);
        }


        /// <summary>How long a balance call may take to answer, at least: the vendor says up to 30 s.</summary>
        internal static readonly TimeSpan BalanceTimeout = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Asks the service how many calls the account has left for an edition's submit API (<c>/ai/query/balance</c>, with the
        /// edition's API name as <c>apiPath</c>). Free of charge, but the vendor asks that it be called at most once a day, and says an
        /// answer may take up to 30 s: each try waits that long, or <see cref="TryOnClientOptions.RequestTimeout"/> when it is longer.
        /// </summary>
        /// <param name="edition">The edition whose submit API's quota is asked about.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="edition"/> is not an edition the API knows.</exception>
        /// <exception cref="AidgeException">
        /// The call failed, or its answer holds no balance. With <see cref="AidgeErrorKind.QuotaExhausted"/>: the account has no paid
        /// quota and the call did not ask for the trial quota (the gateway's <c>NoResource</c>).
        /// </exception>
        public async Task<TryOnBalance> GetBalanceAsync(TryOnEdition edition, CancellationToken cancellationToken = default)
        {
            string apiPath = TryOnRules.SubmitApiName(edition);
            return await CallAsync(
                TryOnRules.BalanceApiName,
                Telemetry.BalanceActivity,
                WireNames.Balance.ApiPath,
                apiPath,
                Options.RequestTimeout > BalanceTimeout ? Options.RequestTimeout : BalanceTimeout,
                activity => activity?.SetTag(Telemetry.EditionTag, edition.ToString()),
                (envelope, status, _) =>
                {
                    decimal remaining = AnswerReader.ReadBalance(envelope.Data, out string? problem) ?? throw new AidgeException(
                        "Aidge " + TryOnRules.BalanceApiName + " answered success but " + problem + " for " + apiPath + ", so the balance cannot be read; give the request id " +
                        (envelope.AnyRequestId ?? "(none)") + " to the vendor's support.",
                        AidgeErrorKind.InvalidResponse,
                        requestId: envelope.AnyRequestId,
                        statusCode: status,
                        traceId: envelope.TraceId);
                    return new TryOnBalance(edition, remaining, envelope.AnyRequestId, envelope.TraceId);
                },
                cancellationToken).ConfigureAwait(false);
        }

        // A free call whose body is one string field (a query, a balance): its activity, its body in pooled memory, the transport's
        // retries, its answer read by read, and its telemetry whichever way it ends.
        private async Task<T> CallAsync<T>(
            string api, string activityName, string field, string value, TimeSpan? timeout, Action<Activity?> tag, Func<Envelope, HttpStatusCode, Activity?, T> read,
            CancellationToken cancellationToken)
        {
            long started = Options.TimeProvider.GetTimestamp();
            using Activity? activity = Telemetry.StartCall(activityName, api, Options.Endpoint);
            tag(activity);
            var body = new PooledBufferWriter();
            try
            {
                using (var writer = new Utf8JsonWriter(body))
                {
                    writer.WriteStartObject();
                    writer.WriteString(field, value);
                    writer.WriteEndObject();
                }

                (Envelope envelope, HttpStatusCode status) = await _transport.SendAsync(api, body, isSubmit: false, retryRateLimited: true, activity, cancellationToken, timeout).ConfigureAwait(false);
                T answer = read(envelope, status, activity);
                Telemetry.RecordCall(api, Options.Endpoint, Options.TimeProvider.GetElapsedTime(started), failure: null);
                return answer;
            }
            catch (Exception exception)
            {
                Telemetry.Fail(activity, exception);
                Telemetry.RecordCall(api, Options.Endpoint, Options.TimeProvider.GetElapsedTime(started), exception);
                throw;
            }
            finally
            {
                body.ReleaseArray();
            }
        }


        /// <summary>Disposes the HttpClient if the client made it.</summary>
        public void Dispose() => _transport.Dispose();

        private string ReadTaskId(Envelope envelope, HttpStatusCode status, string api)
        {
            string? taskId = AnswerReader.ReadTaskId(envelope.Data);
            if (!ServerText.IsSafeId(taskId))
            {
                throw new AidgeException(
                    "Aidge " + api + " answered success but " + (string.IsNullOrEmpty(taskId) ? "no task id" : "a task id that is not 1 to " + ServerText.MaxIdLength + " printable ASCII characters") +
                    " at " + AnswerReader.TaskIdPath + ", so the task cannot be followed; give the request id " + envelope.AnyRequestId + " to the vendor's support.",
                    AidgeErrorKind.InvalidResponse,
                    requestId: envelope.AnyRequestId,
                    statusCode: status);
            }

            ClientLog.TaskState(Logger, api, taskId!, WireNames.Status.Submitted);
            return taskId!;
        }

        // Ids from the caller go into a request body, logs and messages: the same check as ids from the service.
        private static void CheckTaskId(string taskId)
        {
            if (!ServerText.IsSafeId(taskId))
            {
                throw new ArgumentException(
                    "A task id is 1 to " + ServerText.MaxIdLength + " printable ASCII characters with no space, such as 1ce4fd33-b9d5-4e21-a24c-0c4027d2b105" +
                    (taskId is null ? ", and it is null." : "; this one, of " + taskId.Length + (taskId.Length == 1 ? " character" : " characters") + ", is not one."),
                    nameof(taskId));
            }
        }
    }
}
