using System;
using System.Collections.Generic;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>How a look of a catalogue ended in a run. Each value is fixed: none is ever reused.</summary>
    public enum TryOnLookState
    {
        /// <summary>The task finished: <see cref="TryOnCatalogueItem{TRequest}.Pictures"/> holds its pictures.</summary>
        Finished = 1,

        /// <summary>
        /// The look did not finish, and <see cref="TryOnCatalogueItem{TRequest}.Error"/> says why: it broke the API's rules (its key
        /// included), the service refused it (700, 701, 703, 707, content risk), its task failed, or its key is another look's.
        /// </summary>
        Failed = 2,

        /// <summary>
        /// Its submit may have reached the service, but no task id was recorded: a crash, a lost connection or a 500 at the wrong
        /// moment. It may have been paid for, so it is never submitted again unless <see cref="TryOnCatalogueOptions.ResubmitInDoubt"/>
        /// is set.
        /// </summary>
        InDoubt = 3,

        /// <summary>
        /// Its task was paid for and its task id is recorded (<see cref="TryOnCatalogueItem{TRequest}.TaskId"/>), but it had not ended
        /// <see cref="TryOnCatalogueOptions.TaskTimeout"/> after its submit. It has not failed: the next run asks about it again, at no
        /// cost. Giving it a new key would pay for it twice.
        /// </summary>
        StillRunning = 4,
    }

    /// <summary>Why a look did not finish.</summary>
    public sealed class TryOnLookError
    {
        /// <summary>Creates the reason.</summary>
        public TryOnLookError(AidgeErrorKind kind, string message, int resCode = 0, string? requestId = null, Exception? exception = null)
        {
            Kind = kind;
            Message = message ?? throw new ArgumentNullException(nameof(message));
            ResCode = resCode;
            RequestId = requestId;
            Exception = exception;
        }

        /// <summary>
        /// The kind of failure: <see cref="AidgeErrorKind.InvalidInput"/> for a look that breaks the API's rules (nothing was sent) or
        /// that the service called invalid, <see cref="AidgeErrorKind.ImageProblem"/>, <see cref="AidgeErrorKind.ContentRisk"/>,
        /// <see cref="AidgeErrorKind.TaskFailed"/>, and for a look in doubt the kind of the failure that left it so
        /// (<see cref="AidgeErrorKind.Unknown"/> when it was a run that stopped).
        /// </summary>
        public AidgeErrorKind Kind { get; }

        /// <summary>What happened, for a person; it names no secret.</summary>
        public string Message { get; }

        /// <summary>The service's result code, or 0.</summary>
        public int ResCode { get; }

        /// <summary>The id to give the vendor's support, when the service gave one.</summary>
        public string? RequestId { get; }

        /// <summary>The exception, when the look ended in this run (a reason read back from the ledger has none).</summary>
        public Exception? Exception { get; }

        /// <inheritdoc/>
        public override string ToString() => Kind + (ResCode != 0 ? " " + ResCode : string.Empty) + ": " + Message;
    }

    /// <summary>A look of a catalogue, once it has ended.</summary>
    /// <typeparam name="TRequest">The declared request type.</typeparam>
    public sealed class TryOnCatalogueItem<TRequest>
        where TRequest : ITryOnRequest
    {
        /// <summary>Creates an item (for tests of code that reads them).</summary>
        public TryOnCatalogueItem(
            string key,
            TRequest request,
            TryOnLookState state,
            IReadOnlyList<TryOnPicture> pictures,
            TryOnLookError? error = null,
            string? taskId = null,
            bool fromLedger = false,
            IReadOnlyList<TryOnSavedPicture>? savedPictures = null)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Request = request;
            State = state;
            Pictures = pictures ?? throw new ArgumentNullException(nameof(pictures));
            Error = error;
            TaskId = taskId;
            FromLedger = fromLedger;
            SavedPictures = savedPictures ?? Array.Empty<TryOnSavedPicture>();
            if (SavedPictures.Count != 0 && SavedPictures.Count != Pictures.Count)
            {
                throw new ArgumentException("A look's saved pictures are one per picture (" + Pictures.Count + "), not " + SavedPictures.Count + ".", nameof(savedPictures));
            }
        }

        /// <summary>The look's key.</summary>
        public string Key { get; }

        /// <summary>The request, as given to this run.</summary>
        public TRequest Request { get; }

        /// <summary>How the look ended.</summary>
        public TryOnLookState State { get; }

        /// <summary>The pictures of a finished look; empty otherwise.</summary>
        public IReadOnlyList<TryOnPicture> Pictures { get; }

        /// <summary>
        /// When the run saves pictures (<see cref="TryOnCatalogueOptions.Pictures"/>): what became of each of <see cref="Pictures"/>, in
        /// order, saved (where, its length and SHA-256) or not (why); empty when saving is off or the look did not finish.
        /// </summary>
        public IReadOnlyList<TryOnSavedPicture> SavedPictures { get; }

        /// <summary>Whether every picture of a finished look was saved (false when saving is off, or a picture could not be saved).</summary>
        public bool AllPicturesSaved
        {
            get
            {
                if (SavedPictures.Count == 0 || SavedPictures.Count != Pictures.Count)
                {
                    return false;
                }

                foreach (TryOnSavedPicture saved in SavedPictures)
                {
                    if (!saved.IsSaved)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Why the look did not finish; null when it did.</summary>
        public TryOnLookError? Error { get; }

        /// <summary>The task's id, when a submit made one.</summary>
        public string? TaskId { get; }

        /// <summary>Whether the look had ended before this run (or earlier in it, under the same key): it cost this run nothing.</summary>
        public bool FromLedger { get; }

        /// <inheritdoc/>
        public override string ToString() =>
            "TryOnCatalogueItem { Key = " + Key + ", State = " + State + ", Pictures = " + Pictures.Count + (Error is null ? string.Empty : ", Error = " + Error.Kind) + " }";
    }
}
