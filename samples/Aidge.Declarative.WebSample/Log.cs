using System;
using Microsoft.Extensions.Logging;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "No Aidge:AccessKey configured: using the embedded fake Aidge server at {Address}")]
    public static partial void LogFakeServer(this ILogger logger, Uri address);
}
