using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aidge.Declarative
{
    /// <summary>
    /// The names under which the client publishes its traces and metrics, for OpenTelemetry and any other listener:
    /// <c>.AddSource(AidgeTelemetry.SourceName)</c> and <c>.AddMeter(AidgeTelemetry.SourceName)</c>.
    /// </summary>
    /// <remarks>
    /// Activities: one per call (<c>TryOnClient.Submit</c>, <c>TryOnClient.GetResult</c>), kind Client, under the caller's
    /// current activity, and one around <c>TryOnOperation.WaitForCompletion</c>. Metrics: <c>aidge.client.call.duration</c>,
    /// <c>aidge.client.submits</c>, <c>aidge.client.retries</c>, <c>aidge.client.rate_limited</c>,
    /// <c>aidge.client.tasks.ended</c> and <c>aidge.client.task.duration</c>. No tag or measurement ever holds the secret,
    /// the sign, the query string, the access key or an image URL; nothing is allocated for a call nobody observes.
    /// </remarks>
    public static class AidgeTelemetry
    {
        /// <summary>The name of both the <see cref="ActivitySource"/> and the <see cref="Meter"/>: <c>Aidge.Declarative</c>.</summary>
        public const string SourceName = "Aidge.Declarative";
    }
}

namespace Aidge.Declarative.Client
{
    /// <summary>The client's activity source, meter and instruments, and the names of their tags.</summary>
    internal static class Telemetry
    {
        public const string SubmitActivity = "TryOnClient.Submit";
        public const string QueryActivity = "TryOnClient.GetResult";
        public const string BalanceActivity = "TryOnClient.GetBalance";
        public const string WaitActivity = "TryOnOperation.WaitForCompletion";

        // Tags. OpenTelemetry's own names where one fits (error.type, server.address, server.port).
        public const string ApiTag = "aidge.api";
        public const string EditionTag = "aidge.edition";
        public const string TaskIdTag = "aidge.task_id";
        public const string SubTaskCountTag = "aidge.sub_task.count";
        public const string ResCodeTag = "aidge.res_code";
        public const string AttemptsTag = "aidge.attempts";
        public const string RetryReasonTag = "aidge.retry.reason";
        public const string TaskStatusTag = "aidge.task.status";
        public const string PollsTag = "aidge.polls";
        public const string OutcomeTag = "aidge.outcome";
        public const string ErrorTypeTag = "error.type";
        public const string ServerAddressTag = "server.address";
        public const string ServerPortTag = "server.port";

        private static readonly string? s_version = typeof(Telemetry).Assembly.GetName().Version?.ToString();

        public static readonly ActivitySource Source = new(AidgeTelemetry.SourceName, s_version);

        public static readonly Meter Meter = new(AidgeTelemetry.SourceName, s_version);

        /// <summary>How long each call took, every attempt and its answer read, by API and outcome.</summary>
        public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
            "aidge.client.call.duration", "s", "How long a call to the Aidge API took, its retries included");

        /// <summary>Every submit that reached the service, by what came of it: each may be paid, unless it was refused with 501.</summary>
        public static readonly Counter<long> Submits = Meter.CreateCounter<long>(
            "aidge.client.submits", "{submit}", "Submits sent to the service (paid calls), by outcome: accepted, rate_limited, refused, in_doubt");

        /// <summary>Retries, by API and reason.</summary>
        public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
            "aidge.client.retries", "{retry}", "Calls retried, by reason");

        /// <summary>Answers of 501 (and 429): each a wasted call.</summary>
        public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
            "aidge.client.rate_limited", "{answer}", "Answers of 501 or 429: calls the key's rate limit refused");

        /// <summary>Tasks seen to end, by status.</summary>
        public static readonly Counter<long> TasksEnded = Meter.CreateCounter<long>(
            "aidge.client.tasks.ended", "{task}", "Try-on tasks seen to end, by status: finished or failed");

        /// <summary>From the submit (or, for a resumed task, the first wait) to the finished task.</summary>
        public static readonly Histogram<double> TaskDuration = Meter.CreateHistogram<double>(
            "aidge.client.task.duration", "s", "Time from a task's submit to its finished result");

        /// <summary>Starts a call's activity, or returns null when nobody listens.</summary>
        public static Activity? StartCall(string name, string api, Uri endpoint)
        {
            Activity? activity = Source.StartActivity(name, ActivityKind.Client);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(ApiTag, api);
                activity.SetTag(ServerAddressTag, endpoint.Host);
                activity.SetTag(ServerPortTag, endpoint.Port);
            }

            return activity;
        }

        /// <summary>The <c>error.type</c> of a failure: the <see cref="AidgeErrorKind"/>, or the exception's type.</summary>
        public static string ErrorType(Exception exception) => exception is AidgeException aidge ? aidge.Kind.ToString() : exception.GetType().FullName ?? "_OTHER";

        /// <summary>Marks an activity failed: its status and <c>error.type</c>, never the message (it may hold server text).</summary>
        public static void Fail(Activity? activity, Exception exception)
        {
            if (activity is { IsAllDataRequested: true })
            {
                string type = ErrorType(exception);
                activity.SetTag(ErrorTypeTag, type);
                if (exception is AidgeException { ResCode: not 0 } aidge)
                {
                    activity.SetTag(ResCodeTag, aidge.ResCode);
                }

                activity.SetStatus(ActivityStatusCode.Error, type);
            }
        }

        /// <summary>Records a call's duration, when anyone listens.</summary>
        public static void RecordCall(string api, Uri endpoint, TimeSpan elapsed, Exception? failure)
        {
            if (!CallDuration.Enabled)
            {
                return;
            }

            var tags = new TagList { { ApiTag, api }, { ServerAddressTag, endpoint.Host }, { ServerPortTag, endpoint.Port } };
            if (failure is not null)
            {
                tags.Add(ErrorTypeTag, ErrorType(failure));
            }

            CallDuration.Record(elapsed.TotalSeconds, tags);
        }

        /// <summary>Counts one of the call counters, by API and one more tag, when anyone listens.</summary>
        public static void Count(Counter<long> counter, string api, Uri endpoint, string tag, string value)
        {
            if (counter.Enabled)
            {
                counter.Add(1, new TagList { { ApiTag, api }, { ServerAddressTag, endpoint.Host }, { ServerPortTag, endpoint.Port }, { tag, value } });
            }
        }
    }
}
