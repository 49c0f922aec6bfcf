using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Aidge.Declarative.Testing
{
    /// <summary>
    /// Checks a submit's requestParams as the service does, with the rules from <see cref="TryOnRules"/>:
    /// every broken rule is named by its field path, as a 700's resMessage names the fields.
    /// </summary>
    internal static class RequestParamsChecker
    {
        /// <summary>The problems of a requestParams value, and what each of its sub-tasks will make.</summary>
        /// <param name="requestParams">The parsed content of the requestParams string.</param>
        /// <param name="acceptSingleObject">
        /// Whether one object stands for an array of one, as the vendor's pro Python sample sends it. The fake accepts that on the
        /// pro endpoint only: a guess, since no vendor source sends it to the standard one.
        /// </param>
        /// <param name="subTasks">One entry per sub-task.</param>
        public static List<string> Check(JsonElement requestParams, bool acceptSingleObject, out List<SubTask> subTasks)
        {
            var problems = new List<string>();
            subTasks = new List<SubTask>();
            if (acceptSingleObject && requestParams.ValueKind == JsonValueKind.Object)
            {
                subTasks.Add(CheckSubTask(requestParams, "requestParams", problems));
                return problems;
            }

            if (requestParams.ValueKind != JsonValueKind.Array || requestParams.GetArrayLength() == 0)
            {
                problems.Add("requestParams must be a non-empty JSON array");
                return problems;
            }

            int index = 0;
            foreach (JsonElement item in requestParams.EnumerateArray())
            {
                string path = "requestParams[" + index++ + "]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(path + " must be an object");
                    continue;
                }

                subTasks.Add(CheckSubTask(item, path, problems));
            }

            return problems;
        }

        // The rule the analyzer and the generated validation hold an image URL to, worded as they word it.
        private static void CheckImageUrl(string path, string? url, List<string> problems)
        {
            if (url is null)
            {
                problems.Add(path + " is required, as a string");
            }
            else if (TryOnRules.CheckImageUrl(path, url) is var (_, message))
            {
                problems.Add(message);
            }
        }

        private static SubTask CheckSubTask(JsonElement item, string path, List<string> problems)
        {
            var garments = new List<(string Path, string Url, GarmentType? Type)>();
            if (!item.TryGetProperty(TryOnRules.Fields.ClothesList, out JsonElement clothes) || clothes.ValueKind != JsonValueKind.Array)
            {
                problems.Add(path + ".clothesList is required");
            }
            else
            {
                int i = 0;
                foreach (JsonElement garment in clothes.EnumerateArray())
                {
                    string garmentPath = path + ".clothesList[" + i++ + "]";
                    string? url = garment.ValueKind == JsonValueKind.Object && garment.TryGetProperty(TryOnRules.Fields.ImageUrl, out JsonElement u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                    CheckImageUrl(garmentPath + "." + TryOnRules.Fields.ImageUrl, url, problems);
                    GarmentType? type = garment.ValueKind == JsonValueKind.Object && garment.TryGetProperty(TryOnRules.Fields.Type, out JsonElement t)
                        ? Spelled<GarmentType>(t, garmentPath + "." + TryOnRules.Fields.Type, problems)
                        : null;
                    garments.Add((garmentPath, url ?? string.Empty, type));
                }

                if (TryOnRules.FindSuitProblem(garments, static g => g.Type, static g => g.Path) is var (_, message))
                {
                    problems.Add(path + "." + TryOnRules.Fields.ClothesList + ": " + message);
                }
            }

            int modelImages = 0;
            if (item.TryGetProperty(TryOnRules.Fields.ModelImage, out JsonElement images))
            {
                if (images.ValueKind != JsonValueKind.Array || !TryOnRules.IsValidModelImageCount(images.GetArrayLength()))
                {
                    problems.Add(path + ".modelImage must be an array of at most " + TryOnRules.MaxModelImages + " URLs");
                }
                else
                {
                    int i = 0;
                    modelImages = images.GetArrayLength();
                    foreach (JsonElement image in images.EnumerateArray())
                    {
                        string? url = image.ValueKind == JsonValueKind.String ? image.GetString() : null;
                        CheckImageUrl(path + "." + TryOnRules.Fields.ModelImage + "[" + i++ + "]", url, problems);
                    }
                }
            }

            // Every field of the vocabulary, by its kind: a spelling the API knows, a string, a flag of 0 or 1.
            JsonElement model = item.TryGetProperty(TryOnRules.Fields.Model, out JsonElement found) && found.ValueKind == JsonValueKind.Object ? found : default;
            foreach (WireTrait trait in TryOnRules.Traits)
            {
                JsonElement owner = trait.InModel ? model : item;
                if (trait.WireName is not { } name || owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out JsonElement value))
                {
                    continue;
                }

                string at = (trait.InModel ? path + "." + TryOnRules.Fields.Model : path) + "." + name;
                switch (trait.Kind)
                {
                    case TraitKind.Choice when value.ValueKind != JsonValueKind.String || Array.IndexOf(trait.Spellings!, value.GetString()) < 0:
                        problems.Add(at + " has no value '" + value + "' that the API knows");
                        break;
                    case TraitKind.Text when value.ValueKind != JsonValueKind.String:
                        problems.Add(at + " must be a string");
                        break;
                    case TraitKind.Flag when !(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int flag) && TryOnRules.IsFlagValue(flag)):
                        problems.Add(at + " must be 0 or 1");
                        break;
                }
            }
            int generateCount = TryOnRules.DefaultGenerateCount;
            if (item.TryGetProperty(TryOnRules.Fields.GenerateCount, out JsonElement count))
            {
                if (count.ValueKind != JsonValueKind.Number || !count.TryGetInt32(out generateCount) || !TryOnRules.IsValidGenerateCount(generateCount))
                {
                    problems.Add(path + ".generateCount must be " + TryOnRules.MinGenerateCount + " to " + TryOnRules.MaxGenerateCount);
                }
            }

            // A guess: the pages say only that with model images the count depends on them. One picture per model image, else generateCount.
            return new SubTask(garments.Count > 0 ? garments[0].Url : string.Empty, modelImages > 0 ? modelImages : generateCount);
        }

        private static GarmentType? Spelled<TEnum>(JsonElement value, string path, List<string> problems)
            where TEnum : struct, Enum
        {
            if (value.ValueKind == JsonValueKind.String && TryOnRules.TryParseWireName(value.GetString(), out TEnum parsed))
            {
                return parsed is GarmentType garment ? garment : null;
            }

            problems.Add(path + " has no value '" + value + "' that the API knows");
            return null;
        }

        /// <summary>What a sub-task produces: <paramref name="PictureCount"/> pictures of its first garment.</summary>
        internal sealed record SubTask(string GarmentUrl, int PictureCount);
    }
}
