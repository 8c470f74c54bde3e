using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServiceInsights.Tests.Hosting;

/// <summary>
/// What the app under test logs at <see cref="LogLevel.Warning"/> and above (the level <see cref="AppFactory"/> sets), kept
/// so that a test can assert the server side stayed quiet: an error a page swallows reaches only the log.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}

/// <summary>One log entry; <see cref="ToString"/> names the level, category, message and exception.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>The exception's type and message and those of its inner exceptions, to search.</summary>
    public string Exceptions => Exception is null ? "" : string.Join(" | ", Chain(Exception).Select(e => $"{e.GetType().Name}: {e.Message}"));

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }

    public override string ToString() => $"{Level} {Category}: {Message} {Exceptions}".TrimEnd();
}
