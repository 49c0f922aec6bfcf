namespace Aidge.Declarative.Client.Wire
{
    /// <summary>
    /// The names in the service's answers, its status spellings and its headers, as
    /// <c>docs/aidge-api.md</c> gives them. The client reads them and the fake server writes them from
    /// here, and nowhere else states them. The request's own field names are in <see cref="TryOnRules.Fields"/>
    /// (the generator needs those too), the signing parameters in <see cref="IopSignature"/>.
    /// </summary>
    internal static class WireNames
    {
        /// <summary>The header that makes a call use the account's trial quota: <c>true</c> or <c>false</c>.</summary>
        public const string TrialHeader = "x-iop-trial";

        /// <summary>The fields of the envelope that every answer comes in.</summary>
        public static class Answer
        {
            /// <summary>The gateway's code: <c>"0"</c> when it accepted the call.</summary>
            public const string Code = "code";

            /// <summary>The gateway's message when it refused the call.</summary>
            public const string Message = "message";

            /// <summary>The API's result code; 200 is success.</summary>
            public const string ResCode = "resCode";

            /// <summary>The API's message; for 700 it names the fields.</summary>
            public const string ResMessage = "resMessage";

            /// <summary>Whether the call succeeded (a boolean, or a string in the vendor's sample).</summary>
            public const string Success = "success";

            /// <summary>The API's id of the call, for the vendor's support.</summary>
            public const string RequestId = "requestId";

            /// <summary>The gateway's id of the call.</summary>
            public const string GatewayRequestId = "request_id";

            /// <summary>The gateway's refusal: who is at fault, <c>ISV</c> (the caller), <c>ISP</c> (the service) or <c>SYSTEM</c> (the gateway).</summary>
            public const string GatewayType = "type";

            /// <summary>The trace id some answers carry beside the request id.</summary>
            public const string TraceId = "_trace_id_";

            /// <summary>The payload.</summary>
            public const string Data = "data";
        }

        /// <summary>The gateway's own codes that the client tells apart.</summary>
        public static class GatewayCodes
        {
            /// <summary>Accepted: the API's own envelope follows. The codes the client tells apart are in <see cref="AidgeResCodes"/>.</summary>
            public const string Accepted = "0";
        }

        /// <summary>The quota balance: asked with <c>apiPath</c>, answered at <c>data.balance</c>.</summary>
        public static class Balance
        {
            /// <summary>The request's field: the API whose balance is asked (<c>/ai/virtual/tryon</c>).</summary>
            public const string ApiPath = "apiPath";

            /// <summary><c>data.balance</c>: a number, or a string holding one (the page does not show its type).</summary>
            public const string Remaining = "balance";
        }

        /// <summary>The submit's payload: <c>data.result.taskId</c>, where <c>result</c> is an object or a string holding one.</summary>
        public static class Submit
        {
            /// <summary><c>data.result</c>.</summary>
            public const string Result = "result";

            /// <summary><c>data.result.taskId</c>.</summary>
            public const string TaskId = "taskId";
        }

        /// <summary>The query's payload, nested as the vendor's Query API reference gives it.</summary>
        public static class Query
        {
            /// <summary><c>data.taskId</c>: the task's id.</summary>
            public const string TaskId = "taskId";

            /// <summary><c>data.taskStatus</c>, and each sub-task's status (on the entry or inside its <c>taskResult</c>).</summary>
            public const string TaskStatus = "taskStatus";

            /// <summary><c>data.taskResult[]</c>, one entry per sub-task; and each entry's detail object, of the same name.</summary>
            public const string TaskResult = "taskResult";

            /// <summary>The detail's <c>result</c> (in the older flat form, straight on the entry).</summary>
            public const string Result = "result";

            /// <summary><c>result.imageList[]</c>: the generated pictures.</summary>
            public const string ImageList = "imageList";

            /// <summary>A picture's URL.</summary>
            public const string ImageUrl = "imageUrl";

            /// <summary>The garment URL a picture was made from (in the older form, beside <c>imageList</c>).</summary>
            public const string Clothes = "clothes";
        }

        /// <summary>How a task's or a sub-task's status is spelled.</summary>
        public static class Status
        {
            /// <summary>Queued.</summary>
            public const string Submitted = "submitted";

            /// <summary>Generating.</summary>
            public const string Running = "running";

            /// <summary>Done; the pictures are ready.</summary>
            public const string Finished = "finished";

            /// <summary>Ended without pictures.</summary>
            public const string Failed = "failed";

            /// <summary>The spelling of a status, for a server that writes one.</summary>
            public static string Of(TryOnTaskStatus status) => status switch
            {
                TryOnTaskStatus.Submitted => Submitted,
                TryOnTaskStatus.Running => Running,
                TryOnTaskStatus.Finished => Finished,
                TryOnTaskStatus.Failed => Failed,
                _ => "unknown",
            };

            /// <summary>The status a spelling names; <see cref="TryOnTaskStatus.Unknown"/> for any other.</summary>
            public static TryOnTaskStatus Parse(string? status) => status?.ToLowerInvariant() switch
            {
                Submitted => TryOnTaskStatus.Submitted,
                Running => TryOnTaskStatus.Running,
                Finished => TryOnTaskStatus.Finished,
                Failed => TryOnTaskStatus.Failed,
                _ => TryOnTaskStatus.Unknown,
            };
        }
    }
}
