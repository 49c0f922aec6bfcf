using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Aidge.Declarative.Testing
{
    /// <summary>
    /// The submit budget per access key: at most <see cref="FakeAidgeServerOptions.SubmitsPerWindow"/> submits in
    /// any sliding <see cref="FakeAidgeServerOptions.RateLimitWindow"/>. A guess at the service's limiter: the
    /// vendor states the budget (3 per 60 s in its test phase), not whether its window slides or is fixed.
    /// </summary>
    internal sealed class SubmitWindow
    {
        private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _submitsByKey = new(StringComparer.Ordinal);

        /// <summary>Counts a submit of <paramref name="accessKey"/> at <paramref name="now"/>; false when it is over the budget (not counted).</summary>
        public bool TryTake(string accessKey, DateTimeOffset now, FakeAidgeServerOptions options)
        {
            if (options.SubmitsPerWindow is not { } budget)
            {
                return true;
            }

            Queue<DateTimeOffset> submits = _submitsByKey.GetOrAdd(accessKey, _ => new Queue<DateTimeOffset>());
            lock (submits)
            {
                while (submits.Count != 0 && now - submits.Peek() >= options.RateLimitWindow)
                {
                    submits.Dequeue();
                }

                if (submits.Count >= budget)
                {
                    return false;
                }

                submits.Enqueue(now);
                return true;
            }
        }
    }
}
