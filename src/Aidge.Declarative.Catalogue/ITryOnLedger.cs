using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// The durable record of every look a catalogue run has touched, by key: what makes a run resumable after a crash, and a look
    /// never paid for twice. <see cref="SqliteTryOnLedger"/> is the default.
    /// </summary>
    /// <remarks>
    /// An implementation must make <see cref="SaveAsync"/> durable before its task completes: the run records
    /// <see cref="TryOnLedgerState.Submitting"/> before each paid submit and relies on finding it after a crash. One run at a time
    /// uses a ledger; calls from that run may overlap.
    /// </remarks>
    public interface ITryOnLedger : IAsyncDisposable
    {
        /// <summary>The entry recorded for <paramref name="key"/>, or null when the key is new.</summary>
        ValueTask<TryOnLedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default);

        /// <summary>Records <paramref name="entry"/>, replacing the entry of its key; durable when the task completes.</summary>
        ValueTask SaveAsync(TryOnLedgerEntry entry, CancellationToken cancellationToken = default);

        /// <summary>Forgets a key whose submit certainly did not run (501, a connection never made): the look is new again.</summary>
        ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default);
    }

    /// <summary>Where a look stands in the ledger.</summary>
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
        /// <param name="key">The look's key.</param>
        /// <param name="fingerprint">The look's <see cref="TryOnCatalogueKeys.Fingerprint{TRequest}(TRequest)"/>: a key given again with another request is refused.</param>
        /// <param name="state">Where the look stands.</param>
        /// <param name="taskId">The task's id, once known.</param>
        /// <param name="edition">The edition it was submitted on.</param>
        /// <param name="pictures">A finished look's pictures.</param>
        /// <param name="error">Why a look failed or is in doubt.</param>
        /// <param name="updatedAt">When this was recorded.</param>
        public TryOnLedgerEntry(
            string key,
            string fingerprint,
            TryOnLedgerState state,
            string? taskId = null,
            TryOnEdition edition = TryOnEdition.Standard,
            IReadOnlyList<TryOnPicture>? pictures = null,
            TryOnLookError? error = null,
            DateTimeOffset updatedAt = default)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Fingerprint = fingerprint ?? throw new ArgumentNullException(nameof(fingerprint));
            State = state;
            TaskId = taskId;
            Edition = edition;
            Pictures = pictures ?? NoPictures;
            Error = error;
            UpdatedAt = updatedAt;
        }

        /// <summary>The look's key.</summary>
        public string Key { get; }

        /// <summary>The fingerprint of the request recorded under the key.</summary>
        public string Fingerprint { get; }

        /// <summary>Where the look stands.</summary>
        public TryOnLedgerState State { get; }

        /// <summary>The task's id, once the submit answered.</summary>
        public string? TaskId { get; }

        /// <summary>The edition the look was submitted on.</summary>
        public TryOnEdition Edition { get; }

        /// <summary>A finished look's pictures; empty otherwise.</summary>
        public IReadOnlyList<TryOnPicture> Pictures { get; }

        /// <summary>Why the look failed or is in doubt.</summary>
        public TryOnLookError? Error { get; }

        /// <summary>When this was recorded.</summary>
        public DateTimeOffset UpdatedAt { get; }

        /// <summary>Whether the look has ended: finished, failed, or reported in doubt.</summary>
        public bool HasEnded => State is TryOnLedgerState.Finished or TryOnLedgerState.Failed or TryOnLedgerState.InDoubt;

        /// <inheritdoc/>
        public override string ToString() => "TryOnLedgerEntry { Key = " + Key + ", State = " + State + ", TaskId = " + TaskId + " }";
    }
}
