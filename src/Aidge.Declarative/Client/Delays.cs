// Compiled into the runtime and, as linked source, into Aidge.Declarative.Catalogue: the client's and the catalogue's waits are one
// schedule, on the caller's TimeProvider, the same on both target frameworks.

using System;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Client
{
    /// <summary>Waits on the caller's clock, with jitter so that many clients do not retry or poll in step.</summary>
    internal static class Delays
    {
        /// <summary>How far a jittered delay strays from the one asked for, either way: 25%.</summary>
        public const double Spread = 0.25;

        /// <summary>How much longer each poll of a running task waits than the one before, up to the maximum.</summary>
        public const double PollGrowth = 1.5;

#if NET8_0_OR_GREATER
        private static Random Random => Random.Shared;
#else
        [ThreadStatic]
        private static Random? t_random;

        private static Random Random => t_random ??= new Random(Guid.NewGuid().GetHashCode());
#endif

        /// <summary>A random fraction in [0, 1).</summary>
        public static double NextFraction() => Random.NextDouble();

        /// <summary><paramref name="delay"/> scaled by a random factor in [1 - <paramref name="spread"/>, 1 + <paramref name="spread"/>).</summary>
        public static TimeSpan Jitter(TimeSpan delay, double spread = Spread) =>
            TimeSpan.FromTicks((long)(delay.Ticks * (1 - spread + (2 * spread * NextFraction()))));

        /// <summary>The delay before retry number <paramref name="attempt"/> + 1: doubling from <paramref name="first"/>, with jitter.</summary>
        public static TimeSpan Backoff(TimeSpan first, int attempt) => Jitter(TimeSpan.FromTicks(first.Ticks * (1L << Math.Min(attempt, 16))));

        /// <summary>The interval of the poll after one of <paramref name="interval"/>: <see cref="PollGrowth"/> times longer, at most <paramref name="max"/>.</summary>
        public static TimeSpan NextPollInterval(TimeSpan interval, TimeSpan max) => TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * PollGrowth), max.Ticks));

        /// <summary>Waits <paramref name="delay"/> on <paramref name="time"/>; a delay of zero or less completes at once (or is cancelled).</summary>
        public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
        {
            if (delay <= TimeSpan.Zero)
            {
                return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;
            }
#if NET8_0_OR_GREATER
            return Task.Delay(delay, time, cancellationToken);
#else
            return time.Delay(delay, cancellationToken);
#endif
        }

        public static CancellationTokenSource TimeoutSource(TimeProvider time, TimeSpan timeout) =>
#if NET8_0_OR_GREATER
            new(timeout, time);
#else
            time.CreateCancellationTokenSource(timeout);
#endif
    }
}
