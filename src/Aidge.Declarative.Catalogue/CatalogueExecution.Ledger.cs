using System;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>What the ledger says of a look decides what is done with it; and how the run writes to the ledger when a write fails.</summary>
    internal sealed partial class CatalogueExecution<TRequest>
    {
        private const int WriteAttempts = 5;
        private static readonly TimeSpan FirstWriteRetry = TimeSpan.FromMilliseconds(100);

        // Report, poll, or submit. Only a key the ledger has never seen (or a failed look mended) is submitted without being asked.
        private async Task<TryOnCatalogueItem<TRequest>?> ResolveAsync(TryOnCatalogueLook<TRequest> look, string key)
        {
            string fingerprint = look.Fingerprint;
            TryOnLedgerEntry? entry = await _ledger.FindAsync(key, Halting).ConfigureAwait(false);
            if (entry is null)
            {
                return await SubmitAsync(look, key, fingerprint).ConfigureAwait(false);
            }

            if (entry.Fingerprint != fingerprint)
            {
                // A failed look may be mended and sent again under its key; one that was (or may have been) paid for may not.
                return entry.State == TryOnLedgerState.Failed
                    ? await SubmitAsync(look, key, fingerprint).ConfigureAwait(false)
                    : Item(look, TryOnLookState.Failed, new TryOnLookError(
                        AidgeErrorKind.InvalidInput,
                        "The key '" + look.Key + "' was recorded for another request (" + entry.State + ", keys compared after Unicode NFC and ignoring case); " +
                        "a key is paid for once. Give the changed look a new key. Nothing was sent."),
                        entry.TaskId);
            }

            bool resubmit = _options.ResubmitInDoubt || _resubmitKeys.Contains(key);
            switch (entry.State)
            {
                case TryOnLedgerState.Finished:
                    return new TryOnCatalogueItem<TRequest>(look.Key, look.Request, TryOnLookState.Finished, entry.Pictures, null, entry.TaskId, fromLedger: true);
                case TryOnLedgerState.Failed:
                    return new TryOnCatalogueItem<TRequest>(look.Key, look.Request, TryOnLookState.Failed, NoPictures, entry.Error, entry.TaskId, fromLedger: true);
                case TryOnLedgerState.Submitted when entry.TaskId is { } taskId:
                    return await PollAsync(look, key, fingerprint, taskId, entry.Edition, entry.SubmittedAt ?? entry.UpdatedAt, resumed: true, entry.TaskAttached).ConfigureAwait(false);
                case TryOnLedgerState.InDoubt or TryOnLedgerState.Submitting or TryOnLedgerState.Submitted when resubmit:
                    CatalogueLog.Resubmitting(_logger, look.Key, null);
                    return await SubmitAsync(look, key, fingerprint).ConfigureAwait(false);
                case TryOnLedgerState.InDoubt:
                    return Item(look, TryOnLookState.InDoubt, entry.Error ?? Doubt("It was recorded in doubt."), null, fromLedger: true);
                case TryOnLedgerState.Submitting or TryOnLedgerState.Submitted:
                    // A run stopped between recording the submit and recording its answer (or recorded no task id with it).
                    TryOnLookError doubt = Doubt("An earlier run recorded this look as submitting" + SentAt(entry) + " and stopped before its task id was recorded.");
                    await WriteAsync(
                        () => _ledger.SaveAsync(new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.InDoubt, edition: entry.Edition, error: doubt, updatedAt: _time.GetUtcNow(), submittedAt: entry.SubmittedAt)),
                        look.Key,
                        "its doubt").ConfigureAwait(false);
                    CatalogueLog.InDoubt(_logger, look.Key, doubt.Message, null);
                    return Item(look, TryOnLookState.InDoubt, doubt, null);
                default:
                    // A state this version does not know may mean a paid call: never a reason to pay again.
                    return Item(look, TryOnLookState.InDoubt, Doubt("The ledger holds the state " + (int)entry.State + " for it, which this version does not know."), entry.TaskId, fromLedger: true);
            }
        }

        private static TryOnLookError Doubt(string why, AidgeErrorKind kind = AidgeErrorKind.Unknown, Exception? exception = null, int resCode = 0, string? requestId = null) =>
            new(kind, why + " It may have been paid for, so it is not submitted again unless asked (ResubmitInDoubt, ResubmitInDoubtKeys), or given its task id (AttachTaskIdAsync).", resCode, requestId, exception);

        private static string SentAt(TryOnLedgerEntry entry) => entry.SubmittedAt is { } at ? " at " + at.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : string.Empty;

        // A ledger write that fails is tried again (a disk that filled may have room a moment later); the last failure is thrown.
        private async Task WriteAsync(Func<ValueTask> write, string key, string what)
        {
            TimeSpan wait = FirstWriteRetry;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await write().ConfigureAwait(false);
                    return;
                }
                catch (Exception exception) when (attempt < WriteAttempts && exception is not ObjectDisposedException)
                {
                    CatalogueLog.WriteRetried(_logger, what, key, attempt, exception);
                }

                await Clock.Delay(_time, wait, CancellationToken.None).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(wait.Ticks * 2);
            }
        }

        // A look whose submit certainly did not run is new again. If the ledger cannot be told, the next run will find it
        // recorded as submitting and report it in doubt: say here, once, that resubmitting it is safe.
        private async Task ForgetAsync(TryOnCatalogueLook<TRequest> look, string key)
        {
            try
            {
                await WriteAsync(() => _ledger.RemoveAsync(key), look.Key, "that it was not sent").ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                CatalogueLog.ForgetFailed(_logger, look.Key, exception);
                Fail(exception);
            }
        }
    }
}
