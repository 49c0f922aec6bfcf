using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>What every <see cref="ITryOnSubmitBudget"/> does, the in-process pacer and the shared one alike.</summary>
    public static class BudgetRules
    {
        /// <summary>
        /// A 501 lowers the limit; then, with every submit accepted and a caller always waiting (demand at the limit), it is probed
        /// one higher after ten quiet windows, again and again, up to the key's <paramref name="known"/> budget.
        /// </summary>
        public static async Task LoweredThenProbedBackAsync(ITryOnSubmitBudget budget, int known)
        {
            await LoweredThenProbedBackAsync(budget, known, callers: 1, answeredWithin: TimeSpan.Zero);
        }

        /// <summary>
        /// The same with <paramref name="callers"/> callers at once, each answer coming back within <paramref name="answeredWithin"/>
        /// (a real call's latency, at random), so that the answers of a window's submits fall on either side of its end.
        /// </summary>
        public static async Task LoweredThenProbedBackAsync(ITryOnSubmitBudget budget, int known, int callers, TimeSpan answeredWithin)
        {
            ITryOnSubmitPermit refused = await budget.AcquireAsync();
            await refused.ReleaseAsync(TryOnSubmitOutcome.RateLimited);
            int lowered = budget.SubmitsPerWindow;
            Assert.True(lowered < known, "a 501 left the limit at " + lowered);

            // A liveness bound, far above the (known - lowered) x 10 windows it takes: the test is of the climb, not of its speed.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            int highest = lowered;
            var random = new Random(7);
            async Task CallAsync()
            {
                while (budget.SubmitsPerWindow < known && !deadline.IsCancellationRequested)
                {
                    ITryOnSubmitPermit permit;
                    try
                    {
                        permit = await budget.AcquireAsync(deadline.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    TimeSpan latency;
                    lock (random)
                    {
                        latency = TimeSpan.FromTicks((long)(answeredWithin.Ticks * random.NextDouble()));
                    }

                    await Task.Delay(latency);
                    await permit.ReleaseAsync(TryOnSubmitOutcome.Accepted);
                    lock (random)
                    {
                        highest = Math.Max(highest, budget.SubmitsPerWindow);
                    }
                }
            }

            var calling = new Task[callers];
            for (int c = 0; c < callers; c++)
            {
                calling[c] = CallAsync();
            }

            await Task.WhenAll(calling);

            Assert.True(budget.SubmitsPerWindow == known, "lowered to " + lowered + " by a 501, the limit climbed only to " + highest + " of " + known + " with demand at the limit");
        }
    }
}
