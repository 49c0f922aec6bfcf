using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Aidge.Declarative
{
    /// <summary>The status of a try-on task or of one of its sub-tasks. Each value is fixed: a new status takes a new value.</summary>
    public enum TryOnTaskStatus
    {
        /// <summary>A status the contract does not name.</summary>
        Unknown = 0,

        /// <summary><c>submitted</c>: queued.</summary>
        Submitted = 1,

        /// <summary><c>running</c>: generating.</summary>
        Running = 2,

        /// <summary><c>finished</c>: done; the images are ready.</summary>
        Finished = 3,

        /// <summary><c>failed</c>: ended without images.</summary>
        Failed = 4,
    }

    /// <summary>What the service says of a try-on task: its status and, per sub-task, the generated images.</summary>
    public sealed class TryOnResult
    {
        /// <summary>Creates a result.</summary>
        public TryOnResult(string taskId, TryOnTaskStatus status, IReadOnlyList<TryOnSubTaskResult> subTasks, string? requestId)
            : this(taskId, status, subTasks, requestId, rawData: default)
        {
        }

        /// <summary>Creates a result that keeps the answer's raw <c>data</c>.</summary>
        public TryOnResult(string taskId, TryOnTaskStatus status, IReadOnlyList<TryOnSubTaskResult> subTasks, string? requestId, JsonElement rawData)
        {
            TaskId = taskId;
            Status = status;
            SubTasks = subTasks;
            RequestId = requestId;
            RawData = rawData;
        }

        /// <summary>The task's id.</summary>
        public string TaskId { get; }

        /// <summary>The task's status.</summary>
        public TryOnTaskStatus Status { get; }

        /// <summary>One entry per sub-task (per request of the batch), in order.</summary>
        public IReadOnlyList<TryOnSubTaskResult> SubTasks { get; }

        /// <summary>The id of the query that answered, for the vendor's support.</summary>
        public string? RequestId { get; }

        /// <summary>
        /// The answer's <c>data</c> element as the service sent it, to read fields this SDK does not model yet;
        /// <see cref="JsonValueKind.Undefined"/> when the result was not read from an answer.
        /// </summary>
        public JsonElement RawData { get; }

        /// <summary>Whether the task has ended, finished or failed.</summary>
        public bool IsCompleted => Status is TryOnTaskStatus.Finished or TryOnTaskStatus.Failed;
    }

    /// <summary>One sub-task of a try-on task: one request of the batch.</summary>
    public sealed class TryOnSubTaskResult
    {
        /// <summary>Creates a sub-task result from its pictures, each with the garment it was made from.</summary>
        /// <param name="status">The sub-task's status.</param>
        /// <param name="pictures">The generated pictures.</param>
        /// <param name="problem">Why the answer for this sub-task is not what the contract promises, or null.</param>
        public TryOnSubTaskResult(TryOnTaskStatus status, IReadOnlyList<TryOnPicture> pictures, string? problem = null)
        {
            Status = status;
            Pictures = pictures ?? throw new ArgumentNullException(nameof(pictures));
            Problem = problem;
        }

        /// <summary>The sub-task's status.</summary>
        public TryOnTaskStatus Status { get; }

        /// <summary>The generated pictures, each with the garment it was made from, so that a suit's pictures can be told apart.</summary>
        public IReadOnlyList<TryOnPicture> Pictures { get; }

        /// <summary>
        /// Why this sub-task's answer is not what the contract promises (it is <c>finished</c> but has no picture
        /// where the contract puts them), or null. The client logs it at Warning.
        /// </summary>
        public string? Problem { get; }
    }

    /// <summary>One generated picture: its URL and the garment it was made from.</summary>
    public sealed class TryOnPicture : IEquatable<TryOnPicture>
    {
        /// <summary>Creates a picture.</summary>
        public TryOnPicture(string url, string? garmentUrl)
        {
            Url = url ?? throw new ArgumentNullException(nameof(url));
            GarmentUrl = garmentUrl;
        }

        /// <summary>The picture's URL (the wire's <c>imageUrl</c>).</summary>
        public string Url { get; }

        /// <summary>The URL of the garment the picture was made from (the wire's <c>clothes</c>), when the service said.</summary>
        public string? GarmentUrl { get; }

        /// <inheritdoc/>
        public bool Equals(TryOnPicture? other) =>
            other is not null && string.Equals(Url, other.Url, StringComparison.Ordinal) && string.Equals(GarmentUrl, other.GarmentUrl, StringComparison.Ordinal);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as TryOnPicture);

        /// <inheritdoc/>
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Url);

        /// <inheritdoc/>
        public override string ToString() => "TryOnPicture { Url = " + Url + ", GarmentUrl = " + GarmentUrl + " }";
    }
}
