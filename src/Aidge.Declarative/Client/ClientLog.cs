using System;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Client
{
    // What the client logs. Never the secret, the sign, or the query string: only the API name and what
    // the service answered.
    internal static partial class ClientLog
    {
        [LoggerMessage(1, LogLevel.Debug, "Aidge {Api} answered in {ElapsedMs} ms, request id {RequestId}")]
        public static partial void Answered(ILogger logger, string api, long elapsedMs, string? requestId);

        [LoggerMessage(5, LogLevel.Debug, "Aidge {Api}: task {TaskId} is {Status}")]
        public static partial void TaskState(ILogger logger, string api, string taskId, string status);

        [LoggerMessage(2, LogLevel.Debug, "Aidge {Api} attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
        public static partial void Retrying(ILogger logger, string api, int attempt, string reason, long delayMs);

        [LoggerMessage(3, LogLevel.Debug, "Aidge {Api} failed after {ElapsedMs} ms: {Reason}")]
        public static partial void Failed(ILogger logger, string api, long elapsedMs, string reason);

        [LoggerMessage(6, LogLevel.Warning, "Aidge task {TaskId}, sub-task {SubTask}: {Problem}")]
        public static partial void SubTaskProblem(ILogger logger, string taskId, int subTask, string problem);

        [LoggerMessage(4, LogLevel.Debug, "Aidge task {TaskId} is {Status} after {ElapsedMs} ms; next query in {DelayMs} ms")]
        public static partial void Polled(ILogger logger, string taskId, TryOnTaskStatus status, long elapsedMs, long delayMs);
    }
}
