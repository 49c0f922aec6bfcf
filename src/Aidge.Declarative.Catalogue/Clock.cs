using System;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    // Waits and jitter on the run's TimeProvider, the same on both target frameworks.
    internal static class Clock
    {
#if !NET8_0_OR_GREATER
        private static readonly Random Shared = new();
#endif

        public static Task Delay(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
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

        /// <summary>A random fraction in [0, 1).</summary>
        public static double NextFraction()
        {
#if NET8_0_OR_GREATER
            return Random.Shared.NextDouble();
#else
            lock (Shared)
            {
                return Shared.NextDouble();
            }
#endif
        }

        /// <summary><paramref name="value"/> scaled by a random factor in [1 - spread, 1 + spread).</summary>
        public static TimeSpan Jitter(TimeSpan value, double spread) =>
            TimeSpan.FromTicks((long)(value.Ticks * (1 - spread + (2 * spread * NextFraction()))));
    }
}
