using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using static Aidge.Declarative.Client.Wire.WireNames;

namespace Aidge.Declarative.Client.Wire
{
    /// <summary>
    /// Reads what a successful answer carries in its <c>data</c>: the submit's task id and the query's task
    /// state. Every path read is in this file, tried in the order given here.
    /// </summary>
    /// <remarks>
    /// <para>Submit: <c>data.result.taskId</c>, where <c>result</c> is an object (the vendor's Python, Java and Go
    /// samples read it so) or a string holding that object (the reference page's sample answer).</para>
    /// <para>Balance: <c>data.balance</c>, a number or a string holding one.</para>
    /// <para>Query, as the vendor's Query API reference nests it: <c>data.taskStatus</c>, and per sub-task
    /// <c>data.taskResult[i]</c> with its <c>taskStatus</c> (on the entry, or inside its <c>taskResult</c>
    /// object: the page does not show which) and its pictures at <c>taskResult.result.imageList[]</c>, each with
    /// <c>imageUrl</c> and <c>clothes</c>. The older flat form (<c>result</c> straight on the entry, <c>clothes</c>
    /// beside <c>imageList</c>) is read as a fallback: no vendor source shows it. An entry's <c>taskResult</c> may also be a
    /// string holding the object, as the sibling APIs of the same family send it: it is read as its content.</para>
    /// <para>A finished task whose answer yields no picture in either place is an answer the client does not
    /// understand, never an empty success. Messages name the paths looked at, never values from the answer.</para>
    /// </remarks>
    internal static class AnswerReader
    {
        private static readonly string s_subTasks = Path(Answer.Data, Query.TaskResult + "[]");
        private static readonly string s_taskStatus = Path(Answer.Data, Query.TaskStatus);

        /// <summary>The task id of a submit's answer, or null when it has none.</summary>
        public static string? ReadTaskId(JsonElement data)
        {
            return Text(Content(Property(data, Submit.Result)), Submit.TaskId);
        }

        /// <summary>
        /// The balance of a balance query's answer (<c>data.balance</c>, a number or a numeric string), or null with the reason when it
        /// has none the client can read.
        /// </summary>
        public static decimal? ReadBalance(JsonElement data, out string? problem)
        {
            problem = null;
            JsonElement balance = Property(data, Balance.Remaining);
            string? text = balance.ValueKind switch
            {
                JsonValueKind.Number => balance.GetRawText(),
                JsonValueKind.String => balance.GetString()!.Trim(),
                _ => null,
            };
            if (text is null)
            {
                problem = "no number at " + BalancePath;
                return null;
            }

            const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
            if (decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out decimal parsed))
            {
                return parsed;
            }

            problem = double.TryParse(text, Styles, CultureInfo.InvariantCulture, out double huge) && !double.IsNaN(huge) && !double.IsInfinity(huge)
                ? "a number at " + BalancePath + " that is out of a decimal's range"
                : "no number at " + BalancePath;
            return null;
        }

        /// <summary>The path of a balance, for messages.</summary>
        public static string BalancePath { get; } = Path(Answer.Data, Balance.Remaining);

        /// <summary>The path of a submit's task id, for messages.</summary>
        public static string TaskIdPath { get; } = Path(Answer.Data, Submit.Result, Submit.TaskId);

        /// <summary>A query's answer about <paramref name="taskId"/>, read into a result.</summary>
        /// <exception cref="AidgeException">With <see cref="AidgeErrorKind.InvalidResponse"/>: the answer is not one the client understands.</exception>
        public static TryOnResult ReadResult(Envelope envelope, string taskId, HttpStatusCode status, ILogger logger)
        {
            JsonElement data = envelope.Data;
            string? statusText = Text(data, Query.TaskStatus);
            if (statusText is null)
            {
                throw NotUnderstood(envelope, status, "gave no " + s_taskStatus);
            }

            if (Text(data, Query.TaskId) is { } answeredId && !string.Equals(answeredId, taskId, StringComparison.Ordinal))
            {
                throw NotUnderstood(envelope, status, "is about another task than " + taskId + " (" + Path(Answer.Data, Query.TaskId) + " differs)");
            }

            TryOnTaskStatus taskStatus = Status.Parse(statusText);
            bool finished = taskStatus == TryOnTaskStatus.Finished;
            var subTasks = new List<TryOnSubTaskResult>();
            int pictures = 0;
            JsonElement entries = Property(data, Query.TaskResult);
            if (entries.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement entry in entries.EnumerateArray())
                {
                    TryOnSubTaskResult subTask = ReadSubTask(entry, subTasks.Count, finished);
                    pictures += subTask.Pictures.Count;
                    subTasks.Add(subTask);
                }
            }

            if (finished && subTasks.Count == 0)
            {
                throw NotUnderstood(envelope, status, "says task " + taskId + " is finished but holds no sub-task at " + s_subTasks);
            }

            if (finished && pictures == 0)
            {
                throw NotUnderstood(envelope, status, "says task " + taskId + " is finished but holds no picture at " + PicturePlaces(s_subTasks));
            }

            for (int i = 0; i < subTasks.Count; i++)
            {
                if (subTasks[i].Problem is { } problem)
                {
                    ClientLog.SubTaskProblem(logger, taskId, i, problem);
                }
            }

            return new TryOnResult(taskId, taskStatus, subTasks, envelope.AnyRequestId, data);
        }

        private static TryOnSubTaskResult ReadSubTask(JsonElement entry, int index, bool taskFinished)
        {
            JsonElement detail = Content(Property(entry, Query.TaskResult));
            TryOnTaskStatus status = Status.Parse(Text(entry, Query.TaskStatus) ?? Text(detail, Query.TaskStatus));

            // The documented place first, then the older flat one.
            JsonElement result = Property(detail, Query.Result);
            JsonElement list = Property(result, Query.ImageList);
            if (list.ValueKind != JsonValueKind.Array)
            {
                result = Property(entry, Query.Result);
                list = Property(result, Query.ImageList);
            }

            string? besideList = GarmentUrl(Property(result, Query.Clothes));
            var pictures = new List<TryOnPicture>();
            if (list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement picture in list.EnumerateArray())
                {
                    if (Text(picture, Query.ImageUrl) is { Length: > 0 } url)
                    {
                        pictures.Add(new TryOnPicture(url, GarmentUrl(Property(picture, Query.Clothes)) ?? besideList));
                    }
                }
            }

            string? problem = taskFinished && status != TryOnTaskStatus.Failed && pictures.Count == 0
                ? "The task is finished, but sub-task " + index + " holds no picture at " + PicturePlaces(Path(Answer.Data, Query.TaskResult + "[" + index + "]")) + "."
                : null;
            return new TryOnSubTaskResult(status, pictures, problem);
        }

        // An object, or a string holding one (the sibling APIs' answers carry each entry's taskResult so, as the submit's data.result
        // may be): the string's content, a value of its own; anything else as it is.
        private static JsonElement Content(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return value;
            }

            try
            {
                using JsonDocument inner = JsonDocument.Parse(value.GetString()!);
                return inner.RootElement.Clone();
            }
            catch (JsonException)
            {
                return default;
            }
        }

        // A garment: a URL, or the first of a list of URLs or of objects with imageUrl.
        private static string? GarmentUrl(JsonElement clothes)
        {
            if (clothes.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in clothes.EnumerateArray())
                {
                    clothes = item;
                    break;
                }
            }

            return clothes.ValueKind == JsonValueKind.String ? clothes.GetString() : Text(clothes, Query.ImageUrl);
        }

        private static AidgeException NotUnderstood(Envelope envelope, HttpStatusCode status, string what) =>
            new(
                "Aidge " + TryOnRules.QueryApiName + " answered success, but its answer " + what + ", so it is not an answer this client understands; give the request id " +
                (envelope.AnyRequestId ?? "(none)") + " to the vendor's support.",
                AidgeErrorKind.InvalidResponse,
                requestId: envelope.AnyRequestId,
                statusCode: status);

        private static JsonElement Property(JsonElement owner, string name) =>
            owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out JsonElement value) ? value : default;

        private static string? Text(JsonElement owner, string name)
        {
            JsonElement value = Property(owner, name);
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }

        // Where the pictures of an entry are looked for: the documented place, then the older flat one.
        private static string PicturePlaces(string entry) =>
            Path(entry, Query.TaskResult, Query.Result, Query.ImageList + "[]", Query.ImageUrl) + " nor at " + Path(entry, Query.Result, Query.ImageList + "[]", Query.ImageUrl);

        private static string Path(params string[] names) => string.Join(".", names);
    }
}
