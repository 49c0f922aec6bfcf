using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// Paces paid submits under the key's budget with System.Threading.RateLimiting, and adapts the budget to the answers: a 501
    /// lowers it to what the service accepted in the last window; a budget not given is found by doubling from 1 per window until
    /// the first 501; and a lowered or learned limit is probed one higher after ten quiet windows in which it was all used.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Two limiters. A <see cref="ConcurrencyLimiter"/> of the limit's size is the budget itself: each submit holds a permit from
    /// before it is sent until one window (plus 1%, at most 1 s) after its answer came back. A server counts a submit when it
    /// arrives, which is after it was sent and before its answer came, so no window of the server's can ever hold more submits
    /// than the limit, however long each call took: a slow first call (a connection and a JIT to warm) does not let the next
    /// window's submits bunch up against it. A <see cref="TokenBucketRateLimiter"/> spaces the submits evenly within that, one
    /// every window / limit, so that they do not leave in bursts.
    /// </para>
    /// <para>
    /// Both run on the system clock (their timers take no <see cref="TimeProvider"/>, and the manual mode measures the time itself),
    /// and so does the pacer: a budget is the service's, counted in real time.
    /// </para>
    /// </remarks>
    internal sealed class SubmitPacer : ITryOnSubmitBudget, IDisposable
    {
        private const int QuietWindowsBeforeProbe = 10;

        private readonly object _lock = new();
        private readonly TimeProvider _time = TimeProvider.System;
        private readonly TimeSpan _window;
        private readonly TimeSpan _held;
        private readonly int? _known;
        private readonly int _queueLimit;
        private readonly Queue<long> _accepted = new();
        private readonly List<Permit> _outstanding = new();
        private readonly ITimer _timer;
        private TokenBucketRateLimiter _spacing;
        private ConcurrencyLimiter _budget;
        private bool _slowStart;
        private int _quietWindows;
        private bool _refusedThisWindow;
        private long _windowStarted;
        private int _acceptedThisWindow;
        private bool _limitedThisWindow;
        private long _lastRefused;
        private bool _disposed;

        public SubmitPacer(TimeSpan window, int? submitsPerWindow, int queueLimit)
        {
            _window = window;
            _held = window + TimeSpan.FromTicks(Math.Min(window.Ticks / 100, TimeSpan.TicksPerSecond));
            _known = submitsPerWindow;
            _queueLimit = queueLimit;
            Limit = submitsPerWindow ?? 1;
            _slowStart = submitsPerWindow is null;
            (_spacing, _budget) = Create(Limit);
            _windowStarted = _time.GetTimestamp();
            TimeSpan tick = TimeSpan.FromTicks(Math.Max(window.Ticks / 20, TimeSpan.TicksPerMillisecond));
            _timer = _time.CreateTimer(_ => Tick(), null, tick, tick);
        }

        /// <summary>The submits per window allowed now.</summary>
        public int Limit { get; private set; }

        public int SubmitsPerWindow => Limit;

        public bool IsKnown => _known is not null;

        public TimeSpan Window => _window;

        /// <summary>Waits for the right to send one submit: its turn in the spacing, then room in the budget.</summary>
        public async ValueTask<ITryOnSubmitPermit> AcquireAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TokenBucketRateLimiter spacing;
                ConcurrencyLimiter budget;
                lock (_lock)
                {
                    if (_disposed)
                    {
                        throw new ObjectDisposedException(nameof(SubmitPacer));
                    }

                    (spacing, budget) = (_spacing, _budget);

                    // Every permit held when one is asked for: demand is at the limit, whatever the answers' latency lets a window count.
                    _limitedThisWindow |= budget.GetStatistics()?.CurrentAvailablePermits <= 0;
                }

                RateLimitLease? lease = null;
                try
                {
                    using (RateLimitLease turn = await spacing.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
                    {
                        if (turn.IsAcquired)
                        {
                            lease = await budget.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                catch (ObjectDisposedException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                if (lease is { IsAcquired: true })
                {
                    lock (_lock)
                    {
                        if (budget == _budget)
                        {
                            var permit = new Permit(this, lease);
                            _outstanding.Add(permit);
                            return permit;
                        }
                    }
                }

                // Replaced while we waited (a disposed limiter fails its queue): ask the new ones.
                lease?.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        /// <summary>The submit made a task: its window runs from now, its answer.</summary>
        public void Accepted(Permit permit)
        {
            lock (_lock)
            {
                long now = _time.GetTimestamp();
                _accepted.Enqueue(now);
                _acceptedThisWindow++;
                Prune(now);
                HoldForWindow(permit);
            }
        }

        /// <summary>
        /// The submit was answered 501: the budget is spent, or smaller than thought. Lowers the limit to what was accepted in the
        /// last window; the permit is held for a window, as the service may count a refused call too.
        /// </summary>
        public void Refused(Permit permit)
        {
            lock (_lock)
            {
                HoldForWindow(permit);
                if (_disposed)
                {
                    return;
                }

                long now = _time.GetTimestamp();
                Prune(now);

                // Submits sent together are refused together: only the first of a burst lowers the limit below what was accepted.
                bool sameBurst = _lastRefused != 0 && _time.GetElapsedTime(_lastRefused, now) < TimeSpan.FromTicks(_window.Ticks / Math.Max(1, Limit));
                _lastRefused = now;
                int lower = Math.Max(1, Math.Min(sameBurst ? Limit : Limit - 1, _accepted.Count));
                _slowStart = false;
                _quietWindows = 0;
                _refusedThisWindow = true;
                Replace(lower);
            }
        }

        /// <summary>The submit had some other answer, or none: it may have been counted, so its permit is held for a window from now.</summary>
        public void Answered(Permit permit)
        {
            lock (_lock)
            {
                HoldForWindow(permit);
            }
        }

        /// <summary>The submit was never sent: its permit goes back at once.</summary>
        public void Unused(Permit permit)
        {
            lock (_lock)
            {
                Release(permit);
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _timer.Dispose();
                foreach (Permit permit in _outstanding)
                {
                    permit.ReleaseTimer?.Dispose();
                    permit.Lease?.Dispose();
                }

                _outstanding.Clear();
                _spacing.Dispose();
                _budget.Dispose();
            }
        }

        private void HoldForWindow(Permit permit)
        {
            if (_disposed || permit.Released || permit.ReleaseTimer is not null)
            {
                return;
            }

            permit.ReleaseAt = _time.GetTimestamp() + (long)(_held.TotalSeconds * _time.TimestampFrequency);
            permit.ReleaseTimer = _time.CreateTimer(state => { lock (_lock) { Release((Permit)state!); } }, permit, _held, Timeout.InfiniteTimeSpan);
        }

        private void Release(Permit permit)
        {
            if (permit.Released)
            {
                return;
            }

            permit.Released = true;
            permit.ReleaseTimer?.Dispose();
            permit.Lease?.Dispose();
            permit.Lease = null;
            _outstanding.Remove(permit);
        }

        private void Tick()
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                // A caller waiting for a permit at any tick: demand is at the limit (every permit held, or the next one's turn to come).
                _limitedThisWindow |= _budget.GetStatistics()?.CurrentQueuedCount > 0;
                long now = _time.GetTimestamp();
                if (_time.GetElapsedTime(_windowStarted, now) < _window)
                {
                    return;
                }

                // A window has passed: grow when all of the limit was used (as many accepted as the limit, or every permit held when
                // one was asked for: each is held a window past its answer, so a window seldom counts the whole limit) and nothing was refused.
                bool usedAll = _acceptedThisWindow >= Limit || _limitedThisWindow;
                int grown = Limit;
                if (usedAll && !_refusedThisWindow)
                {
                    if (_slowStart)
                    {
                        grown = Limit * 2;
                    }
                    else if (++_quietWindows >= QuietWindowsBeforeProbe)
                    {
                        grown = Limit + 1;
                        _quietWindows = 0;
                    }
                }
                else if (!usedAll)
                {
                    _quietWindows = 0;
                }

                if (_known is { } known && grown > known)
                {
                    grown = known;
                }

                _windowStarted = now;
                _acceptedThisWindow = 0;
                _refusedThisWindow = false;
                _limitedThisWindow = false;
                if (grown != Limit)
                {
                    Replace(grown);
                }
            }
        }

        // New limiters for the new limit. The permits still held move to the new budget, those to be held longest first, so that a
        // lower limit is never exceeded while the older ones run out; any that do not fit keep nothing and simply run out.
        private void Replace(int limit)
        {
            TokenBucketRateLimiter oldSpacing = _spacing;
            ConcurrencyLimiter oldBudget = _budget;
            Limit = limit;
            (_spacing, _budget) = Create(limit);
            _outstanding.Sort((a, b) => b.ReleaseAt.CompareTo(a.ReleaseAt));
            foreach (Permit permit in _outstanding)
            {
                permit.Lease?.Dispose();
                RateLimitLease moved = _budget.AttemptAcquire(1);
                permit.Lease = moved.IsAcquired ? moved : null;
                if (!moved.IsAcquired)
                {
                    moved.Dispose();
                }
            }

            oldSpacing.Dispose();
            oldBudget.Dispose();
        }

        private (TokenBucketRateLimiter Spacing, ConcurrencyLimiter Budget) Create(int limit) => (
            new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, _window.Ticks / limit)),
                QueueLimit = _queueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }),
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = limit,
                QueueLimit = _queueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));

        private void Prune(long now)
        {
            while (_accepted.Count != 0 && _time.GetElapsedTime(_accepted.Peek(), now) >= _held)
            {
                _accepted.Dequeue();
            }
        }

        /// <summary>The right to send one submit, held until a window after its answer.</summary>
        internal sealed class Permit : ITryOnSubmitPermit
        {
            private readonly SubmitPacer _pacer;
            private int _given;

            public Permit(SubmitPacer pacer, RateLimitLease lease)
            {
                _pacer = pacer;
                Lease = lease;
                ReleaseAt = long.MaxValue;
            }

            public RateLimitLease? Lease { get; set; }

            public ITimer? ReleaseTimer { get; set; }

            public long ReleaseAt { get; set; }

            public bool Released { get; set; }

            public ValueTask ReleaseAsync(TryOnSubmitOutcome outcome, CancellationToken cancellationToken = default)
            {
                if (Interlocked.Exchange(ref _given, 1) == 0)
                {
                    switch (outcome)
                    {
                        case TryOnSubmitOutcome.NotSent: _pacer.Unused(this); break;
                        case TryOnSubmitOutcome.Accepted: _pacer.Accepted(this); break;
                        case TryOnSubmitOutcome.RateLimited: _pacer.Refused(this); break;
                        default: _pacer.Answered(this); break;
                    }
                }

                return default;
            }

            public ValueTask DisposeAsync() => ReleaseAsync(TryOnSubmitOutcome.Answered);
        }
    }
}
