using System;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Client
{
    /// <summary>Waits on the client's clock, with jitter so that many clients do not retry in step.</summary>
    internal static class Delays
    {
#if NET8_0_OR_GREATER
        private static Random Random => Random.Shared;
#else
        [ThreadStatic]
        private static Random? t_random;

        private static Random Random => t_random ??= new Random(Guid.NewGuid().GetHashCode());
#endif

        /// <summary>A delay between 75% and 125% of <paramref name="delay"/>.</summary>
        public static TimeSpan Jitter(TimeSpan delay) => TimeSpan.FromTicks((long)(delay.Ticks * (0.75 + (Random.NextDouble() * 0.5))));

        /// <summary>The delay before retry number <paramref name="attempt"/> + 1: doubling from <paramref name="first"/>, with jitter.</summary>
        public static TimeSpan Backoff(TimeSpan first, int attempt) => Jitter(TimeSpan.FromTicks(first.Ticks * (1L << Math.Min(attempt, 16))));

        public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
            Task.Delay(delay, time, cancellationToken);
#else
            time.Delay(delay, cancellationToken);
#endif

        public static CancellationTokenSource TimeoutSource(TimeProvider time, TimeSpan timeout) =>
#if NET8_0_OR_GREATER
            new(timeout, time);
#else
            time.CreateCancellationTokenSource(timeout);
#endif
    }
}
