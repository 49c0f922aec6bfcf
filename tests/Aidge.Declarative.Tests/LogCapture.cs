using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Tests;

/// <summary>Keeps every log line, at every level, to search for what must never appear.</summary>
internal sealed class LogCapture : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger<T> For<T>() => new Logger<T>(new LoggerFactory(new[] { this }));

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _lines.Enqueue(logLevel + ": " + formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (KeyValuePair<string, object?> value in values)
            {
                _lines.Enqueue("  " + value.Key + " = " + value.Value);
            }
        }
    }

    public void Dispose()
    {
    }
}
