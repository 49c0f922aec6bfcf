using System;
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

        internal TryOnOperation(TryOnClient client, string taskId, TryOnEdition edition, string? requestId)
        {
            _client = client;
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
        /// <exception cref="TimeoutException">The task had not ended within <see cref="TryOnClientOptions.PollingTimeout"/>.</exception>
        /// <exception cref="AidgeException">A query failed for good.</exception>
        public Task<TryOnResult> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
            WaitForCompletionAsync(progress: null, cancellationToken);

        /// <summary>Polls until the task has finished, reporting each state it sees to <paramref name="progress"/>.</summary>
        /// <exception cref="TryOnTaskFailedException">The task failed.</exception>
        /// <exception cref="TimeoutException">The task had not ended within <see cref="TryOnClientOptions.PollingTimeout"/>.</exception>
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
                    progress?.Report(last);
                    switch (last.Status)
                    {
                        case TryOnTaskStatus.Finished:
                            return last;
                        case TryOnTaskStatus.Failed:
                            throw new TryOnTaskFailedException(last);
                    }

                    interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * 1.5), options.MaxPollingInterval.Ticks));
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    "The try-on task " + TaskId + " was still " + (last?.Status ?? TryOnTaskStatus.Submitted) + " after " +
                    options.PollingTimeout + " (PollingTimeout); it may still finish: resume it with GetOperation(\"" + TaskId + "\").");
            }
        }

        /// <inheritdoc/>
        public override string ToString() => "TryOnOperation { TaskId = " + TaskId + ", Edition = " + Edition + " }";
    }
}
