using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Aidge.Declarative
{
    /// <summary>The status of a try-on task or of one of its sub-tasks.</summary>
    public enum TryOnTaskStatus
    {
        /// <summary>A status the contract does not name.</summary>
        Unknown = 0,

        /// <summary><c>submitted</c>: queued.</summary>
        Submitted,

        /// <summary><c>running</c>: generating.</summary>
        Running,

        /// <summary><c>finished</c>: done; the images are ready.</summary>
        Finished,

        /// <summary><c>failed</c>: ended without images.</summary>
        Failed,
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
        /// <summary>Creates a sub-task result from picture URLs that all come from one garment.</summary>
        public TryOnSubTaskResult(TryOnTaskStatus status, string? garmentUrl, IReadOnlyList<string> imageUrls)
        {
            if (imageUrls is null)
            {
                throw new ArgumentNullException(nameof(imageUrls));
            }

            var pictures = new TryOnPicture[imageUrls.Count];
            for (int i = 0; i < pictures.Length; i++)
            {
                pictures[i] = new TryOnPicture(imageUrls[i], garmentUrl);
            }

            Status = status;
            GarmentUrl = garmentUrl;
            ImageUrls = imageUrls;
            Pictures = pictures;
        }

        /// <summary>Creates a sub-task result from its pictures, each with the garment it was made from.</summary>
        /// <param name="status">The sub-task's status.</param>
        /// <param name="pictures">The generated pictures.</param>
        /// <param name="garmentUrl">The garment the sub-task used; null for the first picture's.</param>
        /// <param name="problem">Why the answer for this sub-task is not what the contract promises, or null.</param>
        public TryOnSubTaskResult(TryOnTaskStatus status, IReadOnlyList<TryOnPicture> pictures, string? garmentUrl = null, string? problem = null)
        {
            Pictures = pictures ?? throw new ArgumentNullException(nameof(pictures));
            var urls = new string[pictures.Count];
            for (int i = 0; i < urls.Length; i++)
            {
                urls[i] = pictures[i].Url;
                garmentUrl ??= pictures[i].GarmentUrl;
            }

            Status = status;
            GarmentUrl = garmentUrl;
            ImageUrls = urls;
            Problem = problem;
        }

        /// <summary>The sub-task's status.</summary>
        public TryOnTaskStatus Status { get; }

        /// <summary>The garment image URL the sub-task used (the wire's <c>clothes</c>; for a suit, the first the service names).</summary>
        public string? GarmentUrl { get; }

        /// <summary>The URLs of the generated pictures, in the order the service gave them.</summary>
        public IReadOnlyList<string> ImageUrls { get; }

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
