using System;
using System.Collections.Generic;

namespace Aidge.Declarative.Testing
{
    /// <summary>How the fake server writes a submit's <c>data.result</c>: the vendor's sources show two forms, and a client must read both.</summary>
    public enum FakeAidgeSubmitForm
    {
        /// <summary><c>"result":{"taskId":"..."}</c>, an object: what the vendor's Python, Java and Go samples read.</summary>
        ResultObject,

        /// <summary><c>"result":"{\"taskId\":\"...\"}"</c>, a string holding the object: the reference page's sample answer.</summary>
        ResultString,
    }

    /// <summary>How the fake server nests a query's answer.</summary>
    public enum FakeAidgeQueryForm
    {
        /// <summary>
        /// As the vendor's Query API reference gives it: <c>data.taskResult[i]</c> holds <c>taskStatus</c> and a
        /// <c>taskResult</c> object whose <c>result.imageList[]</c> has <c>imageUrl</c> and <c>clothes</c> per picture.
        /// </summary>
        Nested,

        /// <summary>
        /// The same, with the sub-task's <c>taskStatus</c> inside its <c>taskResult</c> object rather than on the entry:
        /// the reference page's table does not show which, so a client reads both.
        /// </summary>
        NestedStatusInside,

        /// <summary>
        /// The older flat form: <c>result</c> straight on the entry and <c>clothes</c> beside <c>imageList</c>. No vendor
        /// source shows it; a client may read it as a fallback.
        /// </summary>
        Flat,
    }

    /// <summary>
    /// How the fake server behaves. By default it answers as the vendor documents; where the vendor's sources
    /// disagree or are silent, the choice it makes is named as a guess here or on the member it concerns.
    /// </summary>
    public sealed class FakeAidgeServerOptions
    {
        /// <summary>The access key the fake server knows by default.</summary>
        public const string DefaultAccessKey = "fake-access-key";

        /// <summary>Its secret. A fake: it signs nothing real.</summary>
        public const string DefaultSecret = "fake-secret-not-for-production";

        /// <summary>The access keys it accepts, with their secrets.</summary>
        public IDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal) { [DefaultAccessKey] = DefaultSecret };

        /// <summary>How far a call's timestamp may be from the server's clock before the gateway refuses it as stale.</summary>
        public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>How long a task stays <c>submitted</c>.</summary>
        public TimeSpan SubmittedFor { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>How long a task then stays <c>running</c>.</summary>
        public TimeSpan RunningFor { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>How many submits one access key may make per <see cref="RateLimitWindow"/>; null for no limit.</summary>
        public int? SubmitsPerWindow { get; set; }

        /// <summary>The window of the submit budget (the vendor's test phase allows 3 submits per 60 s).</summary>
        public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Where the answers say the pictures live. Null by default: the server's own address (<c>http://127.0.0.1:port/results/</c>),
        /// where it serves each picture as a small real PNG of its own, distinct per look; another base makes the URLs point elsewhere
        /// (nothing serves them there). The URLs are deterministic: the task id, the sub-task and the picture's number.
        /// </summary>
        public string? ImageBaseUrl { get; set; }

        /// <summary>Whether every request is kept in <see cref="FakeAidgeServer.Requests"/>; off for long load runs.</summary>
        public bool RecordRequests { get; set; } = true;

        /// <summary>How a submit's answer carries the task id; the default is the object the vendor's samples read.</summary>
        /// <remarks>
        /// Both forms send <c>success</c> and <c>resCode</c> as strings (<c>"true"</c>, <c>"200"</c>), as the reference page's
        /// sample answer does; for the object form that is a guess, since no vendor source shows a whole answer of that form.
        /// </remarks>
        public FakeAidgeSubmitForm SubmitForm { get; set; } = FakeAidgeSubmitForm.ResultObject;

        /// <summary>How a query's answer is nested; the default is the reference page's.</summary>
        /// <remarks>
        /// Guesses, in every form: a sub-task makes <c>generateCount</c> pictures (default 4; the page says that "for now"
        /// 8 are made per garment), or one per model image when it sends <c>modelImage</c> (the page says only that the count then
        /// depends on the model images); each picture's <c>clothes</c> is the sub-task's first garment, also for a suit (the page
        /// does not say which garment of a suit it names); until a sub-task is finished its <c>imageList</c> is empty; and
        /// <c>success</c> and <c>resCode</c> are a boolean and a number, as in the contract's illustrative answer.
        /// </remarks>
        public FakeAidgeQueryForm QueryForm { get; set; } = FakeAidgeQueryForm.Nested;

        /// <summary>
        /// The submit body's parameter that holds the requests: <c>requestParams</c>, or <c>paramJson</c> as one version of the
        /// vendor's pro page names it. A body without it is answered 700, as a missing required field is.
        /// </summary>
        public string RequestParamsName { get; set; } = TryOnRules.Fields.RequestParams;

        /// <summary>The query body's parameter that holds the task id: <c>task_id</c>, or <c>taskId</c> as the vendor's Chinese page names it.</summary>
        public string QueryTaskIdName { get; set; } = TryOnRules.Fields.QueryTaskId;

        /// <summary>
        /// A file the server appends every task it accepts to, and reads back when it starts: so that a process that hosts the
        /// server, killed and started again (a catalogue sample, say), can still be asked about the tasks of its last life, as the
        /// service can. Null by default: tasks live as long as the server.
        /// </summary>
        public string? TaskLogPath { get; set; }

        /// <summary>
        /// The name the server goes by (after <c>fake-aidge:</c>, in <see cref="FakeAidgeServer.ServiceName"/>). Null by default: a
        /// new name for each server, or the one its <see cref="TaskLogPath"/> recorded when it first started on it.
        /// </summary>
        public string? ServiceName { get; set; }

        /// <summary>The quota balance each API starts with (<see cref="Balances"/>), unless set there.</summary>
        public const decimal DefaultBalance = 1_000_000m;

        /// <summary>
        /// The paid calls left per API name, exactly <c>/ai/virtual/tryon</c> or <c>/ai/virtual/tryon-pro</c> (another key is refused when
        /// the server starts), shared by every key: what
        /// <c>/ai/query/balance</c> answers, less one for each submit accepted without <c>x-iop-trial: true</c>. A submit sent without it
        /// once nothing is left is refused by the gateway with <c>NoResource</c>. Guesses: the vendor does not say whether a call or a
        /// sub-task is counted (one call is), nor how the trial quota is counted (it is not: trial calls are free here).
        /// </summary>
        public IDictionary<string, decimal> Balances { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [TryOnRules.SubmitApiName(TryOnEdition.Standard)] = DefaultBalance,
            [TryOnRules.SubmitApiName(TryOnEdition.Pro)] = DefaultBalance,
        };

        /// <summary>
        /// Whether the balance is written as a string (<c>"balance":"123"</c>) rather than a number: the vendor's page does not show
        /// its type, so a client reads both.
        /// </summary>
        public bool BalanceAsString { get; set; }

        /// <summary>The loopback port to listen on; 0 (the default) for a free one. The server listens on 127.0.0.1 only.</summary>
        public int Port { get; set; }

        /// <summary>The server's clock.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
    }
}
