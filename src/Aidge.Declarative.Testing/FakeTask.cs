using System;
using System.Collections.Generic;
using System.Globalization;

namespace Aidge.Declarative.Testing
{
    /// <summary>What becomes of a task the fake server accepted.</summary>
    internal enum TaskFate
    {
        Finishes,
        Fails,
        NeverEnds,
    }

    /// <summary>
    /// A task the fake server accepted: submitted for <see cref="FakeAidgeServerOptions.SubmittedFor"/>, running for
    /// <see cref="FakeAidgeServerOptions.RunningFor"/>, then ended by its fate. Every sub-task shares the task's status
    /// (a guess: the vendor does not say whether sub-tasks of one task end apart).
    /// </summary>
    internal sealed record FakeTask(string Id, DateTimeOffset SubmittedAt, IReadOnlyList<RequestParamsChecker.SubTask> SubTasks, TaskFate Fate)
    {
        public TryOnTaskStatus StatusAt(DateTimeOffset now, FakeAidgeServerOptions options)
        {
            TimeSpan age = now - SubmittedAt;
            if (age < options.SubmittedFor)
            {
                return TryOnTaskStatus.Submitted;
            }

            if (age < options.SubmittedFor + options.RunningFor || Fate == TaskFate.NeverEnds)
            {
                return TryOnTaskStatus.Running;
            }

            return Fate == TaskFate.Fails ? TryOnTaskStatus.Failed : TryOnTaskStatus.Finished;
        }

        /// <summary>The deterministic URL of picture <paramref name="number"/> (from 1) of sub-task <paramref name="subTask"/>.</summary>
        public string PictureUrl(string imageBase, int subTask, int number) =>
            imageBase + Id + "/" + subTask.ToString(CultureInfo.InvariantCulture) + "/" + number.ToString(CultureInfo.InvariantCulture) + ".png";
    }
}
