using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Client;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>A task paid for, asked about until it ends, and its end recorded.</summary>
    internal sealed partial class CatalogueExecution<TRequest>
    {
        // Polled until it ends or its TaskTimeout (counted from its submit, across runs) has passed; a task resumed from the ledger
        // past its TaskTimeout is still asked once, so that one that ended meanwhile is reported with its pictures.
        private async Task<TryOnCatalogueItem<TRequest>?> PollAsync(
            TryOnCatalogueLook<TRequest> look, string key, string fingerprint, TryOnLedgerClaim claim, ClaimKeeper keeper, string taskId, TryOnEdition edition, DateTimeOffset submittedAt, bool resumed, bool attached)
        {
            TryOnOperation<TRequest> operation = _client.GetOperation(taskId, edition).WithRequests(new[] { look.Request });
            TimeSpan interval = _options.PollingInterval;
            TimeSpan wait = resumed ? TimeSpan.FromTicks((long)(interval.Ticks * Delays.NextFraction())) : Delays.Jitter(interval);
            DateTimeOffset deadline = submittedAt + _options.TaskTimeout;
            Interlocked.Increment(ref _runningTasks);
            using var polling = CancellationTokenSource.CreateLinkedTokenSource(Stopping, keeper.Lost);
            try
            {
                while (true)
                {
                    await Delays.DelayAsync(_time, wait, polling.Token).ConfigureAwait(false);
                    TryOnResult<TRequest>? result = null;
                    await _queries.WaitAsync(polling.Token).ConfigureAwait(false);
                    try
                    {
                        result = await operation.GetResultAsync(polling.Token).ConfigureAwait(false);
                    }
                    catch (AidgeException exception) when (exception.Kind is AidgeErrorKind.QuotaExhausted or AidgeErrorKind.Gateway)
                    {
                        // The ledger keeps the task id: the next run asks again.
                        Fail(exception);
                        return null;
                    }
                    catch (AidgeException exception)
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
                        return await EndedAsync(look, key, fingerprint, claim, keeper, taskId, edition, submittedAt, result, age, resumed, attached).ConfigureAwait(false);
                    }

                    if (_time.GetUtcNow() >= deadline)
                    {
                        // Not an end: the ledger keeps the task id, and the next run asks about it again, once, at no cost.
                        return Item(look, TryOnLookState.StillRunning, new TryOnLookError(
                            AidgeErrorKind.Unknown,
                            "The task " + taskId + " had not ended " + Rounded(age) + " after its submit (TaskTimeout " + _options.TaskTimeout + "). It is paid for and " +
                            "its task id is recorded: the next run asks about it again. Do not give it a new key, or it is paid for twice."),
                            taskId);
                    }

                    interval = Delays.NextPollInterval(interval, _options.MaxPollingInterval);
                    wait = Delays.Jitter(interval);
                    if (_time.GetUtcNow() + wait > deadline)
                    {
                        wait = deadline - _time.GetUtcNow();
                    }
                }
            }
            catch (OperationCanceledException) when (keeper.Lost.IsCancellationRequested && !Stopping.IsCancellationRequested)
            {
                // This run's lease ran out while it polled: another run polls the task now.
                throw new ClaimLostException();
            }
            finally
            {
                Interlocked.Decrement(ref _runningTasks);
            }
        }

        private async Task<TryOnCatalogueItem<TRequest>> EndedAsync(
            TryOnCatalogueLook<TRequest> look, string key, string fingerprint, TryOnLedgerClaim claim, ClaimKeeper keeper, string taskId, TryOnEdition edition, DateTimeOffset submittedAt, TryOnResult<TRequest> result, TimeSpan age, bool resumed, bool attached)
        {
            if (result.Status == TryOnTaskStatus.Failed)
            {
                var failed = new TryOnTaskFailedException(result.Untyped);
                var error = new TryOnLookError(AidgeErrorKind.TaskFailed, failed.Message, requestId: result.Untyped.RequestId, exception: failed);
                return await RecordEndAsync(look, claim, keeper, new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.Failed, taskId, edition, error: error, updatedAt: _time.GetUtcNow(), taskAttached: attached), TryOnLookState.Failed, NoPictures, error).ConfigureAwait(false);
            }

            // One request per task: its pictures, and any the service named no garment of that pairing could not place.
            IReadOnlyList<TryOnPicture> pictures = result.Looks[0].Pictures;
            if (result.UnmatchedPictures.Count != 0)
            {
                if (attached)
                {
                    // A task id given by hand may be another look's: pictures made from other garments are never reported as this look's.
                    // The look's own submit is still unaccounted for, so it stays in doubt, and can be given the right task id.
                    TryOnLookError doubt = Doubt(
                        "The task " + taskId + ", attached to this look by hand, made " + result.UnmatchedPictures.Count + " of its pictures from garments this look " +
                        "does not send: it is another look's task, and its pictures are not reported as this look's. The look's own submit is still unaccounted for.",
                        AidgeErrorKind.InvalidResponse);
                    return await RecordEndAsync(look, claim, keeper, new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.InDoubt, edition: edition, error: doubt, updatedAt: _time.GetUtcNow(), submittedAt: submittedAt), TryOnLookState.InDoubt, NoPictures, doubt).ConfigureAwait(false);
                }

                var all = new List<TryOnPicture>(pictures);
                all.AddRange(result.UnmatchedPictures);
                pictures = all;
            }

            if (!resumed)
            {
                Interlocked.Add(ref _taskTicks, age.Ticks);
                Interlocked.Increment(ref _tasksTimed);
            }

            return await RecordEndAsync(look, claim, keeper, new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.Finished, taskId, edition, pictures, updatedAt: _time.GetUtcNow(), taskAttached: attached), TryOnLookState.Finished, pictures, null).ConfigureAwait(false);
        }

        // The end is reported even when the ledger cannot record it: the ledger still holds the task id, so the next run asks again
        // at no cost. The run halts, since a ledger that cannot be written cannot journal the next paid call.
        private async Task<TryOnCatalogueItem<TRequest>> RecordEndAsync(TryOnCatalogueLook<TRequest> look, TryOnLedgerClaim claim, ClaimKeeper keeper, TryOnLedgerEntry entry, TryOnLookState state, IReadOnlyList<TryOnPicture> pictures, TryOnLookError? error)
        {
            try
            {
                await SaveAsync(claim, keeper, entry, look.Key, "its end").ConfigureAwait(false);
            }
            catch (ClaimLostException)
            {
                throw;
            }
            catch (Exception exception)
            {
                CatalogueLog.EndNotRecorded(_logger, entry.TaskId ?? "none", look.Key, exception);
                Fail(exception);
            }

            return new TryOnCatalogueItem<TRequest>(look.Key, look.Request, state, pictures, error, entry.TaskId);
        }

        private static string Rounded(TimeSpan age) => TimeSpan.FromSeconds(Math.Round(age.TotalSeconds)).ToString();
    }
}
