using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>One call of <see cref="TryOnCatalogueRun{TRequest}.RunAsync(IAsyncEnumerable{TryOnCatalogueLook{TRequest}}, IProgress{TryOnCatalogueProgress}?, CancellationToken)"/>: its looks in flight, its budget, its counts.</summary>
    internal sealed class CatalogueExecution<TRequest> : IDisposable
        where TRequest : ITryOnRequest
    {
        private static readonly TryOnSubmitOptions PacedSubmit = new() { RetryRateLimited = false };
        private static readonly TryOnPicture[] NoPictures = new TryOnPicture[0];

        private readonly TryOnClient _client;
        private readonly ITryOnLedger _ledger;
        private readonly TryOnCatalogueOptions _options;
        private readonly ILogger _logger;
        private readonly IProgress<TryOnCatalogueProgress>? _progress;
        private readonly TimeProvider _time;
        private readonly CancellationTokenSource _stop;
        private readonly CancellationTokenSource _consumerGone = new();
        private readonly Channel<TryOnCatalogueItem<TRequest>> _output;
        private readonly SemaphoreSlim _slots;
        private readonly SemaphoreSlim _queries;
        private readonly SubmitPacer _pacer;
        private readonly ITimer? _progressTimer;
        private readonly Dictionary<string, List<TryOnCatalogueLook<TRequest>>?> _inFlight = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource<bool> _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly long _started;

        private int _pending = 1;   // the reader, plus one per look in flight
        private int _read;
        private int _waiting;
        private int _runningTasks;
        private int _finished;
        private int _failed;
        private int _inDoubt;
        private int _fromLedger;
        private int _submits;
        private int _rateLimited;
        private long _firstSubmit;
        private long _lastSubmit;
        private long _taskTicks;
        private int _tasksTimed;
        private ExceptionDispatchInfo? _fatal;

        public CatalogueExecution(TryOnClient client, ITryOnLedger ledger, TryOnCatalogueOptions options, ILogger logger, IProgress<TryOnCatalogueProgress>? progress, CancellationToken cancellationToken)
        {
            _client = client;
            _ledger = ledger;
            _options = options;
            _logger = logger;
            _progress = progress;
            _time = options.TimeProvider;
            _started = _time.GetTimestamp();
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _output = Channel.CreateBounded<TryOnCatalogueItem<TRequest>>(new BoundedChannelOptions(Math.Min(options.MaxTasksInFlight, 256)) { SingleReader = true });
            _slots = new SemaphoreSlim(options.MaxTasksInFlight, options.MaxTasksInFlight);
            _queries = new SemaphoreSlim(options.MaxQueriesInFlight, options.MaxQueriesInFlight);
            _pacer = new SubmitPacer(options.Window, options.SubmitsPerWindow, options.MaxTasksInFlight + 1);
            if (progress is not null)
            {
                _progressTimer = _time.CreateTimer(_ => ReportProgress(), null, options.ProgressInterval, options.ProgressInterval);
            }
        }

        public ChannelReader<TryOnCatalogueItem<TRequest>> Output => _output.Reader;

        private CancellationToken Stopping => _stop.Token;

        /// <summary>Reads the looks, starts each under a slot, and completes the output when every look in flight has ended.</summary>
        public async Task PumpAsync(IAsyncEnumerable<TryOnCatalogueLook<TRequest>> looks)
        {
            await Task.Yield();
            try
            {
                await foreach (TryOnCatalogueLook<TRequest> look in looks.WithCancellation(Stopping).ConfigureAwait(false))
                {
                    if (look is null)
                    {
                        throw new ArgumentException("The catalogue holds a null look.", nameof(looks));
                    }

                    Interlocked.Increment(ref _read);
                    await _slots.WaitAsync(Stopping).ConfigureAwait(false);
                    Interlocked.Increment(ref _pending);
                    CatalogueTelemetry.LooksInFlight.Add(1);
                    _ = RunLookAsync(look);
                }
            }
            catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                // The catalogue itself failed (a CSV that cannot be read): drain what is in flight, then throw it.
                Fail(exception);
            }

            LookDone();
            await _drained.Task.ConfigureAwait(false);
            _output.Writer.TryComplete();
        }

        /// <summary>Stops reading, waiting and polling; looks that end meanwhile are still yielded, unless the caller stopped reading.</summary>
        public void Stop(bool consumerGone = false)
        {
            try
            {
                _stop.Cancel();
                if (consumerGone)
                {
                    _consumerGone.Cancel();
                }
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void ThrowIfFailed() => _fatal?.Throw();

        public void ReportProgress()
        {
            if (_progress is null)
            {
                return;
            }

            long now = _time.GetTimestamp();
            int submits = Volatile.Read(ref _submits);
            int limit = _pacer.Limit;
            double budgetUse = 0;
            if (submits > 1)
            {
                TimeSpan span = _time.GetElapsedTime(Interlocked.Read(ref _firstSubmit), Interlocked.Read(ref _lastSubmit));
                budgetUse = span > TimeSpan.Zero ? (submits - 1) / (limit * (span.Ticks / (double)_options.Window.Ticks)) : 0;
            }

            _progress.Report(new TryOnCatalogueProgress(
                Volatile.Read(ref _read),
                Volatile.Read(ref _waiting),
                Volatile.Read(ref _runningTasks),
                Volatile.Read(ref _finished),
                Volatile.Read(ref _failed),
                Volatile.Read(ref _inDoubt),
                Volatile.Read(ref _fromLedger),
                submits,
                Volatile.Read(ref _rateLimited),
                limit,
                _options.SubmitsPerWindow is not null,
                Math.Min(1, budgetUse),
                _time.GetElapsedTime(_started, now),
                EstimateTimeLeft(limit)));
        }

        public void Dispose()
        {
            _progressTimer?.Dispose();
            _pacer.Dispose();
            _stop.Dispose();
            _consumerGone.Dispose();
        }

        private TimeSpan? EstimateTimeLeft(int limit)
        {
            if (_options.ExpectedLooks is not { } expected)
            {
                return null;
            }

            int ended = Volatile.Read(ref _finished) + Volatile.Read(ref _failed) + Volatile.Read(ref _inDoubt);
            if (ended >= expected)
            {
                return TimeSpan.Zero;
            }

            int toSubmit = Math.Max(0, expected - Volatile.Read(ref _read)) + Volatile.Read(ref _waiting);
            int timed = Volatile.Read(ref _tasksTimed);
            TimeSpan task = timed == 0 ? _options.PollingInterval : TimeSpan.FromTicks(Interlocked.Read(ref _taskTicks) / timed);
            return TimeSpan.FromTicks((long)(toSubmit * (_options.Window.Ticks / (double)limit))) + task;
        }

        private void Fail(Exception exception)
        {
            lock (_inFlight)
            {
                _fatal ??= ExceptionDispatchInfo.Capture(exception);
            }

            Stop();
        }

        private void LookDone()
        {
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                _drained.TrySetResult(true);
            }
        }

        // One look, from its ledger entry to its item. Never throws: its outcome is an item, a fatal failure, or (when stopping) nothing.
        private async Task RunLookAsync(TryOnCatalogueLook<TRequest> look)
        {
            bool owner = false;
            try
            {
                lock (_inFlight)
                {
                    if (_inFlight.TryGetValue(look.Key, out List<TryOnCatalogueLook<TRequest>>? twins))
                    {
                        // The same key twice in one catalogue: the second is told what became of the first, and paid for once.
                        (twins ??= _inFlight[look.Key] = new List<TryOnCatalogueLook<TRequest>>()).Add(look);
                        return;
                    }

                    _inFlight.Add(look.Key, null);
                    owner = true;
                }

                TryOnCatalogueItem<TRequest>? item = await ResolveAsync(look).ConfigureAwait(false);
                if (item is not null)
                {
                    await EmitAsync(item).ConfigureAwait(false);
                }

                List<TryOnCatalogueLook<TRequest>>? followers;
                lock (_inFlight)
                {
                    followers = _inFlight[look.Key];
                    _inFlight.Remove(look.Key);
                    owner = false;
                }

                if (item is not null && followers is not null)
                {
                    foreach (TryOnCatalogueLook<TRequest> twin in followers)
                    {
                        await EmitAsync(new TryOnCatalogueItem<TRequest>(twin.Key, twin.Request, item.State, item.Pictures, item.Error, item.TaskId, fromLedger: true)).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (Stopping.IsCancellationRequested || _consumerGone.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                // A ledger that cannot be written, or a bug: nothing can be promised past this point.
                Fail(exception);
            }
            finally
            {
                if (owner)
                {
                    lock (_inFlight)
                    {
                        _inFlight.Remove(look.Key);
                    }
                }

                _slots.Release();
                CatalogueTelemetry.LooksInFlight.Add(-1);
                LookDone();
            }
        }

        private async Task EmitAsync(TryOnCatalogueItem<TRequest> item)
        {
            switch (item.State)
            {
                case TryOnLookState.Finished:
                    Interlocked.Increment(ref _finished);
                    break;
                case TryOnLookState.Failed:
                    Interlocked.Increment(ref _failed);
                    break;
                default:
                    Interlocked.Increment(ref _inDoubt);
                    break;
            }

            if (item.FromLedger)
            {
                Interlocked.Increment(ref _fromLedger);
            }

            CatalogueTelemetry.Ended(item.State, item.FromLedger);

            await _output.Writer.WriteAsync(item, _consumerGone.Token).ConfigureAwait(false);
        }

        // What the ledger says decides what is done: report, poll, or submit.
        private async Task<TryOnCatalogueItem<TRequest>?> ResolveAsync(TryOnCatalogueLook<TRequest> look)
        {
            string fingerprint = look.Fingerprint;
            TryOnLedgerEntry? entry = await _ledger.FindAsync(look.Key, Stopping).ConfigureAwait(false);
            if (entry is not null && entry.Fingerprint != fingerprint && entry.State != TryOnLedgerState.Failed)
            {
                // A failed look may be mended and sent again under its key; one that was (or may have been) paid for may not.
                return Item(look, TryOnLookState.Failed, new TryOnLookError(
                    AidgeErrorKind.InvalidInput,
                    "The key '" + look.Key + "' was recorded for another request (" + entry.State + "); a key is paid for once. Give the changed look a new key."),
                    entry.TaskId);
            }

            switch (entry?.State)
            {
                case TryOnLedgerState.Finished when entry.Fingerprint == fingerprint:
                    return new TryOnCatalogueItem<TRequest>(look.Key, look.Request, TryOnLookState.Finished, entry.Pictures, null, entry.TaskId, fromLedger: true);
                case TryOnLedgerState.Failed when entry.Fingerprint == fingerprint:
                    return new TryOnCatalogueItem<TRequest>(look.Key, look.Request, TryOnLookState.Failed, NoPictures, entry.Error, entry.TaskId, fromLedger: true);
                case TryOnLedgerState.InDoubt when !_options.ResubmitInDoubt:
                    return new TryOnCatalogueItem<TRequest>(look.Key, look.Request, TryOnLookState.InDoubt, NoPictures, entry.Error, null, fromLedger: true);
                case TryOnLedgerState.Submitting when !_options.ResubmitInDoubt:
                    var doubt = new TryOnLookError(
                        AidgeErrorKind.Unknown,
                        "An earlier run recorded this look as submitting and stopped before the answer was recorded: it may have been paid for. It is not submitted again unless ResubmitInDoubt is set.");
                    await _ledger.SaveAsync(new TryOnLedgerEntry(look.Key, fingerprint, TryOnLedgerState.InDoubt, edition: entry.Edition, error: doubt, updatedAt: _time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
                    CatalogueLog.InDoubt(_logger, look.Key, doubt.Message, null);
                    return Item(look, TryOnLookState.InDoubt, doubt, null);
                case TryOnLedgerState.Submitted:
                    return await PollAsync(look, fingerprint, entry.TaskId!, entry.Edition, entry.UpdatedAt, resumed: true).ConfigureAwait(false);
                default:
                    return await SubmitAsync(look, fingerprint).ConfigureAwait(false);
            }
        }

        private async Task<TryOnCatalogueItem<TRequest>?> SubmitAsync(TryOnCatalogueLook<TRequest> look, string fingerprint)
        {
            IReadOnlyList<TryOnProblem> problems = look.Request.Validate();
            if (problems.Count != 0)
            {
                // Bad input ends here, free: nothing is sent or recorded, so a mended look is submitted by the next run.
                var invalid = new TryOnValidationException(problems);
                return Item(look, TryOnLookState.Failed, new TryOnLookError(AidgeErrorKind.InvalidInput, invalid.Message, exception: invalid), null);
            }

            var requests = new[] { look.Request };
            TryOnEdition edition = look.Request.Edition;
            while (true)
            {
                SubmitPacer.Permit permit;
                Interlocked.Increment(ref _waiting);
                try
                {
                    permit = await _pacer.AcquireAsync(Stopping).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _waiting);
                }

                TryOnOperation operation;
                try
                {
                    if (Stopping.IsCancellationRequested)
                    {
                        _pacer.Unused(permit);
                        return null;   // stopped while the permit came: nothing recorded, nothing sent
                    }

                    // Recorded, durably, before the paid call; from here on nothing cancels the call, so that its answer is recorded too.
                    await _ledger.SaveAsync(new TryOnLedgerEntry(look.Key, fingerprint, TryOnLedgerState.Submitting, edition: edition, updatedAt: _time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
                }
                catch
                {
                    _pacer.Unused(permit);
                    throw;
                }

                try
                {
                    operation = await _client.SubmitBatchAsync(requests, PacedSubmit, CancellationToken.None).ConfigureAwait(false);
                    _pacer.Accepted(permit);
                }
                catch (AidgeException exception) when (exception.Kind == AidgeErrorKind.RateLimited)
                {
                    // Nothing ran: the look is new again, and the budget was smaller than thought.
                    _pacer.Refused(permit);
                    await _ledger.RemoveAsync(look.Key, CancellationToken.None).ConfigureAwait(false);
                    Interlocked.Increment(ref _rateLimited);
                    CatalogueLog.RateLimited(_logger, _pacer.Limit, _options.Window, null);
                    if (Stopping.IsCancellationRequested)
                    {
                        return null;
                    }

                    continue;
                }
                catch (AidgeException exception) when (!exception.MayHaveCreatedTask)
                {
                    _pacer.Answered(permit);
                    return await RefusedAsync(look, fingerprint, exception).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is AidgeException or TimeoutException or System.Net.Http.HttpRequestException or System.IO.IOException)
                {
                    _pacer.Answered(permit);
                    var doubt = new TryOnLookError(
                        (exception as AidgeException)?.Kind ?? AidgeErrorKind.Transport,
                        "The submit may have reached the service, but no task id came back: " + exception.Message + " It may have been paid for, so it is not submitted again unless ResubmitInDoubt is set.",
                        (exception as AidgeException)?.ResCode ?? 0,
                        (exception as AidgeException)?.RequestId,
                        exception);
                    await _ledger.SaveAsync(new TryOnLedgerEntry(look.Key, fingerprint, TryOnLedgerState.InDoubt, edition: edition, error: doubt, updatedAt: _time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
                    CatalogueLog.InDoubt(_logger, look.Key, doubt.Message, exception);
                    return Item(look, TryOnLookState.InDoubt, doubt, null);
                }
                catch
                {
                    _pacer.Answered(permit);   // whatever it was, the call may have counted
                    throw;
                }

                long now = _time.GetTimestamp();
                Interlocked.CompareExchange(ref _firstSubmit, now, 0);
                Interlocked.Exchange(ref _lastSubmit, now);
                Interlocked.Increment(ref _submits);
                DateTimeOffset submittedAt = _time.GetUtcNow();
                await _ledger.SaveAsync(new TryOnLedgerEntry(look.Key, fingerprint, TryOnLedgerState.Submitted, operation.TaskId, edition, updatedAt: submittedAt), CancellationToken.None).ConfigureAwait(false);
                return await PollAsync(look, fingerprint, operation.TaskId, edition, submittedAt, resumed: false).ConfigureAwait(false);
            }
        }

        // A submit that certainly made no task: refused for the look's own sake (it ends), or for every look's (the run stops).
        private async Task<TryOnCatalogueItem<TRequest>?> RefusedAsync(TryOnCatalogueLook<TRequest> look, string fingerprint, AidgeException exception)
        {
            var error = new TryOnLookError(exception.Kind, exception.Message, exception.ResCode, exception.RequestId, exception);
            switch (exception.Kind)
            {
                case AidgeErrorKind.InvalidInput or AidgeErrorKind.ImageProblem or AidgeErrorKind.ContentRisk:
                    await _ledger.SaveAsync(new TryOnLedgerEntry(look.Key, fingerprint, TryOnLedgerState.Failed, edition: look.Request.Edition, error: error, updatedAt: _time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
                    CatalogueLog.Refused(_logger, look.Key, exception.Kind, exception.ResCode, null);
                    return Item(look, TryOnLookState.Failed, error, null);
                case AidgeErrorKind.QuotaExhausted or AidgeErrorKind.Gateway:
                    await _ledger.RemoveAsync(look.Key, CancellationToken.None).ConfigureAwait(false);
                    Fail(exception);
                    return null;
                default:
                    // The call never left (a connection that could not be made, after the client's retries): new again next run.
                    await _ledger.RemoveAsync(look.Key, CancellationToken.None).ConfigureAwait(false);
                    return Item(look, TryOnLookState.Failed, error, null);
            }
        }

        private async Task<TryOnCatalogueItem<TRequest>?> PollAsync(TryOnCatalogueLook<TRequest> look, string fingerprint, string taskId, TryOnEdition edition, DateTimeOffset submittedAt, bool resumed)
        {
            TryOnOperation<TRequest> operation = _client.GetOperation(taskId, edition).WithRequests(new[] { look.Request });
            TimeSpan interval = _options.PollingInterval;
            TimeSpan wait = resumed ? TimeSpan.FromTicks((long)(interval.Ticks * Clock.NextFraction())) : Clock.Jitter(interval, 0.2);
            DateTimeOffset pollingSince = resumed ? _time.GetUtcNow() : submittedAt;
            Interlocked.Increment(ref _runningTasks);
            try
            {
                while (true)
                {
                    await Clock.Delay(_time, wait, Stopping).ConfigureAwait(false);
                    TryOnResult<TRequest>? result = null;
                    await _queries.WaitAsync(Stopping).ConfigureAwait(false);
                    try
                    {
                        result = await operation.GetResultAsync(Stopping).ConfigureAwait(false);
                    }
                    catch (AidgeException exception) when (exception.Kind is AidgeErrorKind.QuotaExhausted or AidgeErrorKind.Gateway)
                    {
                        Fail(exception);
                        return null;
                    }
                    catch (Exception exception) when (exception is AidgeException or TimeoutException)
                    {
                        // The client has retried what can pass; the task is still paid for and may end: ask again later.
                        CatalogueLog.QueryFailed(_logger, look.Key, taskId, exception);
                    }
                    finally
                    {
                        _queries.Release();
                    }

                    TimeSpan age = _time.GetUtcNow() - submittedAt;
                    if (result is { IsCompleted: true })
                    {
                        return await EndedAsync(look, fingerprint, taskId, edition, result, age, resumed).ConfigureAwait(false);
                    }

                    // A task resumed from the ledger is given its TaskTimeout from this run's first poll, however old it is.
                    if (_time.GetUtcNow() - pollingSince >= _options.TaskTimeout)
                    {
                        // Not recorded: the ledger keeps the task id, and the next run polls it again.
                        var late = new TimeoutException("The task " + taskId + " had not ended " + age + " after its submit (TaskTimeout " + _options.TaskTimeout + ", from this run's first poll for a task resumed from the ledger); the next run polls it again.");
                        return Item(look, TryOnLookState.Failed, new TryOnLookError(AidgeErrorKind.Unknown, late.Message, exception: late), taskId);
                    }

                    interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * 1.5), _options.MaxPollingInterval.Ticks));
                    wait = Clock.Jitter(interval, 0.2);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _runningTasks);
            }
        }

        private async Task<TryOnCatalogueItem<TRequest>> EndedAsync(
            TryOnCatalogueLook<TRequest> look, string fingerprint, string taskId, TryOnEdition edition, TryOnResult<TRequest> result, TimeSpan age, bool resumed)
        {
            if (result.Status == TryOnTaskStatus.Failed)
            {
                var failed = new TryOnTaskFailedException(result.Untyped);
                var error = new TryOnLookError(AidgeErrorKind.TaskFailed, failed.Message, requestId: result.Untyped.RequestId, exception: failed);
                await _ledger.SaveAsync(new TryOnLedgerEntry(look.Key, fingerprint, TryOnLedgerState.Failed, taskId, edition, error: error, updatedAt: _time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
                return Item(look, TryOnLookState.Failed, error, taskId);
            }

            // One request per task: its pictures, and any the service named no garment of that pairing could not place.
            IReadOnlyList<TryOnPicture> pictures = result.Looks[0].Pictures;
            if (result.UnmatchedPictures.Count != 0)
            {
                var all = new List<TryOnPicture>(pictures);
                all.AddRange(result.UnmatchedPictures);
                pictures = all;
            }

            await _ledger.SaveAsync(new TryOnLedgerEntry(look.Key, fingerprint, TryOnLedgerState.Finished, taskId, edition, pictures, updatedAt: _time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            if (!resumed)
            {
                Interlocked.Add(ref _taskTicks, age.Ticks);
                Interlocked.Increment(ref _tasksTimed);
            }

            return new TryOnCatalogueItem<TRequest>(look.Key, look.Request, TryOnLookState.Finished, pictures, null, taskId);
        }

        private static TryOnCatalogueItem<TRequest> Item(TryOnCatalogueLook<TRequest> look, TryOnLookState state, TryOnLookError error, string? taskId) =>
            new(look.Key, look.Request, state, NoPictures, error, taskId);
    }
}
