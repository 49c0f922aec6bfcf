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

    /// <summary>One run's hold on a ledger: what it reads and records. Calls may overlap; disposing releases the ledger.</summary>
    public interface ITryOnLedgerSession : IAsyncDisposable
    {
        /// <summary>Whose the ledger is.</summary>
        TryOnLedgerOwner Owner { get; }

        /// <summary>The entry recorded for <paramref name="key"/>, or null when the key is new.</summary>
        /// <param name="key">The key in its recorded form (<see cref="TryOnCatalogueKeys.Normalize(string)"/>).</param>
        /// <param name="cancellationToken">Cancels the read.</param>
        ValueTask<TryOnLedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default);

        /// <summary>Records <paramref name="entry"/>, replacing the entry of its key; durable when the task completes.</summary>
        ValueTask SaveAsync(TryOnLedgerEntry entry, CancellationToken cancellationToken = default);

        /// <summary>Forgets a key whose submit certainly did not run (501, a connection never made): the look is new again.</summary>
        ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default);

        /// <summary>Every entry in <paramref name="state"/>, in key order.</summary>
        IAsyncEnumerable<TryOnLedgerEntry> ListAsync(TryOnLedgerState state, CancellationToken cancellationToken = default);
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
            bool taskAttached = false)
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

        /// <summary>Whether the look has ended: finished, failed, or reported in doubt.</summary>
        public bool HasEnded => State is TryOnLedgerState.Finished or TryOnLedgerState.Failed or TryOnLedgerState.InDoubt;

        /// <inheritdoc/>
        public override string ToString() => "TryOnLedgerEntry { Key = " + Key + ", State = " + State + ", TaskId = " + TaskId + " }";
    }

    /// <summary>A ledger was opened for another owner than the one it belongs to; nothing was read from it or sent.</summary>
    public sealed class TryOnLedgerOwnerException : InvalidOperationException
    {
        /// <summary>Creates the exception.</summary>
        public TryOnLedgerOwnerException(string ledger, TryOnLedgerOwner recorded, TryOnLedgerOwner requested)
            : base(
                "The ledger " + ledger + " belongs to " + recorded + ", but this run calls with " + requested + ". A task id belongs to the service and " +
                "account that made it, so its looks are not replayed for another: give this run another ledger, or, if the two are truly the same account " +
                "at the same service (a renewed key, a proxy), adopt it explicitly (adoptFrom / TryOnCatalogueOptions.AdoptLedgerFrom).")
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
