using System;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative
{
    /// <summary>
    /// An access key's budget of paid submits, as its holders share it: each submit takes a permit before it is sent and gives it
    /// back as its answer says, so that every process submitting under the key (catalogue workers, a storefront's instances)
    /// together stays within what the service allows.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The semantics every budget keeps: a permit is held from before the send until a window after the answer (the service
    /// counts a submit when it arrives, which is before its answer comes back, so no window of the service's can hold more than
    /// the limit, however long a call takes); submits are spaced evenly, one every window / limit; a 501 lowers the limit for
    /// every holder; and after quiet windows in which the whole limit was used, it probes one higher. A permit that is never
    /// given back (its process died) expires.
    /// </para>
    /// <para>
    /// Give one to <see cref="TryOnClientOptions.SubmitBudget"/> (or register one with dependency injection) and every submit of
    /// that client takes its permits from it; a catalogue run over that client uses the same one. <c>Aidge.Declarative.PostgreSql</c>
    /// has one shared through PostgreSQL; a catalogue run without one paces itself in its own process.
    /// </para>
    /// </remarks>
    public interface ITryOnSubmitBudget
    {
        /// <summary>The submits per window the budget allows now: given, or learned from 501 answers.</summary>
        int SubmitsPerWindow { get; }

        /// <summary>Whether the budget was given, or is being learned.</summary>
        bool IsKnown { get; }

        /// <summary>The window the budget is counted over.</summary>
        TimeSpan Window { get; }

        /// <summary>Waits for the right to send one paid submit: its turn in the spacing, then room in the budget.</summary>
        /// <param name="cancellationToken">Stops the wait; no permit is taken.</param>
        ValueTask<ITryOnSubmitPermit> AcquireAsync(CancellationToken cancellationToken = default);
    }

    /// <summary>The right to send one paid submit, held until it is given back with what came of the submit.</summary>
    /// <remarks>Disposing a permit that was not given back gives it back as <see cref="TryOnSubmitOutcome.Answered"/>: held a window, since the call may have counted.</remarks>
    public interface ITryOnSubmitPermit : IAsyncDisposable
    {
        /// <summary>Gives the permit back: what came of the submit decides how long the budget still counts it, and whether the limit is lowered.</summary>
        /// <param name="outcome">What came of the submit.</param>
        /// <param name="cancellationToken">Cancels the wait for the budget's store; the permit then simply expires.</param>
        ValueTask ReleaseAsync(TryOnSubmitOutcome outcome, CancellationToken cancellationToken = default);
    }

    /// <summary>What came of a submit sent under a permit. The values are fixed.</summary>
    public enum TryOnSubmitOutcome
    {
        /// <summary>It was never sent: the permit goes back at once.</summary>
        NotSent = 0,

        /// <summary>It made a task: it counts for a window from its answer.</summary>
        Accepted = 1,

        /// <summary>It was answered 501: nothing ran, the budget is smaller than thought, and it counts for a window (the service may count a refused call too).</summary>
        RateLimited = 2,

        /// <summary>Any other answer, or none: it may have counted, so it counts for a window from now.</summary>
        Answered = 3,
    }
}
