using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Client;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative
{
    /// <summary>
    /// A submitted try-on task. Wait for it here, or keep its <see cref="TaskId"/> and resume it later,
    /// in another process, with <see cref="TryOnClient.GetOperation"/>.
    /// </summary>
    public sealed class TryOnOperation
    {
        private readonly TryOnClient _client;

        private readonly long? _submittedAt;

        internal TryOnOperation(TryOnClient client, string taskId, TryOnEdition edition, string? requestId, long? submittedAt)
        {
            _client = client;
            _submittedAt = submittedAt;
            TaskId = taskId;
            Edition = edition;
            RequestId = requestId;
        }

        /// <summary>The task's id.</summary>
        public string TaskId { get; }

        /// <summary>The edition the task runs on.</summary>
        public TryOnEdition Edition { get; }

        /// <summary>The submit's request id, for the vendor's support; null for a resumed operation.</summary>
        public string? RequestId { get; }

        /// <summary>Asks the service once for the task's state.</summary>
        public Task<TryOnResult> GetResultAsync(CancellationToken cancellationToken = default) => _client.GetResultAsync(TaskId, cancellationToken);

        /// <summary>Polls until the task has finished and returns its images.</summary>
        /// <exception cref="TryOnTaskFailedException">The task failed.</exception>
        /// <exception cref="AidgeException">A query failed for good.</exception>
        public Task<TryOnResult> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
            WaitForCompletionAsync(progress: null, cancellationToken);

        /// <summary>Polls until the task has finished, reporting each state it sees to <paramref name="progress"/>.</summary>
        /// <exception cref="TryOnTaskFailedException">The task failed.</exception>
        /// <exception cref="AidgeException">A query failed for good.</exception>
        public async Task<TryOnResult> WaitForCompletionAsync(IProgress<TryOnResult>? progress, CancellationToken cancellationToken = default)
        {
            TryOnClientOptions options = _client.Options;
            TimeProvider time = options.TimeProvider;
            long started = time.GetTimestamp();
            TimeSpan interval = options.PollingInterval;
            TryOnResult? last = null;

            // PollingTimeout is one deadline over the whole wait: the delays and every query, retries included.
            using CancellationTokenSource deadline = Delays.TimeoutSource(time, options.PollingTimeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            using Activity? activity = Telemetry.Source.StartActivity(Telemetry.WaitActivity, ActivityKind.Internal);
            activity?.SetTag(Telemetry.TaskIdTag, TaskId);
            activity?.SetTag(Telemetry.EditionTag, Edition.ToString());
            int polls = 0;
            try
            {
                while (true)
                {
                    TimeSpan delay = last is null ? options.PollingInterval : Delays.Jitter(interval);
                    if (last is not null)
                    {
                        ClientLog.Polled(_client.Logger, TaskId, last.Status, (long)time.GetElapsedTime(started).TotalMilliseconds, (long)delay.TotalMilliseconds);
                    }

                    await Delays.DelayAsync(time, delay, linked.Token).ConfigureAwait(false);
                    last = await _client.GetResultAsync(TaskId, linked.Token).ConfigureAwait(false);
                    polls++;
                    progress?.Report(last);
                    if (last.IsCompleted)
                    {
                        Ended(activity, last.Status, polls, time.GetElapsedTime(_submittedAt ?? started));
                        if (last.Status == TryOnTaskStatus.Failed)
                        {
                            throw new TryOnTaskFailedException(last);
                        }

                        return last;
                    }

                    interval = Delays.NextPollInterval(interval, options.MaxPollingInterval);
                }
            }
            catch (OperationCanceledException stopped) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The deadline may come while a query is being retried: then the query's failure is the news, not the task's state.
                string seen = stopped is RetryCancelledException retrying
                    ? "no query about the try-on task " + TaskId + " was answered within " + options.PollingTimeout + " (PollingTimeout): the last one failed (" + retrying.Reason +
                      ") and was waiting to be tried again" + (last is null ? string.Empty : "; it was last seen " + last.Status)
                    : "the try-on task " + TaskId + " was still " + (last?.Status ?? TryOnTaskStatus.Submitted) + " after " + options.PollingTimeout + " (PollingTimeout)";
                var timeout = new AidgeException(
                    char.ToUpperInvariant(seen[0]) + seen.Substring(1) + "; it may still finish: resume it with GetOperation(\"" + TaskId + "\").",
                    AidgeErrorKind.Timeout,
                    requestId: last?.RequestId,
                    innerException: stopped is RetryCancelledException ? stopped : null)
                {
                    MayHaveCreatedTask = true,
                };
                activity?.SetTag(Telemetry.PollsTag, polls);
                Telemetry.Fail(activity, timeout);
                throw timeout;
            }
            catch (AidgeException failed) when (failed is not TryOnTaskFailedException)
            {
                // The task exists (this operation is its): whatever stopped the wait, it was made, and may be paid for.
                failed.MayHaveCreatedTask = true;
                activity?.SetTag(Telemetry.PollsTag, polls);
                Telemetry.Fail(activity, failed);
                throw;
            }
            catch (Exception exception) when (exception is not TryOnTaskFailedException)
            {
                activity?.SetTag(Telemetry.PollsTag, polls);
                Telemetry.Fail(activity, exception);
                throw;
            }
        }

        // The task ended: its status on the activity, the counters, and for a finished task the time it took.
        private void Ended(Activity? activity, TryOnTaskStatus status, int polls, TimeSpan elapsed)
        {
            string spelled = Client.Wire.WireNames.Status.Of(status);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(Telemetry.TaskStatusTag, spelled);
                activity.SetTag(Telemetry.PollsTag, polls);
                if (status == TryOnTaskStatus.Failed)
                {
                    activity.SetTag(Telemetry.ErrorTypeTag, nameof(AidgeErrorKind.TaskFailed));
                    activity.SetStatus(ActivityStatusCode.Error, nameof(AidgeErrorKind.TaskFailed));
                }
            }

            if (Telemetry.TasksEnded.Enabled)
            {
                Telemetry.TasksEnded.Add(1, new TagList { { Telemetry.TaskStatusTag, spelled }, { Telemetry.EditionTag, Edition.ToString() } });
            }

            if (status == TryOnTaskStatus.Finished && Telemetry.TaskDuration.Enabled)
            {
                Telemetry.TaskDuration.Record(elapsed.TotalSeconds, new TagList { { Telemetry.EditionTag, Edition.ToString() } });
            }
        }

        /// <summary>This operation, knowing the requests it was made of (in the order submitted), so that its result pairs each with its pictures.</summary>
        /// <exception cref="ArgumentException">No request is given.</exception>
        public TryOnOperation<TRequest> WithRequests<TRequest>(IReadOnlyList<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(requests, nameof(requests));
            if (requests.Count == 0)
            {
                throw new ArgumentException("A task has at least one request; none was given.", nameof(requests));
            }

            return new TryOnOperation<TRequest>(this, requests);
        }

        /// <inheritdoc/>
        public override string ToString() => "TryOnOperation { TaskId = " + TaskId + ", Edition = " + Edition + " }";
    }
}
