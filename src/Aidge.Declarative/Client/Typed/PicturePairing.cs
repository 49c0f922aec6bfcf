using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Aidge.Declarative.Client.Typed
{
    /// <summary>
    /// Pairs each picture of a task with the request it was made from: by the garment URL the service names for the
    /// picture (<c>clothes</c>), matched against the garment URLs each request sent; by sub-task order where the
    /// service names none. A picture that matches no request is kept apart, never dropped.
    /// </summary>
    /// <remarks>
    /// The requests' garment URLs are read back from their own <c>requestParams</c>, so that pairing adds no member to
    /// <see cref="ITryOnRequest"/> (each one is paid for in every request type's build). Sub-tasks come back in the order
    /// submitted: where two requests share a garment, the picture goes to its own sub-task's request first.
    /// </remarks>
    internal static class PicturePairing
    {
        /// <summary>The garment URLs each request sends, as written and as <see cref="Uri.AbsoluteUri"/>.</summary>
        public static HashSet<string>[] GarmentsOf<TRequest>(IReadOnlyList<TRequest> requests)
        {
            var garments = new HashSet<string>[requests.Count];
            for (int i = 0; i < garments.Length; i++)
            {
                // Every request of an operation was sent, so it is one (the operation's type parameter has no constraint: see TryOnOperation<T>).
                garments[i] = requests[i] is ITryOnRequest request ? GarmentsOf(request) : new HashSet<string>(StringComparer.Ordinal);
            }

            return garments;
        }

        public static TryOnResult<TRequest> Pair<TRequest>(TryOnResult result, IReadOnlyList<TRequest> requests, HashSet<string>[] garments)
        {
            var pictures = new List<TryOnPicture>[requests.Count];
            for (int i = 0; i < pictures.Length; i++)
            {
                pictures[i] = new List<TryOnPicture>();
            }

            var unmatched = new List<TryOnPicture>();
            for (int subTask = 0; subTask < result.SubTasks.Count; subTask++)
            {
                foreach (TryOnPicture picture in result.SubTasks[subTask].Pictures)
                {
                    int owner = Owner(picture, subTask, garments);
                    (owner < 0 ? unmatched : pictures[owner]).Add(picture);
                }
            }

            var looks = new TryOnLook<TRequest>[requests.Count];
            for (int i = 0; i < looks.Length; i++)
            {
                TryOnTaskStatus status = i < result.SubTasks.Count ? result.SubTasks[i].Status : result.Status;
                string? problem = null;
                if (pictures[i].Count == 0 && status == TryOnTaskStatus.Finished)
                {
                    // However many pictures came back, and for whichever sub-task, a finished request without one says so.
                    problem = i < result.SubTasks.Count && result.SubTasks[i].Problem is { } own
                        ? own
                        : "The task is finished, but none of its pictures was made from request " + i + "'s garments" +
                          (i < result.SubTasks.Count ? " (sub-task " + i + "'s pictures name other requests' garments)." : " (the answer has no sub-task " + i + ").");
                }

                looks[i] = new TryOnLook<TRequest>(requests[i], status, pictures[i], problem);
            }

            return new TryOnResult<TRequest>(result, looks, unmatched);
        }

        // The request a picture was made from, or -1.
        private static int Owner(TryOnPicture picture, int subTask, HashSet<string>[] garments)
        {
            if (picture.GarmentUrl is not { } garment)
            {
                return subTask < garments.Length ? subTask : -1;
            }

            if (subTask < garments.Length && Holds(garments[subTask], garment))
            {
                return subTask;
            }

            for (int i = 0; i < garments.Length; i++)
            {
                if (Holds(garments[i], garment))
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool Holds(HashSet<string> garments, string garment) =>
            garments.Contains(garment) || (Normalized(garment) is { } normalized && garments.Contains(normalized));

        private static HashSet<string> GarmentsOf(ITryOnRequest request)
        {
            var garments = new HashSet<string>(StringComparer.Ordinal);
            string requestParams;
            try
            {
                requestParams = request.ToRequestParams();
            }
            catch (ArgumentException)
            {
                // A value with no UTF-8 form was never sent: its pictures pair by sub-task order.
                return garments;
            }

            using JsonDocument document = JsonDocument.Parse(requestParams);
            foreach (JsonElement subTask in document.RootElement.EnumerateArray())
            {
                if (!subTask.TryGetProperty(TryOnRules.Fields.ClothesList, out JsonElement clothes))
                {
                    continue;
                }

                foreach (JsonElement garment in clothes.EnumerateArray())
                {
                    if (garment.TryGetProperty(TryOnRules.Fields.ImageUrl, out JsonElement url) && url.GetString() is { } text)
                    {
                        garments.Add(text);
                        if (Normalized(text) is { } normalized)
                        {
                            garments.Add(normalized);
                        }
                    }
                }
            }

            return garments;
        }

        private static string? Normalized(string url) => Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) ? uri.AbsoluteUri : null;
    }
}
