using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>Where the run stands: the snapshot each progress report gives, and the time left it estimates.</summary>
    internal sealed partial class CatalogueExecution<TRequest>
    {
        public void ReportProgress()
        {
            if (_progress is null)
            {
                return;
            }

            long now = _time.GetTimestamp();
            int submits = Volatile.Read(ref _submits);
            int limit = _budget.SubmitsPerWindow;
            double budgetUse = 0;
            if (submits > 1)
            {
                TimeSpan span = _time.GetElapsedTime(Interlocked.Read(ref _firstSubmit), Interlocked.Read(ref _lastSubmit));
                budgetUse = span > TimeSpan.Zero ? (submits - 1) / (limit * (span.Ticks / (double)_budget.Window.Ticks)) : 0;
            }

            _progress.Report(new TryOnCatalogueProgress(
                Volatile.Read(ref _read),
                Volatile.Read(ref _waiting),
                Volatile.Read(ref _runningTasks),
                Volatile.Read(ref _finished),
                Volatile.Read(ref _failed),
                Volatile.Read(ref _inDoubt),
                Volatile.Read(ref _stillRunning),
                Volatile.Read(ref _fromLedger),
                submits,
                Volatile.Read(ref _rateLimited),
                limit,
                _budget.IsKnown,
                Volatile.Read(ref _heldElsewhere),
                Math.Min(1, budgetUse),
                _time.GetElapsedTime(_started, now),
                EstimateTimeLeft(limit),
                Volatile.Read(ref _balances),
                Volatile.Read(ref _picturesSaved),
                Volatile.Read(ref _picturesNotSaved)));
        }

        private TimeSpan? EstimateTimeLeft(int limit)
        {
            if (_expectedLooks is not { } expected)
            {
                return null;
            }

            int ended = Volatile.Read(ref _finished) + Volatile.Read(ref _failed) + Volatile.Read(ref _inDoubt) + Volatile.Read(ref _stillRunning);
            if (ended >= expected)
            {
                return TimeSpan.Zero;
            }

            int toSubmit = Math.Max(0, expected - Volatile.Read(ref _read)) + Volatile.Read(ref _waiting);
            int timed = Volatile.Read(ref _tasksTimed);
            TimeSpan task = timed == 0 ? _options.PollingInterval : TimeSpan.FromTicks(Interlocked.Read(ref _taskTicks) / timed);
            return TimeSpan.FromTicks((long)(toSubmit * (_budget.Window.Ticks / (double)limit))) + task;
        }
    }
}
