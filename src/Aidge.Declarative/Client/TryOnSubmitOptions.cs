namespace Aidge.Declarative
{
    /// <summary>How one submit is sent: for callers that pace their own submits, such as a catalogue run.</summary>
    public sealed class TryOnSubmitOptions
    {
        /// <summary>
        /// Whether an answer of 501 (rate limit exceeded: nothing ran) is retried after a backoff, as every other call is
        /// (the default), or thrown at once as <see cref="AidgeErrorKind.RateLimited"/>, so that a caller with its own rate
        /// limiter learns of each 501 and slows down instead of waiting inside the call.
        /// </summary>
        public bool RetryRateLimited { get; set; } = true;

        /// <summary>
        /// A permit the caller has taken from the budget itself (a catalogue run journals the look between taking it and sending): the
        /// call sends under it and neither takes nor gives back a permit of its own; giving it back is the caller's. Null by default:
        /// with a <see cref="TryOnClientOptions.SubmitBudget"/>, the call takes its own.
        /// </summary>
        public ITryOnSubmitPermit? Permit { get; set; }
    }
}
