using System;

namespace Aidge.Declarative.Testing
{
    /// <summary>Which calls a fault applies to.</summary>
    public enum FakeAidgeApi
    {
        /// <summary>Submits, both editions.</summary>
        Submit,

        /// <summary>Result queries.</summary>
        Query,

        /// <summary>Every call.</summary>
        Any,
    }

    /// <summary>Something the fake server does instead of (or before) answering a call normally.</summary>
    public sealed class FakeAidgeFault
    {
        private FakeAidgeFault(string kind, int resCode = 0, string? message = null, int httpStatus = 200, TimeSpan delay = default, string? contentType = null)
        {
            ContentType = contentType;
            Kind = kind;
            ResCode = resCode;
            Message = message;
            HttpStatus = httpStatus;
            Delay = delay;
        }

        internal string Kind { get; }

        internal int ResCode { get; }

        internal string? Message { get; }

        internal int HttpStatus { get; }

        internal TimeSpan Delay { get; }

        internal string? ContentType { get; }

        /// <summary>An envelope with a documented (or any) result code and message.</summary>
        public static FakeAidgeFault Error(int resCode, string? message = null, int httpStatus = 200) =>
            new("error", resCode, message ?? "fake error " + resCode, httpStatus);

        /// <summary>Answers exactly this body (after the gateway's checks), for shapes the fake does not make itself.</summary>
        public static FakeAidgeFault RawBody(string body, string contentType = "application/json", int httpStatus = 200) =>
            new("raw", message: body ?? throw new ArgumentNullException(nameof(body)), httpStatus: httpStatus, contentType: contentType);

        /// <summary>An HTML error page, as a proxy in front of the service sends.</summary>
        public static FakeAidgeFault HtmlPage(int httpStatus = 502) => new("html", httpStatus: httpStatus);

        /// <summary>A success envelope cut off in the middle.</summary>
        public static FakeAidgeFault TruncatedBody() => new("truncated");

        /// <summary>A normal answer, sent as <c>text/plain</c>.</summary>
        public static FakeAidgeFault WrongContentType() => new("content-type");

        /// <summary>Waits before answering normally (or until the client gives up).</summary>
        public static FakeAidgeFault Slow(TimeSpan delay) => new("slow", delay: delay);

        /// <summary>Reads the whole request, then drops the connection without answering: the call may have run.</summary>
        public static FakeAidgeFault DropConnection() => new("drop");

        /// <summary>For a submit: accepts it, but the task ends <c>failed</c>.</summary>
        public static FakeAidgeFault TaskFails() => new("task-fails");

        /// <summary>For a submit: accepts it, but the task stays <c>running</c> forever.</summary>
        public static FakeAidgeFault TaskNeverEnds() => new("task-never-ends");

        /// <inheritdoc/>
        public override string ToString() => Kind + (ResCode != 0 ? " " + ResCode : string.Empty);
    }
}
