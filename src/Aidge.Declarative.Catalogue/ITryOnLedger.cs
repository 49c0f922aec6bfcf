using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// The durable record of every look a catalogue has touched, by key: a payments journal. It is what makes a run resumable
    /// after a crash, and a look never paid for twice. <see cref="SqliteTryOnLedger"/> is the default.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A ledger belongs to one <see cref="TryOnLedgerOwner"/>, the service and access key its tasks were made under, recorded by the
    /// first session and checked by every later one before anything is read. A run works through a session
    /// (<see cref="BeginSessionAsync"/>); one session at a time holds a ledger, however many objects or processes open it.
    /// </para>
    /// <para>
    /// An implementation must make <see cref="ITryOnLedgerSession.SaveAsync"/> durable before its task completes: the run records
    /// <see cref="TryOnLedgerState.Submitting"/> before each paid submit and relies on finding it after a crash.
    /// </para>
    /// </remarks>
    public interface ITryOnLedger : IAsyncDisposable
    {
        /// <summary>
        /// Takes the ledger for one run: checks whose it is (recording <paramref name="owner"/> in a new ledger) and holds it until
        /// the session is disposed.
        /// </summary>
        /// <param name="owner">Whose tasks the run makes: the service and access key of its client.</param>
        /// <param name="adoptFrom">
        /// The owner the ledger was filled under, when this session is to take it over (the same account's key renewed, a proxy named
        /// as the service it fronts): the ledger is then recorded as <paramref name="owner"/>'s. Null: a ledger of another owner is refused.
        /// </param>
        /// <param name="cancellationToken">Cancels the wait for the ledger's file or server.</param>
        /// <exception cref="TryOnLedgerOwnerException">The ledger belongs to another owner than <paramref name="owner"/> (and <paramref name="adoptFrom"/>).</exception>
        /// <exception cref="System.IO.IOException">Another session holds the ledger, or its store cannot be read as a ledger.</exception>
        ValueTask<ITryOnLedgerSession> BeginSessionAsync(TryOnLedgerOwner owner, TryOnLedgerOwner? adoptFrom = null, CancellationToken cancellationToken = default);
    }

    /// <summary>
    /// One run's hold on a ledger: the looks it claims, and what it records of them. Calls may overlap; disposing releases the ledger
    /// (and every claim still held).
    /// </summary>
    /// <remarks>
    /// <para>
    /// A look is worked on under a claim (<see cref="ClaimAsync"/>): one session at a time holds a look's claim, for its
    /// <see cref="Lease"/> unless renewed, and each claim has a fencing token (<see cref="TryOnLedgerClaim.Fence"/>) that a later
    /// claim of the same look replaces. Every write names its claim, and a write under a claim that was replaced (a session paused
    /// past its lease, then woken) is refused, in the same transaction as the write, and reported as <c>false</c>.
    /// </para>
    /// <para>
    /// The paid submit is journalled in two steps: <see cref="BeginSubmitAsync"/> records it as submitting only while the claim is
    /// held and its lease has not run out (by the ledger's clock), and the run sends only when it returns true; then
    /// <see cref="RecordSubmitAsync"/> or <see cref="ForgetSubmitAsync"/> records what came of that submit, whatever became of the
    /// claim meanwhile, so that a task id that arrived is never refused for a lease that ran out.
    /// </para>
    /// <para>
    /// A ledger that one session holds whole (<see cref="SqliteTryOnLedger"/>) grants every claim, with an infinite lease.
    /// </para>
    /// </remarks>
    public interface ITryOnLedgerSession : IAsyncDisposable
    {
        /// <summary>Whose the ledger is.</summary>
        TryOnLedgerOwner Owner { get; }

        /// <summary>How long a claim lasts unless renewed; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> when one session holds the ledger whole.</summary>
        TimeSpan Lease { get; }

        /// <summary>
        /// Claims the look under <paramref name="key"/> for this session, unless another session holds it (its lease not run out) or,
        /// without <paramref name="evenIfEnded"/>, the look has ended. The claim says which, and carries what the ledger holds.
        /// </summary>
        /// <param name="key">The key in its recorded form (<see cref="TryOnCatalogueKeys.Normalize(string)"/>).</param>
        /// <param name="evenIfEnded">Whether to claim a look that has ended too (to mend a failed look, or resubmit one in doubt).</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        ValueTask<TryOnLedgerClaim> ClaimAsync(string key, bool evenIfEnded = false, CancellationToken cancellationToken = default);

        /// <summary>Extends a held claim's lease; false when the claim is no longer this session's.</summary>
        ValueTask<bool> RenewAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default);

        /// <summary>
        /// Records <paramref name="submitting"/> (<see cref="TryOnLedgerState.Submitting"/>) before the paid submit, durably, only while
        /// <paramref name="claim"/> is held and its lease has not run out; false otherwise, and then nothing may be sent.
        /// </summary>
        ValueTask<bool> BeginSubmitAsync(TryOnLedgerClaim claim, TryOnLedgerEntry submitting, CancellationToken cancellationToken = default);

        /// <summary>
        /// Records what the submit begun under <paramref name="claim"/> answered (<see cref="TryOnLedgerState.Submitted"/> with its task
        /// id, or <see cref="TryOnLedgerState.InDoubt"/>), whatever became of the claim since; false only when another submit of the look
        /// has replaced it.
        /// </summary>
        ValueTask<bool> RecordSubmitAsync(TryOnLedgerClaim claim, TryOnLedgerEntry answer, CancellationToken cancellationToken = default);

        /// <summary>The submit begun under <paramref name="claim"/> certainly did not run (501, a connection never made): the look is new again. False as for <see cref="RecordSubmitAsync"/>.</summary>
        ValueTask<bool> ForgetSubmitAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default);

        /// <summary>Records <paramref name="entry"/> under a held claim (releasing it when the look has ended); false when the claim is no longer this session's.</summary>
        ValueTask<bool> SaveAsync(TryOnLedgerClaim claim, TryOnLedgerEntry entry, CancellationToken cancellationToken = default);

        /// <summary>Gives a claim up, the look as it stands, for another session to take.</summary>
        ValueTask ReleaseAsync(TryOnLedgerClaim claim, CancellationToken cancellationToken = default);

        /// <summary>The entry recorded for <paramref name="key"/>, or null when the key is new: a read, claiming nothing.</summary>
        ValueTask<TryOnLedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default);

        /// <summary>
        /// The key of a look recorded with the task <paramref name="taskId"/>, or null when none is: a read, claiming nothing. A task
        /// is one look's, so that a task id given by hand (<c>AttachTaskIdAsync</c>) that another look holds is refused.
        /// </summary>
        ValueTask<string?> FindKeyOfTaskAsync(string taskId, CancellationToken cancellationToken = default);

        /// <summary>
        /// Every look in doubt, in key order: recorded in doubt, or recorded as submitting with no session holding it (its run died
        /// between the submit and its answer).
        /// </summary>
        IAsyncEnumerable<TryOnLedgerEntry> ListInDoubtAsync(CancellationToken cancellationToken = default);
    }

    /// <summary>A session's claim of a look, or the word that another session holds it.</summary>
    public sealed class TryOnLedgerClaim
    {
        /// <summary>Creates a claim (for a ledger's implementation).</summary>
        /// <param name="key">The look's key, in its recorded form.</param>
        /// <param name="entry">What the ledger held for the look when it was claimed; null for a key that is new.</param>
        /// <param name="fence">The claim's fencing token: a later claim of the look has a greater one.</param>
        /// <param name="isHeld">Whether this session holds the look now.</param>
        /// <param name="retryAfter">For a look another session holds, or one that has ended and was not claimed: how long until its lease runs out, by the ledger's clock.</param>
        public TryOnLedgerClaim(string key, TryOnLedgerEntry? entry, long fence, bool isHeld, TimeSpan retryAfter = default)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Entry = entry;
            Fence = fence;
            IsHeld = isHeld;
            RetryAfter = retryAfter;
        }

        /// <summary>The look's key, in its recorded form.</summary>
        public string Key { get; }

        /// <summary>What the ledger held for the look when it was claimed (or found held); null for a key that is new.</summary>
        public TryOnLedgerEntry? Entry { get; }

        /// <summary>The claim's fencing token.</summary>
        public long Fence { get; }

        /// <summary>Whether this session holds the look: false when another does, or when it has ended and was not claimed.</summary>
        public bool IsHeld { get; }

        /// <summary>For a look another session holds: how long its lease has left, by the ledger's clock.</summary>
        public TimeSpan RetryAfter { get; }

        /// <inheritdoc/>
        public override string ToString() => "TryOnLedgerClaim { Key = " + Key + ", Fence = " + Fence + ", IsHeld = " + IsHeld + " }";
    }

    /// <summary>Where a look stands in the ledger. The values are stored by name, and each is fixed: none is ever reused.</summary>
    public enum TryOnLedgerState
    {
        /// <summary>Its submit is about to be sent, or was sent with no answer recorded: after a crash, it is in doubt.</summary>
        Submitting = 1,

        /// <summary>Its submit made a task: <see cref="TryOnLedgerEntry.TaskId"/> is known and polled until it ends.</summary>
        Submitted = 2,

        /// <summary>Its task finished; the pictures are recorded.</summary>
        Finished = 3,

        /// <summary>It failed for good; the reason is recorded.</summary>
        Failed = 4,

        /// <summary>It was reported in doubt: it may have been paid for, with no task id recorded.</summary>
        InDoubt = 5,
    }

    /// <summary>What the ledger records of one look.</summary>
    public sealed class TryOnLedgerEntry
    {
        private static readonly TryOnPicture[] NoPictures = new TryOnPicture[0];
        private static readonly TryOnSavedPicture[] NoSavedPictures = new TryOnSavedPicture[0];

        /// <summary>Creates an entry.</summary>
        /// <param name="key">The look's key, in its recorded form (<see cref="TryOnCatalogueKeys.Normalize(string)"/>).</param>
        /// <param name="fingerprint">The look's <see cref="TryOnCatalogueKeys.Fingerprint{TRequest}(TRequest)"/>: a key given again with another request is refused.</param>
        /// <param name="state">Where the look stands.</param>
        /// <param name="taskId">The task's id, once known.</param>
        /// <param name="edition">The edition it was submitted on.</param>
        /// <param name="pictures">A finished look's pictures.</param>
        /// <param name="error">Why a look failed or is in doubt.</param>
        /// <param name="updatedAt">When this was recorded.</param>
        /// <param name="submittedAt">When its paid submit was sent (recorded with <see cref="TryOnLedgerState.Submitting"/>), once it was.</param>
        /// <param name="taskAttached">Whether the task id was attached by hand to a look in doubt, rather than answered to this ledger's submit.</param>
        /// <param name="savedPictures">What became of saving a finished look's pictures, one per picture in order; empty when none was tried.</param>
        /// <exception cref="ArgumentException"><paramref name="savedPictures"/> is neither empty nor one per picture.</exception>
        public TryOnLedgerEntry(
            string key,
            string fingerprint,
            TryOnLedgerState state,
            string? taskId = null,
            TryOnEdition edition = TryOnEdition.Standard,
            IReadOnlyList<TryOnPicture>? pictures = null,
            TryOnLookError? error = null,
            DateTimeOffset updatedAt = default,
            DateTimeOffset? submittedAt = null,
            bool taskAttached = false,
            IReadOnlyList<TryOnSavedPicture>? savedPictures = null)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Fingerprint = fingerprint ?? throw new ArgumentNullException(nameof(fingerprint));
            State = state;
            TaskId = taskId;
            Edition = edition;
            Pictures = pictures ?? NoPictures;
            Error = error;
            UpdatedAt = updatedAt;
            SubmittedAt = submittedAt;
            TaskAttached = taskAttached;
            SavedPictures = savedPictures ?? NoSavedPictures;
            if (SavedPictures.Count != 0 && SavedPictures.Count != Pictures.Count)
            {
                throw new ArgumentException("A look's saved pictures are one per picture (" + Pictures.Count + "), not " + SavedPictures.Count + ".", nameof(savedPictures));
            }
        }

        /// <summary>The look's key, in its recorded form.</summary>
        public string Key { get; }

        /// <summary>The fingerprint of the request recorded under the key.</summary>
        public string Fingerprint { get; }

        /// <summary>Where the look stands.</summary>
        public TryOnLedgerState State { get; }

        /// <summary>The task's id, once the submit answered (or one was attached).</summary>
        public string? TaskId { get; }

        /// <summary>The edition the look was submitted on.</summary>
        public TryOnEdition Edition { get; }

        /// <summary>A finished look's pictures; empty otherwise.</summary>
        public IReadOnlyList<TryOnPicture> Pictures { get; }

        /// <summary>Why the look failed or is in doubt.</summary>
        public TryOnLookError? Error { get; }

        /// <summary>When this was recorded.</summary>
        public DateTimeOffset UpdatedAt { get; }

        /// <summary>When the look's paid submit was sent, if it was: for a look in doubt, the moment to look for in the vendor's console.</summary>
        public DateTimeOffset? SubmittedAt { get; }

        /// <summary>Whether <see cref="TaskId"/> was attached by hand to a look in doubt: its pictures are then checked against the look's garments.</summary>
        public bool TaskAttached { get; }

        /// <summary>
        /// What became of saving a finished look's pictures (<see cref="TryOnCatalogueOptions.Pictures"/>), one per picture of
        /// <see cref="Pictures"/> in order; empty when saving was never tried.
        /// </summary>
        public IReadOnlyList<TryOnSavedPicture> SavedPictures { get; }

        /// <summary>Whether the look has ended: finished, failed, or reported in doubt.</summary>
        public bool HasEnded => State is TryOnLedgerState.Finished or TryOnLedgerState.Failed or TryOnLedgerState.InDoubt;

        /// <inheritdoc/>
        public override string ToString() => "TryOnLedgerEntry { Key = " + Key + ", State = " + State + ", TaskId = " + TaskId + " }";
    }

    /// <summary>A ledger was opened for another owner than the one it belongs to; nothing was read from it or sent.</summary>
    public sealed class TryOnLedgerOwnerException : InvalidOperationException
    {
        /// <summary>Creates the exception.</summary>
        public TryOnLedgerOwnerException(string ledger, TryOnLedgerOwner recorded, TryOnLedgerOwner requested, string? message = null)
            : base(message ??
                "The ledger " + ledger + " belongs to " + recorded + ", but this run calls with " + requested + ". A task id belongs to the service and " +
                "account that made it, so its looks are not replayed for another: give this run another ledger, or, if the two are truly the same account " +
                "at the same service (a renewed key, a proxy), take it over by naming its owner (TryOnCatalogueOptions.AdoptLedgerFrom).")
        {
            Ledger = ledger;
            Recorded = recorded;
            Requested = requested;
        }

        /// <summary>The ledger, as its store names it (a file's path).</summary>
        public string Ledger { get; }

        /// <summary>Whose the ledger is.</summary>
        public TryOnLedgerOwner Recorded { get; }

        /// <summary>Whose the run was.</summary>
        public TryOnLedgerOwner Requested { get; }
    }
}
