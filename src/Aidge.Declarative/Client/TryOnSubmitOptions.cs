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
    }
}
