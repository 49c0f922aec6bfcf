using System;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Catalogue
{
    // The run's log lines, defined once. Keys are the caller's; no secret reaches a catalogue log line.
    internal static class CatalogueLog
    {
        public static readonly Action<ILogger, string, string, Exception?> InDoubt = LoggerMessage.Define<string, string>(
            LogLevel.Warning, new EventId(1, "LookInDoubt"), "The look {Key} is in doubt: {Reason}");

        public static readonly Action<ILogger, int, TimeSpan, Exception?> RateLimited = LoggerMessage.Define<int, TimeSpan>(
            LogLevel.Information, new EventId(2, "RateLimited"), "A submit was answered 501 (rate limit); now {Limit} submits per {Window}");

        public static readonly Action<ILogger, string, AidgeErrorKind, int, Exception?> Refused = LoggerMessage.Define<string, AidgeErrorKind, int>(
            LogLevel.Information, new EventId(3, "LookRefused"), "The service refused the look {Key}: {Kind} {ResCode}");

        public static readonly Action<ILogger, string, string, Exception?> QueryFailed = LoggerMessage.Define<string, string>(
            LogLevel.Warning, new EventId(4, "QueryFailed"), "Asking about the look {Key} (task {TaskId}) failed; it is asked again later");
    }
}
