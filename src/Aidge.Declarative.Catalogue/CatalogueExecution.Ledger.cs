using System;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Client;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// What the ledger says of a look decides what is done with it, under a claim of this run's; a look another run holds is waited
    /// for; and how the run writes to the ledger when a write fails.
    /// </summary>
    internal sealed partial class CatalogueExecution<TRequest>
    {
        private const int WriteAttempts = 10;

        // How long a look another run holds is waited for between two looks at it, at most: a few polls' worth, so that a run whose own
        // looks have ended learns soon of the others'.
        private TimeSpan HeldWaitLimit => TimeSpan.FromTicks(Math.Max(_options.PollingInterval.Ticks, Math.Min(_options.MaxPollingInterval.Ticks, _options.PollingInterval.Ticks * 4)));
        private static readonly TimeSpan FirstWriteRetry = TimeSpan.FromMilliseconds(100);
        private static readonly TimeSpan LongestWriteRetry = TimeSpan.FromSeconds(5);

        // Report, poll, or submit. Only a key the ledger has never seen (or a failed look mended, or a doubt resubmitted as asked)
        // is submitted; a look another run holds is waited for, and taken over if that run's lease runs out.
        private async Task<TryOnCatalogueItem<TRequest>?> ResolveAsync(TryOnCatalogueLook<TRequest> look, string key)
        {
            string fingerprint = look.Fingerprint;
            TimeSpan heldWait = _options.PollingInterval;
            while (true)
            {
                TryOnLedgerClaim claim = await WriteAsync(() => _ledger.ClaimAsync(key, evenIfEnded: false, Halting), look.Key, "its claim").ConfigureAwait(false);
                if (!claim.IsHeld && claim.Entry is { HasEnded: true } ended)
                {
                    if (!WantsAgain(ended, key, fingerprint))
                    {
                        return Ended(look, ended, fingerprint);
                    }

                    claim = await WriteAsync(() => _ledger.ClaimAsync(key, evenIfEnded: true, Halting), look.Key, "its claim").ConfigureAwait(false);
                }

                if (!claim.IsHeld)
                {
                    // Another run is on it: look again after a wait that doubles each time (the other run may be waiting for the budget a
                    // while), and no later than its lease would run out, when the look may be this run's to take.
                    Interlocked.Increment(ref _heldElsewhere);
                    try
                    {
                        TimeSpan wait = claim.RetryAfter > TimeSpan.Zero && claim.RetryAfter < heldWait ? claim.RetryAfter + TimeSpan.FromMilliseconds(20) : heldWait;
                        await Delays.DelayAsync(_time, Delays.Jitter(wait, 0.1), Halting).ConfigureAwait(false);
                        heldWait = TimeSpan.FromTicks(Math.Min(heldWait.Ticks * 2, HeldWaitLimit.Ticks));
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _heldElsewhere);
                    }

                    continue;
                }

                using var keeper = new ClaimKeeper(_ledger, claim, _time);
                bool lost = false;
                try
                {
                    return await WorkAsync(look, key, fingerprint, claim, keeper).ConfigureAwait(false);
                }
                catch (ClaimLostException)
                {
                    // Another run holds the look now (this one was paused past its lease, say): see what it makes of it.
                    lost = true;
                    CatalogueLog.ClaimLost(_logger, look.Key, claim.Fence, null);
                }
                finally
                {
                    // Let go at once, for another run to take, unless an end was recorded, which let go already.
                    if (!lost && !keeper.Released)
                    {
                        await ReleaseAsync(claim).ConfigureAwait(false);
                    }
                }
            }
        }

        // A held claim: the ledger's entry, as it stood when claimed, says what to do.
        private async Task<TryOnCatalogueItem<TRequest>?> WorkAsync(
            TryOnCatalogueLook<TRequest> look, string key, string fingerprint, TryOnLedgerClaim claim, ClaimKeeper keeper)
        {
            TryOnLedgerEntry? entry = claim.Entry;
            if (entry is null)
            {
                return await SubmitAsync(look, key, fingerprint, claim, keeper).ConfigureAwait(false);
            }

            if (entry.Fingerprint != fingerprint)
            {
                // A failed look may be mended and sent again under its key; one that was (or may have been) paid for may not.
                return entry.State == TryOnLedgerState.Failed
                    ? await SubmitAsync(look, key, fingerprint, claim, keeper).ConfigureAwait(false)
                    : Ended(look, entry, fingerprint);
            }

            bool resubmit = _options.ResubmitInDoubt || _resubmitKeys.Contains(key);
            switch (entry.State)
            {
                case TryOnLedgerState.Finished or TryOnLedgerState.Failed:
                    return Ended(look, entry, fingerprint);
                case TryOnLedgerState.Submitted when entry.TaskId is { } taskId:
                    return await PollAsync(look, key, fingerprint, claim, keeper, taskId, entry.Edition, entry.SubmittedAt ?? entry.UpdatedAt, resumed: true, entry.TaskAttached).ConfigureAwait(false);
                case TryOnLedgerState.InDoubt or TryOnLedgerState.Submitting or TryOnLedgerState.Submitted when resubmit:
                    CatalogueLog.Resubmitting(_logger, look.Key, null);
                    return await SubmitAsync(look, key, fingerprint, claim, keeper).ConfigureAwait(false);
                case TryOnLedgerState.InDoubt:
                    return Ended(look, entry, fingerprint);
                case TryOnLedgerState.Submitting or TryOnLedgerState.Submitted:
                    // Claimed, so no run holds it: the run that recorded the submit stopped before its task id was recorded.
                    TryOnLookError doubt = Doubt("An earlier run recorded this look as submitting" + SentAt(entry) + " and stopped before its task id was recorded.");
                    await SaveAsync(claim, keeper, new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.InDoubt, edition: entry.Edition, error: doubt, updatedAt: _time.GetUtcNow(), submittedAt: entry.SubmittedAt), look.Key, "its doubt").ConfigureAwait(false);
                    CatalogueLog.InDoubt(_logger, look.Key, doubt.Message, null);
                    return Item(look, TryOnLookState.InDoubt, doubt, null);
                default:
                    // A state this version does not know may mean a paid call: never a reason to pay again.
                    return Item(look, TryOnLookState.InDoubt, Doubt("The ledger holds the state " + (int)entry.State + " for it, which this version does not know."), entry.TaskId, fromLedger: true);
            }
        }

        // Whether a look that has ended is to be worked on again: a failed one mended (another request), a doubt resubmitted as asked.
        private bool WantsAgain(TryOnLedgerEntry entry, string key, string fingerprint) =>
            (entry.State == TryOnLedgerState.Failed && entry.Fingerprint != fingerprint) ||
            (entry.State == TryOnLedgerState.InDoubt && entry.Fingerprint == fingerprint && (_options.ResubmitInDoubt || _resubmitKeys.Contains(key)));

        // What a look that ended says to this run: its end, from the ledger, or a refusal if the key was another request's.
        private TryOnCatalogueItem<TRequest> Ended(TryOnCatalogueLook<TRequest> look, TryOnLedgerEntry entry, string fingerprint)
        {
            if (entry.Fingerprint != fingerprint)
            {
                return Item(look, TryOnLookState.Failed, new TryOnLookError(
                    AidgeErrorKind.InvalidInput,
                    "The key '" + look.Key + "' was recorded for another request (" + entry.State + ", keys compared after Unicode NFC and ignoring case); " +
                    "a key is paid for once. Give the changed look a new key. Nothing was sent."),
                    entry.TaskId);
            }

            return entry.State switch
            {
                TryOnLedgerState.Finished => new TryOnCatalogueItem<TRequest>(look.Key, look.Request, TryOnLookState.Finished, entry.Pictures, null, entry.TaskId, fromLedger: true, entry.SavedPictures),
                TryOnLedgerState.Failed => new TryOnCatalogueItem<TRequest>(look.Key, look.Request, TryOnLookState.Failed, NoPictures, entry.Error, entry.TaskId, fromLedger: true),
                _ => Item(look, TryOnLookState.InDoubt, entry.Error ?? Doubt("It was recorded in doubt."), null, fromLedger: true),
            };
        }

        private static TryOnLookError Doubt(string why, AidgeErrorKind kind = AidgeErrorKind.Unknown, Exception? exception = null, int resCode = 0, string? requestId = null) =>
            new(kind, why + " It may have been paid for, so it is not submitted again unless asked (ResubmitInDoubt, ResubmitInDoubtKeys), or given its task id (AttachTaskIdAsync).", resCode, requestId, exception);

        private static string SentAt(TryOnLedgerEntry entry) => entry.SubmittedAt is { } at ? " at " + at.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : string.Empty;

        // A write under the claim; one the ledger refuses (the claim is another run's now) sends the look back to be looked at again.
        // An end recorded lets the claim go with it.
        private async Task SaveAsync(TryOnLedgerClaim claim, ClaimKeeper keeper, TryOnLedgerEntry entry, string key, string what)
        {
            if (!await WriteAsync(() => _ledger.SaveAsync(claim, entry), key, what).ConfigureAwait(false))
            {
                throw new ClaimLostException();
            }

            keeper.Released |= entry.HasEnded;
        }

        // A ledger call that fails is tried again (a disk that filled may have room a moment later, a database restarting or failing
        // over is back in seconds): ten tries over about 20 s, the waits doubling from 100 ms to at most 5 s; the last failure is thrown.
        private async Task<T> WriteAsync<T>(Func<ValueTask<T>> call, string key, string what)
        {
            TimeSpan wait = FirstWriteRetry;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return await call().ConfigureAwait(false);
                }
                catch (Exception exception) when (attempt < WriteAttempts && exception is not ObjectDisposedException and not OperationCanceledException)
                {
                    CatalogueLog.WriteRetried(_logger, what, key, attempt, exception);
                }

                await Delays.DelayAsync(_time, wait, CancellationToken.None).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestWriteRetry.Ticks));
            }
        }

        // A look whose submit certainly did not run is new again. If the ledger cannot be told, the next run will find it
        // recorded as submitting and report it in doubt: say here, once, that resubmitting it is safe.
        private async Task ForgetAsync(TryOnCatalogueLook<TRequest> look, TryOnLedgerClaim claim)
        {
            try
            {
                await WriteAsync(() => _ledger.ForgetSubmitAsync(claim), look.Key, "that it was not sent").ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                CatalogueLog.ForgetFailed(_logger, look.Key, exception);
                Fail(exception);
            }
        }

        // Gives a claim back for another run to take at once, rather than when its lease runs out; a failure only costs that wait.
        private async Task ReleaseAsync(TryOnLedgerClaim claim)
        {
            try
            {
                await _ledger.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not ObjectDisposedException)
            {
                CatalogueLog.ReleaseFailed(_logger, claim.Key, exception);
            }
        }

        /// <summary>The ledger refused a write under a claim: another run holds the look now.</summary>
        private sealed class ClaimLostException : Exception
        {
        }

        /// <summary>
        /// Renews a held claim's lease every third of it, on the run's clock, while the look is worked on; once a renewal says the claim
        /// is another run's, <see cref="Lost"/> is cancelled. A ledger held whole has no lease to renew.
        /// </summary>
        private sealed class ClaimKeeper : IDisposable
        {
            private readonly ITryOnLedgerSession _ledger;
            private readonly TryOnLedgerClaim _claim;
            private readonly CancellationTokenSource _lost = new();
            private readonly ITimer? _timer;
            private int _renewing;

            public ClaimKeeper(ITryOnLedgerSession ledger, TryOnLedgerClaim claim, TimeProvider time)
            {
                _ledger = ledger;
                _claim = claim;
                if (ledger.Lease > TimeSpan.Zero && ledger.Lease != Timeout.InfiniteTimeSpan)
                {
                    TimeSpan every = TimeSpan.FromTicks(ledger.Lease.Ticks / 3);
                    _timer = time.CreateTimer(_ => _ = RenewAsync(), null, every, every);
                }
            }

            public CancellationToken Lost => _lost.Token;

            /// <summary>Whether a write that ended the look let the claim go already.</summary>
            public bool Released { get; set; }

            public void Dispose()
            {
                _timer?.Dispose();
                _lost.Dispose();
            }

            private async Task RenewAsync()
            {
                if (Interlocked.Exchange(ref _renewing, 1) != 0)
                {
                    return;
                }

                try
                {
                    if (!await _ledger.RenewAsync(_claim).ConfigureAwait(false))
                    {
                        _lost.Cancel();
                    }
                }
                catch (Exception exception) when (exception is not ObjectDisposedException)
                {
                    // The ledger is out of reach: the lease may run out, and the next renewal (or write) tells.
                }
                catch (ObjectDisposedException)
                {
                }
                finally
                {
                    Volatile.Write(ref _renewing, 0);
                }
            }
        }
    }
}
