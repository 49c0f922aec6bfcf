using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// The paid submit: journalled before it is sent, only while this run's claim on the look holds, and its answer (or the lack of
    /// one) journalled after, whatever it was and whatever became of the claim.
    /// </summary>
    internal sealed partial class CatalogueExecution<TRequest>
    {
        private async Task<TryOnCatalogueItem<TRequest>?> SubmitAsync(TryOnCatalogueLook<TRequest> look, string key, string fingerprint, TryOnLedgerClaim claim, ClaimKeeper keeper)
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
            if (!await BalanceAllowsAsync(edition).ConfigureAwait(false))
            {
                // The run stops on the balance before anything of this look is recorded or sent.
                return null;
            }

            bool journalled = false;   // recorded as submitting by an earlier try of this loop, answered 501
            while (true)
            {
                ITryOnSubmitPermit? permit = null;
                Interlocked.Increment(ref _waiting);
                using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(Halting, keeper.Lost))
                {
                    try
                    {
                        permit = await _budget.AcquireAsync(waiting.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (waiting.IsCancellationRequested)
                    {
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _waiting);
                    }
                }

                if (permit is null || Halting.IsCancellationRequested || keeper.Lost.IsCancellationRequested)
                {
                    // Stopped before this try was sent: nothing is sent, and a 501 of an earlier try is recorded as not sent.
                    if (permit is not null)
                    {
                        await permit.ReleaseAsync(TryOnSubmitOutcome.NotSent).ConfigureAwait(false);
                    }

                    if (journalled)
                    {
                        await ForgetAsync(look, claim).ConfigureAwait(false);
                    }

                    if (keeper.Lost.IsCancellationRequested && !Halting.IsCancellationRequested)
                    {
                        throw new ClaimLostException();
                    }

                    return null;
                }

                DateTimeOffset sentAt = _time.GetUtcNow();
                bool mayBegin;
                try
                {
                    // Recorded, durably, before the paid call, and only while the claim holds (the ledger checks it, on its own clock,
                    // in the same write); from here on nothing cancels the call, so that its answer is recorded too.
                    var submitting = new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.Submitting, edition: edition, updatedAt: sentAt, submittedAt: sentAt);
                    mayBegin = await WriteAsync(() => _ledger.BeginSubmitAsync(claim, submitting), look.Key, "its submit").ConfigureAwait(false);
                }
                catch
                {
                    await permit.ReleaseAsync(TryOnSubmitOutcome.NotSent).ConfigureAwait(false);
                    throw;
                }

                if (!mayBegin)
                {
                    // This run's lease ran out (it was paused, say) and another run may hold the look: it must not send. A 501 of an
                    // earlier try is still recorded as not sent, so that the look is not left in doubt for a submit that never ran.
                    await permit.ReleaseAsync(TryOnSubmitOutcome.NotSent).ConfigureAwait(false);
                    CatalogueLog.SubmitRefused(_logger, look.Key, claim.Fence, null);
                    if (journalled)
                    {
                        await ForgetAsync(look, claim).ConfigureAwait(false);
                    }

                    throw new ClaimLostException();
                }

                TryOnOperation operation;
                try
                {
                    operation = await _client.SubmitBatchAsync(requests, new TryOnSubmitOptions { RetryRateLimited = false, Permit = permit }, CancellationToken.None).ConfigureAwait(false);
                    await permit.ReleaseAsync(TryOnSubmitOutcome.Accepted).ConfigureAwait(false);
                }
                catch (AidgeException exception) when (exception.Kind == AidgeErrorKind.RateLimited)
                {
                    // Nothing ran, and the budget was smaller than thought. The look goes back in line; its next try records
                    // itself as submitting again, so the ledger is told it was not sent only when this run stops before that.
                    await permit.ReleaseAsync(TryOnSubmitOutcome.RateLimited).ConfigureAwait(false);
                    Interlocked.Increment(ref _rateLimited);
                    CatalogueLog.RateLimited(_logger, _budget.SubmitsPerWindow, _budget.Window, null);
                    journalled = true;
                    continue;
                }
                catch (AidgeException exception) when (!exception.MayHaveCreatedTask)
                {
                    await permit.ReleaseAsync(exception.Kind == AidgeErrorKind.Transport ? TryOnSubmitOutcome.NotSent : TryOnSubmitOutcome.Answered).ConfigureAwait(false);
                    return await RefusedAsync(look, key, fingerprint, claim, keeper, exception).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    // Whatever else it was (no answer in time, a connection lost after sending, an answer that could not be read, a bug),
                    // the call may have reached the service and been paid for.
                    await permit.ReleaseAsync(TryOnSubmitOutcome.Answered).ConfigureAwait(false);
                    var aidge = exception as AidgeException;
                    TryOnLookError doubt = Doubt(
                        "The submit may have reached the service, but no task id came back: " + exception.Message,
                        aidge?.Kind ?? AidgeErrorKind.Unknown,
                        exception,
                        aidge?.ResCode ?? 0,
                        aidge?.RequestId);
                    await RecordAnswerAsync(look, claim, keeper, new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.InDoubt, edition: edition, error: doubt, updatedAt: _time.GetUtcNow(), submittedAt: sentAt), null, "its doubt").ConfigureAwait(false);
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
                    await RecordAnswerAsync(look, claim, keeper, new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.Submitted, taskId, edition, updatedAt: _time.GetUtcNow(), submittedAt: sentAt), taskId, "its task id " + taskId).ConfigureAwait(false);
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

                return await PollAsync(look, key, fingerprint, claim, keeper, taskId, edition, sentAt, resumed: false, attached: false).ConfigureAwait(false);
            }
        }

        // A submit that certainly made no task: refused for the look's own sake (it ends), or for every look's (the run halts).
        private async Task<TryOnCatalogueItem<TRequest>?> RefusedAsync(TryOnCatalogueLook<TRequest> look, string key, string fingerprint, TryOnLedgerClaim claim, ClaimKeeper keeper, AidgeException exception)
        {
            var error = new TryOnLookError(exception.Kind, exception.Message, exception.ResCode, exception.RequestId, exception);
            switch (exception.Kind)
            {
                case AidgeErrorKind.InvalidInput or AidgeErrorKind.ImageProblem or AidgeErrorKind.ContentRisk:
                    await RecordAnswerAsync(look, claim, keeper, new TryOnLedgerEntry(key, fingerprint, TryOnLedgerState.Failed, edition: look.Request.Edition, error: error, updatedAt: _time.GetUtcNow()), null, "its refusal").ConfigureAwait(false);
                    CatalogueLog.Refused(_logger, look.Key, exception.Kind, exception.ResCode, null);
                    return Item(look, TryOnLookState.Failed, error, null);
                case AidgeErrorKind.QuotaExhausted or AidgeErrorKind.Gateway or AidgeErrorKind.Transport or AidgeErrorKind.Redirected:
                    // Every look would be refused the same way: the quota is spent, the key or its signature is refused, the service is
                    // out of reach after the client's retries (the call never left), or it answers from elsewhere. The look is new again,
                    // and the run halts with the reason rather than fail the whole catalogue one look at a time.
                    await ForgetAsync(look, claim).ConfigureAwait(false);
                    Fail(exception);
                    return null;
                default:
                    // Refused with no task made, for a reason that is not the look's own: new again next run.
                    await ForgetAsync(look, claim).ConfigureAwait(false);
                    return Item(look, TryOnLookState.Failed, error, null);
            }
        }

        // The answer of the submit begun under the claim, recorded whatever became of the claim. Refused only when another run has
        // submitted the look again meanwhile (as asked, with ResubmitInDoubt): this answer then has no row, so it goes to the log.
        private async Task RecordAnswerAsync(TryOnCatalogueLook<TRequest> look, TryOnLedgerClaim claim, ClaimKeeper keeper, TryOnLedgerEntry answer, string? taskId, string what)
        {
            if (!await WriteAsync(() => _ledger.RecordSubmitAsync(claim, answer), look.Key, what).ConfigureAwait(false))
            {
                CatalogueLog.AnswerReplaced(_logger, look.Key, answer.State.ToString(), taskId ?? "none", null);
                return;
            }

            keeper.Released |= answer.HasEnded;
        }
    }
}
