using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>The paid submit: journalled before it is sent, and its answer (or the lack of one) journalled after, whatever it was.</summary>
    internal sealed partial class CatalogueExecution<TRequest>
    {
        private static readonly TryOnSubmitOptions PacedSubmit = new() { RetryRateLimited = false };

        private async Task<TryOnCatalogueItem<TRequest>?> SubmitAsync(TryOnCatalogueLook<TRequest> look, string key, string fingerprint)
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
            bool journalled = false;   // recorded as submitting by an earlier try of this loop, answered 501
            while (true)
            {
                SubmitPacer.Permit? permit = null;
                Interlocked.Increment(ref _waiting);
                try
                {
                    permit = await _pacer.AcquireAsync(Halting).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (Halting.IsCancellationRequested)
                {
                }
                finally
                {
                    Interlocked.Decrement(ref _waiting);
                }

                if (permit is null || Halting.IsCancellationRequested)
                {
                    // Stopped before this try was sent: nothing is sent, and a 501 of an earlier try is recorded as not sent.
                    if (permit is not null)
                    {
                        _pacer.Unused(permit);
                    }

                    if (journalled)
                    {
                        await ForgetAsync(look, key).ConfigureAwait(false);
                    }

                    return null;
                }

                DateTimeOffset sentAt = _time.GetUtcNow();
                try
                {

                    // Recorded, durably, before the paid call; from here on nothing cancels the call, so that its answer is recorded too.
                    await _ledger.SaveAsync(new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.Submitting, edition: edition, updatedAt: sentAt, submittedAt: sentAt), CancellationToken.None).ConfigureAwait(false);
                }
                catch
                {
                    _pacer.Unused(permit);
                    throw;
                }

                TryOnOperation operation;
                try
                {
                    operation = await _client.SubmitBatchAsync(requests, PacedSubmit, CancellationToken.None).ConfigureAwait(false);
                    _pacer.Accepted(permit);
                }
                catch (AidgeException exception) when (exception.Kind == AidgeErrorKind.RateLimited)
                {
                    // Nothing ran, and the budget was smaller than thought. The look goes back in line; its next try records
                    // itself as submitting again, so the ledger is told it was not sent only when this run stops before that.
                    _pacer.Refused(permit);
                    Interlocked.Increment(ref _rateLimited);
                    CatalogueLog.RateLimited(_logger, _pacer.Limit, _options.Window, null);
                    journalled = true;
                    continue;
                }
                catch (AidgeException exception) when (!exception.MayHaveCreatedTask)
                {
                    _pacer.Answered(permit);
                    return await RefusedAsync(look, key, fingerprint, exception).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    // Whatever else it was (no answer in time, a connection lost after sending, an answer that could not be read, a bug),
                    // the call may have reached the service and been paid for.
                    _pacer.Answered(permit);
                    var aidge = exception as AidgeException;
                    TryOnLookError doubt = Doubt(
                        "The submit may have reached the service, but no task id came back: " + exception.Message,
                        aidge?.Kind ?? (exception is TimeoutException ? AidgeErrorKind.Unknown : AidgeErrorKind.Transport),
                        exception,
                        aidge?.ResCode ?? 0,
                        aidge?.RequestId);
                    await WriteAsync(
                        () => _ledger.SaveAsync(new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.InDoubt, edition: edition, error: doubt, updatedAt: _time.GetUtcNow(), submittedAt: sentAt)),
                        look.Key,
                        "its doubt").ConfigureAwait(false);
                    CatalogueLog.InDoubt(_logger, look.Key, doubt.Message, exception);
                    return Item(look, TryOnLookState.InDoubt, doubt, null);
                }

                long now = _time.GetTimestamp();
                Interlocked.CompareExchange(ref _firstSubmit, now, 0);
                Interlocked.Exchange(ref _lastSubmit, now);
                Interlocked.Increment(ref _submits);
                string taskId = operation.TaskId;
                try
                {
                    await WriteAsync(
                        () => _ledger.SaveAsync(new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.Submitted, taskId, edition, updatedAt: _time.GetUtcNow(), submittedAt: sentAt)),
                        look.Key,
                        "its task id " + taskId).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    // Paid for, and the ledger cannot keep its task id: the task id goes to the log and to the caller, never nowhere.
                    CatalogueLog.TaskIdNotRecorded(_logger, look.Key, taskId, exception);
                    Fail(exception);
                    return Item(look, TryOnLookState.InDoubt, new TryOnLookError(
                        AidgeErrorKind.Unknown,
                        "The submit was paid for and made the task " + taskId + ", but the ledger could not record it (" + exception.Message + "). The next run will find " +
                        "the look in doubt: attach this task id to it (AttachTaskIdAsync, or the sample's --attach " + look.Key + "=" + taskId + ") rather than resubmit it.",
                        exception: exception), taskId);
                }

                return await PollAsync(look, key, fingerprint, taskId, edition, sentAt, resumed: false, attached: false).ConfigureAwait(false);
            }
        }

        // A submit that certainly made no task: refused for the look's own sake (it ends), or for every look's (the run halts).
        private async Task<TryOnCatalogueItem<TRequest>?> RefusedAsync(TryOnCatalogueLook<TRequest> look, string key, string fingerprint, AidgeException exception)
        {
            var error = new TryOnLookError(exception.Kind, exception.Message, exception.ResCode, exception.RequestId, exception);
            switch (exception.Kind)
            {
                case AidgeErrorKind.InvalidInput or AidgeErrorKind.ImageProblem or AidgeErrorKind.ContentRisk:
                    await WriteAsync(
                        () => _ledger.SaveAsync(new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.Failed, edition: look.Request.Edition, error: error, updatedAt: _time.GetUtcNow())),
                        look.Key,
                        "its refusal").ConfigureAwait(false);
                    CatalogueLog.Refused(_logger, look.Key, exception.Kind, exception.ResCode, null);
                    return Item(look, TryOnLookState.Failed, error, null);
                case AidgeErrorKind.QuotaExhausted or AidgeErrorKind.Gateway:
                    await ForgetAsync(look, key).ConfigureAwait(false);
                    Fail(exception);
                    return null;
                default:
                    // The call never left (a connection that could not be made, after the client's retries): new again next run.
                    await ForgetAsync(look, key).ConfigureAwait(false);
                    return Item(look, TryOnLookState.Failed, error, null);
            }
        }
    }
}
