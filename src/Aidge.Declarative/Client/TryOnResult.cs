using System.Collections.Generic;

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
        {
            TaskId = taskId;
            Status = status;
            SubTasks = subTasks;
            RequestId = requestId;
        }

        /// <summary>The task's id.</summary>
        public string TaskId { get; }

        /// <summary>The task's status.</summary>
        public TryOnTaskStatus Status { get; }

        /// <summary>One entry per sub-task (per request of the batch), in order.</summary>
        public IReadOnlyList<TryOnSubTaskResult> SubTasks { get; }

        /// <summary>The id of the query that answered, for the vendor's support.</summary>
        public string? RequestId { get; }

        /// <summary>Whether the task has ended, finished or failed.</summary>
        public bool IsCompleted => Status is TryOnTaskStatus.Finished or TryOnTaskStatus.Failed;
    }

    /// <summary>One sub-task of a try-on task: one request of the batch.</summary>
    public sealed class TryOnSubTaskResult
    {
        /// <summary>Creates a sub-task result.</summary>
        public TryOnSubTaskResult(TryOnTaskStatus status, string? garmentUrl, IReadOnlyList<string> imageUrls)
        {
            Status = status;
            GarmentUrl = garmentUrl;
            ImageUrls = imageUrls;
        }

        /// <summary>The sub-task's status.</summary>
        public TryOnTaskStatus Status { get; }

        /// <summary>The garment image URL the sub-task used (the wire's <c>clothes</c>).</summary>
        public string? GarmentUrl { get; }

        /// <summary>The URLs of the generated pictures.</summary>
        public IReadOnlyList<string> ImageUrls { get; }
    }
}
