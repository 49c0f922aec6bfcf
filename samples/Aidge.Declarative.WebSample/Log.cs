using System;
using Aidge.Declarative;
using Microsoft.Extensions.Logging;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "No Aidge:AccessKey configured: using the embedded fake Aidge server at {Address}")]
    public static partial void LogFakeServer(this ILogger logger, Uri address);

    [LoggerMessage(2, LogLevel.Warning, "Aidge could not serve the call ({Kind}, request id {RequestId}); the shopper was answered {Status}")]
    public static partial void LogUpstreamFailure(this ILogger logger, AidgeErrorKind kind, string? requestId, int status, Exception exception);
}
