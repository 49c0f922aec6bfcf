using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Client.Typed;

namespace Aidge.Declarative
{
    /// <summary>
    /// A submitted try-on task that knows the requests it was made of, so that its result pairs each request
    /// with its own pictures. Resume one in another process with <see cref="TryOnClient.GetOperation{TRequest}"/>.
    /// </summary>
    /// <typeparam name="TRequest">The request type of the task's sub-tasks.</typeparam>
    /// <remarks>
    /// <typeparamref name="TRequest"/> has no constraint here, though only an <see cref="ITryOnRequest"/> can be sent: a
    /// <c>[TryOnApi]</c> method that names a type the generator skipped then compiles, and the analyzer's error says why (AIDGE023),
    /// where the compiler's would only say that the type is no <c>ITryOnRequest</c>, and stop the build before the analyzers run.
    /// </remarks>
    public sealed class TryOnOperation<TRequest>
    {
        private HashSet<string>[]? _garments;

        internal TryOnOperation(TryOnOperation operation, IReadOnlyList<TRequest> requests)
        {
            Untyped = operation;
            Requests = requests;
        }

        /// <summary>The task's id.</summary>
        public string TaskId => Untyped.TaskId;

        /// <summary>The edition the task runs on.</summary>
        public TryOnEdition Edition => Untyped.Edition;

        /// <summary>The requests, one per sub-task, in the order submitted.</summary>
        public IReadOnlyList<TRequest> Requests { get; }

        /// <summary>The submit's request id, for the vendor's support; null for a resumed operation.</summary>
        public string? RequestId => Untyped.RequestId;

        /// <summary>The same operation without its requests.</summary>
        public TryOnOperation Untyped { get; }

        /// <summary>Asks the service once for the task's state.</summary>
        /// <exception cref="AidgeException">The query failed for good, or its answer could not be read.</exception>
        public async Task<TryOnResult<TRequest>> GetResultAsync(CancellationToken cancellationToken = default) =>
            Pair(await Untyped.GetResultAsync(cancellationToken).ConfigureAwait(false));

        /// <summary>Polls until the task has finished, reporting each state it sees, and pairs each request with its pictures.</summary>
        /// <exception cref="TryOnTaskFailedException">The task failed.</exception>
        /// <exception cref="AidgeException">
        /// A query failed for good, or the answer could not be read; with <see cref="AidgeErrorKind.Timeout"/>, the task had not ended within
        /// <see cref="TryOnClientOptions.PollingTimeout"/>.
        /// </exception>
        public async Task<TryOnResult<TRequest>> WaitForCompletionAsync(IProgress<TryOnResult<TRequest>>? progress = null, CancellationToken cancellationToken = default)
        {
            IProgress<TryOnResult>? untyped = progress is null ? null : new PairingProgress(progress, this);
            return Pair(await Untyped.WaitForCompletionAsync(untyped, cancellationToken).ConfigureAwait(false));
        }

        // The requests' garments are read once per operation, however often it is polled.
        private TryOnResult<TRequest> Pair(TryOnResult result) =>
            PicturePairing.Pair(result, Requests, _garments ??= PicturePairing.GarmentsOf(Requests));

        /// <inheritdoc/>
        public override string ToString() => "TryOnOperation<" + typeof(TRequest).Name + "> { TaskId = " + TaskId + ", Requests = " + Requests.Count + " }";

        private sealed class PairingProgress : IProgress<TryOnResult>
        {
            private readonly IProgress<TryOnResult<TRequest>> _progress;
            private readonly TryOnOperation<TRequest> _operation;

            public PairingProgress(IProgress<TryOnResult<TRequest>> progress, TryOnOperation<TRequest> operation)
            {
                _progress = progress;
                _operation = operation;
            }

            public void Report(TryOnResult value) => _progress.Report(_operation.Pair(value));
        }
    }

    /// <summary>What the service says of a task, with each request paired with its own pictures.</summary>
    /// <typeparam name="TRequest">The request type of the task's sub-tasks.</typeparam>
    public sealed class TryOnResult<TRequest>
    {
        /// <summary>Creates a result: for tests of code that uses a declared client, or for a fake one.</summary>
        public TryOnResult(TryOnResult result, IReadOnlyList<TryOnLook<TRequest>> looks, IReadOnlyList<TryOnPicture> unmatched)
        {
            Untyped = result;
            Looks = looks;
            UnmatchedPictures = unmatched;
        }

        /// <summary>The task's id.</summary>
        public string TaskId => Untyped.TaskId;

        /// <summary>The task's status.</summary>
        public TryOnTaskStatus Status => Untyped.Status;

        /// <summary>Whether the task has ended, finished or failed.</summary>
        public bool IsCompleted => Untyped.IsCompleted;

        /// <summary>One look per request, in the order submitted, each with the pictures made from it.</summary>
        public IReadOnlyList<TryOnLook<TRequest>> Looks { get; }

        /// <summary>
        /// Pictures whose garment is none of the requests' garments, nor of a sub-task that a request stands for: kept
        /// here, never dropped.
        /// </summary>
        public IReadOnlyList<TryOnPicture> UnmatchedPictures { get; }

        /// <summary>The answer as read, by sub-task, with its raw <c>data</c>.</summary>
        public TryOnResult Untyped { get; }
    }

    /// <summary>One request of a task, with its status and its pictures.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    public sealed class TryOnLook<TRequest>
    {
        /// <summary>Creates a look: for tests of code that uses a declared client, or for a fake one.</summary>
        public TryOnLook(TRequest request, TryOnTaskStatus status, IReadOnlyList<TryOnPicture> pictures, string? problem = null)
        {
            Request = request;
            Status = status;
            Pictures = pictures;
            Problem = problem;
        }

        /// <summary>The request as submitted.</summary>
        public TRequest Request { get; }

        /// <summary>The status of the request's sub-task (the task's, when the answer has no sub-task for it).</summary>
        public TryOnTaskStatus Status { get; }

        /// <summary>The pictures made from this request's garments.</summary>
        public IReadOnlyList<TryOnPicture> Pictures { get; }

        /// <summary>
        /// Why this look is <c>finished</c> with no picture, or null: its sub-task held none where the contract puts them, or every
        /// picture the service gave names another request's garment. A finished look is never an empty success without one.
        /// </summary>
        public string? Problem { get; }
    }
}
