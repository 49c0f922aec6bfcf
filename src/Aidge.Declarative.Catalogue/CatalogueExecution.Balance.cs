using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>The quota balance, checked once per edition before its first submit when asked (<see cref="TryOnCatalogueOptions.CheckBalance"/>).</summary>
    internal sealed partial class CatalogueExecution<TRequest>
    {
        /// <summary>
        /// Whether submits may go on, as far as the quota balance says: asked once per edition, by the first look of that edition to be
        /// submitted, when <see cref="TryOnCatalogueOptions.CheckBalance"/> is set; every other look of it waits for that answer. False when
        /// the run stops on it.
        /// </summary>
        private Task<bool> BalanceAllowsAsync(TryOnEdition edition)
        {
            if (!_options.CheckBalance)
            {
                return Task.FromResult(true);
            }

            lock (_balanceChecks)
            {
                if (!_balanceChecks.TryGetValue(edition, out Task<bool>? check))
                {
                    _balanceChecks[edition] = check = CheckBalanceAsync(edition);
                }

                return check;
            }
        }

        private async Task<bool> CheckBalanceAsync(TryOnEdition edition)
        {
            await Task.Yield();
            TryOnBalance answer;
            try
            {
                answer = await _client.GetBalanceAsync(edition, Halting).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (Halting.IsCancellationRequested)
            {
                return false;
            }
            catch (AidgeException exception)
            {
                var stopped = new AidgeException(
                    "The quota balance of the " + edition + " edition could not be checked before its first submit (CheckBalance), so nothing of it was submitted: " +
                    exception.Message + (exception.Kind == AidgeErrorKind.QuotaExhausted ? string.Empty : " Run again later, or without CheckBalance."),
                    exception.Kind,
                    requestId: exception.RequestId,
                    innerException: exception,
                    gatewayCode: exception.GatewayCode,
                    gatewayType: exception.GatewayType,
                    traceId: exception.TraceId);
                CatalogueLog.BalanceStop(_logger, stopped.Message, null);
                Fail(stopped);
                return false;
            }

            // The looks read so far that the ledger held ended or with a task need no paid call; those read later may not either.
            int? needed = _expectedLooks is { } expected ? Math.Max(0, expected - Volatile.Read(ref _fromLedger)) : null;
            var balance = new TryOnCatalogueBalance(answer, needed, Math.Max(1, Math.Min(_options.MaxTasksInFlight, needed ?? _options.MaxTasksInFlight)));
            lock (_balanceChecks)
            {
                var balances = new TryOnCatalogueBalance[_balances.Length + 1];
                _balances.CopyTo(balances, 0);
                balances[_balances.Length] = balance;
                Volatile.Write(ref _balances, balances);
            }

            if (balance.StopsRun)
            {
                var stopped = new AidgeException(
                    "The account has " + balance + ", but the balance cannot pay " +
                    (needed is null ? "for a single look" : "even for the " + balance.InFlight + " looks submitted at once (MaxTasksInFlight)") +
                    ", so the run stopped before its first submit there: nothing was paid. Buy quota for the API" + (needed is null ? "." : ", or submit fewer looks at once."),
                    AidgeErrorKind.QuotaExhausted,
                    requestId: answer.RequestId,
                    traceId: answer.TraceId);
                CatalogueLog.BalanceStop(_logger, stopped.Message, null);
                Fail(stopped);
                return false;
            }

            (balance.CoversCatalogue ? CatalogueLog.Balance : CatalogueLog.BalanceShort)(_logger, balance, null);
            return true;
        }
    }
}
