using System;

namespace Aidge.Declarative.Testing
{
    /// <summary>Which calls a fault applies to.</summary>
    public enum FakeAidgeApi
    {
        /// <summary>Submits, both editions.</summary>
        Submit = 0,

        /// <summary>Result queries.</summary>
        Query = 1,

        /// <summary>Every call.</summary>
        Any = 2,

        /// <summary>Quota balance queries.</summary>
        Balance = 3,
    }

    /// <summary>What a fault makes the fake server do.</summary>
    public enum FakeAidgeFaultKind
    {
        /// <summary>An envelope with a result code and message (<see cref="FakeAidgeFault.Error"/>).</summary>
        Error,

        /// <summary>Exactly the given body (<see cref="FakeAidgeFault.RawBody"/>).</summary>
        RawBody,

        /// <summary>An HTML error page (<see cref="FakeAidgeFault.HtmlPage"/>).</summary>
        HtmlPage,

        /// <summary>A normal answer cut off in the middle (<see cref="FakeAidgeFault.TruncatedBody"/>).</summary>
        TruncatedBody,

        /// <summary>A normal answer sent as <c>text/plain</c> (<see cref="FakeAidgeFault.WrongContentType"/>).</summary>
        WrongContentType,

        /// <summary>A wait before answering (<see cref="FakeAidgeFault.Slow"/>).</summary>
        Slow,

        /// <summary>No answer: the connection is dropped (<see cref="FakeAidgeFault.DropConnection"/>).</summary>
        DropConnection,

        /// <summary>The call is carried out (a submit makes its task), then its answer waits (<see cref="FakeAidgeFault.SlowAnswer"/>).</summary>
        SlowAnswer,

        /// <summary>A submit accepted whose task ends <c>failed</c> (<see cref="FakeAidgeFault.TaskFails"/>).</summary>
        TaskFails,

        /// <summary>A submit accepted whose task never ends (<see cref="FakeAidgeFault.TaskNeverEnds"/>).</summary>
        TaskNeverEnds,

        /// <summary>The gateway's own refusal, in its shape (<see cref="FakeAidgeFault.GatewayRefusal"/>), whatever the call.</summary>
        GatewayRefusal,
    }

    /// <summary>Something the fake server does instead of (or before) answering a call normally.</summary>
    public sealed class FakeAidgeFault
    {
        private FakeAidgeFault(FakeAidgeFaultKind kind, int resCode = 0, string? message = null, int httpStatus = 200, TimeSpan delay = default, string? contentType = null)
        {
            Kind = kind;
            ResCode = resCode;
            Message = message;
            HttpStatus = httpStatus;
            Delay = delay;
            ContentType = contentType;
        }

        /// <summary>What the fault does.</summary>
        public FakeAidgeFaultKind Kind { get; }

        /// <summary>The result code of an <see cref="FakeAidgeFaultKind.Error"/>.</summary>
        public int ResCode { get; }

        internal string? Message { get; }

        internal int HttpStatus { get; }

        internal TimeSpan Delay { get; }

        internal string? ContentType { get; }

        /// <summary>An envelope with a documented (or any) result code and message.</summary>
        public static FakeAidgeFault Error(int resCode, string? message = null, int httpStatus = 200) =>
            new(FakeAidgeFaultKind.Error, resCode, message ?? "fake error " + resCode, httpStatus);

        /// <summary>Answers exactly this body (after the gateway's checks), for shapes the fake does not make itself.</summary>
        public static FakeAidgeFault RawBody(string body, string contentType = "application/json", int httpStatus = 200) =>
            new(FakeAidgeFaultKind.RawBody, message: body ?? throw new ArgumentNullException(nameof(body)), httpStatus: httpStatus, contentType: contentType);

        /// <summary>An HTML error page, as a proxy in front of the service sends.</summary>
        public static FakeAidgeFault HtmlPage(int httpStatus = 502) => new(FakeAidgeFaultKind.HtmlPage, httpStatus: httpStatus);

        /// <summary>A success envelope cut off in the middle.</summary>
        public static FakeAidgeFault TruncatedBody() => new(FakeAidgeFaultKind.TruncatedBody);

        /// <summary>A normal answer, sent as <c>text/plain</c>.</summary>
        public static FakeAidgeFault WrongContentType() => new(FakeAidgeFaultKind.WrongContentType);

        /// <summary>Waits before answering normally (or until the client gives up).</summary>
        public static FakeAidgeFault Slow(TimeSpan delay) => new(FakeAidgeFaultKind.Slow, delay: delay);

        /// <summary>Reads the whole request, then drops the connection without answering: the call may have run.</summary>
        public static FakeAidgeFault DropConnection() => new(FakeAidgeFaultKind.DropConnection);

        /// <summary>
        /// Carries out the call, then waits <paramref name="delay"/> before answering: a client that gives up, or dies, meanwhile
        /// has paid for a task whose id it never learns.
        /// </summary>
        public static FakeAidgeFault SlowAnswer(TimeSpan delay) => new(FakeAidgeFaultKind.SlowAnswer, delay: delay);

        /// <summary>For a submit: accepts it, but the task ends <c>failed</c>.</summary>
        public static FakeAidgeFault TaskFails() => new(FakeAidgeFaultKind.TaskFails);

        /// <summary>For a submit: accepts it, but the task stays <c>running</c> forever.</summary>
        public static FakeAidgeFault TaskNeverEnds() => new(FakeAidgeFaultKind.TaskNeverEnds);

        /// <summary>
        /// The gateway refuses the call before the API sees it, in the contract's shape: <c>{"type":..,"code":..,"message":..,"request_id":..}</c>.
        /// </summary>
        /// <param name="code">The gateway's code, such as <c>IncompleteSignature</c>.</param>
        /// <param name="message">Its text.</param>
        /// <param name="type">Whose fault: <c>ISV</c> (the caller's), <c>ISP</c> (the service's) or <c>SYSTEM</c> (the gateway's).</param>
        /// <param name="httpStatus">The HTTP status it comes with (200, as the gateways of the family answer).</param>
        public static FakeAidgeFault GatewayRefusal(string code, string message, string type = FakeGateway.CallerFault, int httpStatus = 200) =>
            new(FakeAidgeFaultKind.GatewayRefusal, message: message ?? throw new ArgumentNullException(nameof(message)), httpStatus: httpStatus, contentType: type)
            {
                GatewayCode = code ?? throw new ArgumentNullException(nameof(code)),
            };

        /// <summary>The gateway's refusal of an access key it does not know (<c>InvalidAppKey</c>).</summary>
        public static FakeAidgeFault BadKey() => GatewayRefusal(FakeGateway.BadKey.Code, FakeGateway.BadKey.Message);

        /// <summary>The gateway's refusal of a signature that does not match (<c>IncompleteSignature</c>, the contract's example).</summary>
        public static FakeAidgeFault BadSignature() => GatewayRefusal("IncompleteSignature", FakeGateway.BadSignature);

        /// <summary>The gateway's refusal of a timestamp too far from its clock (<c>IllegalTimestamp</c>).</summary>
        public static FakeAidgeFault ExpiredTimestamp() => GatewayRefusal(FakeGateway.ExpiredTimestamp.Code, FakeGateway.ExpiredTimestamp.Message);

        /// <summary>The gateway's refusal of an account with no paid quota that sent no trial header (<c>NoResource</c>).</summary>
        public static FakeAidgeFault NoQuota() => GatewayRefusal(FakeGateway.NoResource.Code, FakeGateway.NoResource.Message);

        internal string? GatewayCode { get; private set; }

        /// <inheritdoc/>
        public override string ToString() => Kind + (ResCode != 0 ? " " + ResCode : string.Empty);
    }
}
