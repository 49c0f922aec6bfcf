using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// Paces paid submits under the key's budget with System.Threading.RateLimiting (a <see cref="SlidingWindowRateLimiter"/> and an even
    /// spacing by a <see cref="TokenBucketRateLimiter"/>), and adapts the budget to the answers:
    /// a 501 lowers it to what the service accepted in the last window; a budget not given is found by doubling from 1 per window
    /// until the first 501, and every limit is probed one higher after ten quiet windows in which it was all used.
    /// </summary>
    /// <remarks>
    /// Submits are spaced evenly, one every (window + margin) / limit: a server that measures arrival times (under load, or across
    /// a network, where each call takes its own time) then never sees a burst slide into its next window. The margin, 2% of the
    /// window (at most 1 s), is what such jitter may be before a 501 comes back. The sliding window is the hard cap behind it: it
    /// counts time in segments, so a permit comes back between one segment short of its window and the window's end, and its
    /// window is the key's plus one segment plus the margin. Both limiters replenish on their own timers, on the system clock
    /// (their manual mode, too, measures the time itself), so the pacer counts on the system clock as well: a budget is the
    /// service's, counted in real time.
    /// </remarks>
    internal sealed class SubmitPacer : IDisposable
    {
        private const int Segments = 50;
        private const int QuietWindowsBeforeProbe = 10;

        private readonly object _lock = new();
        private readonly TimeProvider _time;
        private readonly TimeSpan _window;
        private readonly TimeSpan _limiterWindow;
        private readonly TimeSpan _spacedWindow;
        private readonly int? _known;
        private readonly int _queueLimit;
        private readonly Queue<long> _accepted = new();
        private readonly ITimer _timer;
        private Limiters _limiters;
        private bool _slowStart;
        private int _quietWindows;
        private bool _refusedThisWindow;
        private long _windowStarted;
        private int _acceptedThisWindow;
        private long _lastRefused;
        private bool _disposed;

        public SubmitPacer(TimeSpan window, int? submitsPerWindow, int queueLimit)
        {
            _time = TimeProvider.System;
            _window = window;
            _known = submitsPerWindow;
            _queueLimit = queueLimit;
            TimeSpan margin = TimeSpan.FromTicks(Math.Min(window.Ticks / 50, TimeSpan.TicksPerSecond));
            _spacedWindow = window + margin;
            _limiterWindow = window + TimeSpan.FromTicks(window.Ticks / Segments) + margin;
            Limit = submitsPerWindow ?? 1;
            _slowStart = submitsPerWindow is null;
            _limiters = Create(Limit);
            _windowStarted = _time.GetTimestamp();
            TimeSpan tick = TimeSpan.FromTicks(Math.Max(_limiterWindow.Ticks / Segments, TimeSpan.TicksPerMillisecond));
            _timer = _time.CreateTimer(_ => Tick(), null, tick, tick);
        }

        /// <summary>The submits per window allowed now.</summary>
        public int Limit { get; private set; }

        /// <summary>Waits for a permit to submit: first its turn in the even spacing, then room in the window.</summary>
        public async ValueTask AcquireAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                Limiters limiters;
                lock (_lock)
                {
                    if (_disposed)
                    {
                        throw new ObjectDisposedException(nameof(SubmitPacer));
                    }

                    limiters = _limiters;
                }

                try
                {
                    if (await TakeAsync(limiters.Spacing, cancellationToken).ConfigureAwait(false) &&
                        await TakeAsync(limiters.Window, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                catch (ObjectDisposedException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                // Replaced while we waited (a disposed limiter fails its queue): ask the new ones.
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        private static async ValueTask<bool> TakeAsync(RateLimiter limiter, CancellationToken cancellationToken)
        {
            using RateLimitLease lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            return lease.IsAcquired;
        }

        /// <summary>A submit was accepted (it made a task).</summary>
        public void Accepted()
        {
            lock (_lock)
            {
                long now = _time.GetTimestamp();
                _accepted.Enqueue(now);
                _acceptedThisWindow++;
                Prune(now);
            }
        }

        /// <summary>A submit was answered 501: the budget is spent, or smaller than thought. Lowers the limit to what was accepted in the last window.</summary>
        public void Refused()
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                long now = _time.GetTimestamp();
                Prune(now);

                // Submits sent together are refused together: only the first of a burst lowers the limit below what was accepted.
                bool sameBurst = _lastRefused != 0 && _time.GetElapsedTime(_lastRefused, now).Ticks < _limiterWindow.Ticks / Segments;
                _lastRefused = now;
                int lower = Math.Max(1, Math.Min(sameBurst ? Limit : Limit - 1, _accepted.Count));
                _slowStart = false;
                _quietWindows = 0;
                _refusedThisWindow = true;
                Replace(lower);
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
                _limiters.Dispose();
            }
        }

        private void Tick()
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                long now = _time.GetTimestamp();
                if (_time.GetElapsedTime(_windowStarted, now) < _window)
                {
                    return;
                }

                // A window has passed: grow when all of the limit was used and nothing was refused.
                bool usedAll = _acceptedThisWindow >= Limit;
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
                if (grown != Limit)
                {
                    Prune(now);
                    Replace(grown);
                }
            }
        }

        // New limiters for the new limit, the window charged with the submits still inside it so that they are not spent twice.
        private void Replace(int limit)
        {
            Limiters old = _limiters;
            Limit = limit;
            _limiters = Create(limit);
            int charge = Math.Min(limit, _accepted.Count);
            if (charge > 0)
            {
                _limiters.Window.AttemptAcquire(charge).Dispose();
            }

            old.Dispose();
        }

        // The window caps the submits in any window; the spacing, one token at a time, keeps them from arriving in bursts that a
        // server measuring arrival times (under load, or across a network) would see bunched into the next window.
        private Limiters Create(int limit) => new(
            new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, _spacedWindow.Ticks / limit)),
                QueueLimit = _queueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }),
            new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = _limiterWindow,
                SegmentsPerWindow = Segments,
                QueueLimit = _queueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));

        private void Prune(long now)
        {
            while (_accepted.Count != 0 && _time.GetElapsedTime(_accepted.Peek(), now) >= _limiterWindow)
            {
                _accepted.Dequeue();
            }
        }
    
        private sealed class Limiters : IDisposable
        {
            public Limiters(TokenBucketRateLimiter spacing, SlidingWindowRateLimiter window)
            {
                Spacing = spacing;
                Window = window;
            }

            public TokenBucketRateLimiter Spacing { get; }

            public SlidingWindowRateLimiter Window { get; }

            public void Dispose()
            {
                Spacing.Dispose();
                Window.Dispose();
            }
        }
    }
}
