using System;
using System.Net;

namespace Aidge.Declarative
{
    /// <summary>
    /// The Aidge service, or its gateway, refused or failed a call; or its answer could not be read.
    /// <see cref="Kind"/> tells the documented cases apart without reading the message.
    /// </summary>
    public class AidgeException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AidgeException(
            string message,
            AidgeErrorKind kind,
            int resCode = 0,
            string? resMessage = null,
            string? requestId = null,
            HttpStatusCode? statusCode = null,
            Exception? innerException = null,
            string? gatewayCode = null,
            string? gatewayType = null,
            string? traceId = null)
            : base(message, innerException)
        {
            Kind = kind;
            ResCode = resCode;
            ResMessage = resMessage;
            RequestId = requestId;
            StatusCode = statusCode;
            GatewayCode = gatewayCode;
            GatewayType = gatewayType;
            TraceId = traceId;
        }

        /// <summary>What went wrong, from the documented result codes (see <see cref="AidgeResCodes"/>).</summary>
        public AidgeErrorKind Kind { get; }

        /// <summary>The service's <c>resCode</c>, or 0 when the answer had none (a gateway or transport failure).</summary>
        public int ResCode { get; }

        /// <summary>The service's <c>resMessage</c> (for 700 it names the fields), or the gateway's message.</summary>
        public string? ResMessage { get; }

        /// <summary>
        /// The id to give the vendor's support for this call, when the answer had one: the API's <c>requestId</c>, or else the
        /// gateway's <c>request_id</c>.
        /// </summary>
        public string? RequestId { get; }

        /// <summary>The trace id the answer carried beside its request id (<c>_trace_id_</c>), when it had one.</summary>
        public string? TraceId { get; }

        /// <summary>
        /// The gateway's own code when the gateway refused the call before the API saw it (<c>IncompleteSignature</c>,
        /// <c>InvalidAppKey</c>, <c>IllegalTimestamp</c>, <c>NoResource</c>, ...); null when the gateway accepted it.
        /// </summary>
        public string? GatewayCode { get; }

        /// <summary>
        /// Who the gateway says is at fault, when it refused the call: <c>ISV</c> (the caller: key, signature, parameters, quota),
        /// <c>ISP</c> (the service behind it) or <c>SYSTEM</c> (the gateway itself); null when it did not say.
        /// </summary>
        public string? GatewayType { get; }

        /// <summary>The HTTP status of the answer, when there was one.</summary>
        public HttpStatusCode? StatusCode { get; }

        /// <summary>
        /// For a failed submit: whether it may still have created a task, and so been paid for. True when the submit reached the
        /// service and its answer does not rule a task out: 500 or 801, no answer in time, an answer that could not be read, a
        /// connection lost after sending, a redirect, a code the contract does not name. False for every answer that says nothing ran (501, 700, 701,
        /// 703, 707, 1000-1002, quota, the gateway's refusals of the caller's call: type ISV or none), for a connection that could not be
        /// made, and for a query asked alone (<see cref="TryOnClient.GetResultAsync"/>). A gateway refusal of type ISP or SYSTEM (the
        /// service's or the gateway's own fault) may have come after the API ran the call: true. Whatever ends a wait for a task
        /// (<see cref="TryOnOperation.WaitForCompletionAsync(System.Threading.CancellationToken)"/>: a failed task, a deadline, a query
        /// that failed for good) is true too: the task was made. Resubmit only when it is false, or accept paying twice.
        /// </summary>
        public bool MayHaveCreatedTask { get; internal set; }

        /// <summary>Whether no retry can mend the failure, whatever its kind (an answer over the size cap).</summary>
        internal bool IsFinal { get; set; }

        /// <summary>Whether the call never left: the connection could not be made.</summary>
        internal bool NotSent { get; set; }
    }

    /// <summary>The kinds of failure the Aidge API documents, and the ones a client meets on the way.</summary>
    /// <remarks>Each member's value is fixed: a new kind takes a new value, and none is reused.</remarks>
    public enum AidgeErrorKind
    {
        /// <summary>A failure the contract does not name.</summary>
        Unknown = 0,

        /// <summary>500 or 801: the service failed. A submit is not retried: it may have created a task.</summary>
        ServiceFault = 1,

        /// <summary>
        /// 501 (or an HTTP 429): too many calls; nothing ran. The client retries it with backoff before this is thrown, unless the
        /// caller paces its own submits (<see cref="TryOnSubmitOptions.RetryRateLimited"/> false, or a budget's permit given).
        /// </summary>
        RateLimited = 2,

        /// <summary>700: the request is invalid; <see cref="AidgeException.ResMessage"/> names the fields.</summary>
        InvalidInput = 3,

        /// <summary>701, 703 or 707: a garment image could not be downloaded, is too small, or is not a complete flat lay.</summary>
        ImageProblem = 4,

        /// <summary>1000, 1001 or 1002: the content was refused or the content check failed (1001 may be retried by the caller).</summary>
        ContentRisk = 5,

        /// <summary>
        /// The account has no quota left for the API: the gateway's <c>NoResource</c> (no paid quota, and the call did not ask for
        /// the trial quota), or a message that starts "Sorry, your calling resources have been exhausted". Nothing ran. Send the
        /// calls on the trial quota (<see cref="TryOnClientOptions.UseTrialResource"/>), or buy quota for the API.
        /// </summary>
        QuotaExhausted = 6,

        /// <summary>
        /// The gateway refused the call before the API ran it: a bad or stale signature, an unknown access key.
        /// <see cref="AidgeException.GatewayCode"/> and <see cref="AidgeException.GatewayType"/> say which and whose fault.
        /// </summary>
        Gateway = 7,

        /// <summary>The answer was not the JSON the contract describes: an HTML error page, a truncated body, a missing task id.</summary>
        InvalidResponse = 8,

        /// <summary>The try-on task ended <c>failed</c>.</summary>
        TaskFailed = 9,

        /// <summary>No answer came: the connection failed or dropped.</summary>
        Transport = 10,

        /// <summary>
        /// The server answered with a redirect (3xx), or the answer came from another host than the one called. No
        /// redirect is followed: a call is signed for one host, and a submit is paid.
        /// </summary>
        Redirected = 11,

        /// <summary>
        /// No answer came in time: a call past <see cref="TryOnClientOptions.RequestTimeout"/>, or a task still running past
        /// <see cref="TryOnClientOptions.PollingTimeout"/> (it may still finish: resume it by its task id). A submit that timed out may
        /// have created a task: <see cref="AidgeException.MayHaveCreatedTask"/> says so.
        /// </summary>
        Timeout = 12,
    }

    /// <summary>The result codes of the Aidge try-on API.</summary>
    public static class AidgeResCodes
    {
        /// <summary>Success.</summary>
        public const int Success = 200;

        /// <summary>System error.</summary>
        public const int SystemError = 500;

        /// <summary>Rate limit exceeded: nothing was executed.</summary>
        public const int RateLimitExceeded = 501;

        /// <summary>Invalid input; the message names the fields.</summary>
        public const int InvalidInput = 700;

        /// <summary>A clothing image could not be downloaded.</summary>
        public const int ImageDownloadFailed = 701;

        /// <summary>A clothing image's resolution is too low.</summary>
        public const int ImageResolutionTooLow = 703;

        /// <summary>A clothing image is not a complete flat lay.</summary>
        public const int ImageNotFlatLay = 707;

        /// <summary>The model failed (internal).</summary>
        public const int ModelFailed = 801;

        /// <summary>The content has sensitive data.</summary>
        public const int SensitiveContent = 1000;

        /// <summary>The content control failed; the caller may retry.</summary>
        public const int ContentControlFailed = 1001;

        /// <summary>The content risk filter failed.</summary>
        public const int ContentRiskFilterFailed = 1002;

        /// <summary>How an account without quota is told, at the start of the message.</summary>
        public const string QuotaExhaustedMessagePrefix = "Sorry, your calling resources have been exhausted";

        /// <summary>The gateway's code for an account with no paid quota left that did not ask for the trial quota.</summary>
        public const string NoResourceGatewayCode = "NoResource";

        /// <summary>Whether a message is the one an account without quota is told.</summary>
        internal static bool IsQuotaExhaustedMessage(string? message) =>
            message is not null && message.StartsWith(QuotaExhaustedMessagePrefix, StringComparison.Ordinal);

        /// <summary>What to do when the quota is exhausted, for a message.</summary>
        internal const string QuotaAdvice =
            "Nothing ran. Send the calls on the account's free trial quota (TryOnClientOptions.UseTrialResource = true, the x-iop-trial header), or buy quota for this API.";

        /// <summary>The kind of failure a result code (and its message) means.</summary>
        public static AidgeErrorKind KindOf(int resCode, string? resMessage) =>
            IsQuotaExhaustedMessage(resMessage)
                ? AidgeErrorKind.QuotaExhausted
                : resCode switch
                {
                    SystemError or ModelFailed => AidgeErrorKind.ServiceFault,
                    RateLimitExceeded => AidgeErrorKind.RateLimited,
                    InvalidInput => AidgeErrorKind.InvalidInput,
                    ImageDownloadFailed or ImageResolutionTooLow or ImageNotFlatLay => AidgeErrorKind.ImageProblem,
                    SensitiveContent or ContentControlFailed or ContentRiskFilterFailed => AidgeErrorKind.ContentRisk,
                    _ => AidgeErrorKind.Unknown,
                };
    }

    /// <summary>A try-on task ended <c>failed</c>; <see cref="Result"/> holds what the service said of each sub-task.</summary>
    public sealed class TryOnTaskFailedException : AidgeException
    {
        /// <summary>Creates the exception for a failed task.</summary>
        public TryOnTaskFailedException(TryOnResult result)
            : base(
                "The try-on task " + result?.TaskId + " failed" + (result?.RequestId is { } id ? " (request id " + id + ")." : "."),
                AidgeErrorKind.TaskFailed,
                requestId: result?.RequestId)
        {
            Result = result ?? throw new ArgumentNullException(nameof(result));
            MayHaveCreatedTask = true;
        }

        /// <summary>The task's final state.</summary>
        public TryOnResult Result { get; }
    }
}
