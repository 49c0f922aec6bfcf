using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Aidge.Declarative.Generators.Model;
using Aidge.Declarative.Roslyn;
using Aidge.Declarative.Rules;
using Aidge.Declarative.Serialization;

namespace Aidge.Declarative.Generators
{
    // The request artifact's JSON layout: the fields in the contract's order, constant parts as literals, values at run time.
    internal static partial class Emitter
    {
        // The request's JSON object, reading the members through self ("this" or the loop's "request").
        private static void WriteSubTask(JsonBody body, RequestSpec spec, string self)
        {
            // The constant JSON between the garments and the next value written at run time. A request's
            // first garment carries the JSON before it, and its last the JSON after it, into both branches
            // of its null check, so that a one-garment request is one literal, the URL, and one literal.
            bool imagesFollow = spec.ModelImages.Count != 0;
            string tail = "]";
            if (!imagesFollow)
            {
                tail += ModelJson(spec.Model) + FieldsJson(spec.Fields);
                if (spec.GenerateCountMember is null)
                {
                    tail += ConstantGenerateCount(spec.GenerateCount) + "}";
                }
            }

            int count = spec.Garments.Count;
            if (count > 1)
            {
                body.Code("int garments = 0;");
            }

            body.Json("{" + Key(TryOnRules.Fields.ClothesList) + "[");

            for (int i = 0; i < count; i++)
            {
                GarmentSpec garment = spec.Garments[i];
                string local = "garment" + i.ToString(CultureInfo.InvariantCulture);
                bool last = i == count - 1;
                body.OpenCarrying("if (" + self + "." + garment.Member + " is { } " + local + ")");
                if (i != 0)
                {
                    body.Code("at = writer.WriteSeparator(span, at, ref garments);", WriterRoom.Separator);
                }

                body.Json("{" + Key(TryOnRules.Fields.ImageUrl) + "\"");
                body.Code("at = writer.WriteString(ref span, at, " + local + (garment.IsUri ? ".OriginalString" : string.Empty) + ");");
                body.Json("\"" + (garment.Type is { } garmentType ? "," + Key(TryOnRules.Fields.Type) + String(TryOnRules.WireName(garmentType)) : string.Empty) + "}");
                if (last)
                {
                    body.Json(tail);
                }

                if (i == 0 && count > 1)
                {
                    body.Code("garments = 1;");
                }

                body.CloseCarrying(last ? tail : string.Empty);
            }

            if (count == 0)
            {
                body.Json(tail);
            }

            if (imagesFollow)
            {
                WriteModelImages(body, spec.ModelImages, self);
                body.Json(ModelJson(spec.Model) + FieldsJson(spec.Fields));
            }

            if (imagesFollow || spec.GenerateCountMember is not null)
            {
                WriteGenerateCount(body, spec.GenerateCountMember, spec.GenerateCount, self);
                body.Json("}");
            }

            body.Flush();
        }

        // The request's own fields, as the parser resolved them from the vocabulary, in its order.
        private static string FieldsJson(EquatableArray<WireValueSpec> fields)
        {
            string json = string.Empty;
            foreach (WireValueSpec field in fields)
            {
                json += "," + Field(field);
            }

            return json;
        }

        private static string Field(WireValueSpec field) => Key(field.WireName) + (field.Quoted ? String(field.Value) : field.Value);

        private static string ConstantGenerateCount(int? count) =>
            count is { } value ? "," + Key(TryOnRules.Fields.GenerateCount) + value.ToString(CultureInfo.InvariantCulture) : string.Empty;

        private static void WriteModelImages(JsonBody body, EquatableArray<ModelImageSpec> images, string self)
        {
            if (images.Count == 0)
            {
                return;
            }

            string open = body.LiteralArguments("," + Key(TryOnRules.Fields.ModelImage) + "[\"");
            body.Code("int images = 0;");
            for (int i = 0; i < images.Count; i++)
            {
                ModelImageSpec image = images[i];
                string member = self + "." + image.Member;
                string local = "images" + i.ToString(CultureInfo.InvariantCulture);
                string text = image.IsUri ? "?.OriginalString" : string.Empty;
                switch (image.Shape)
                {
                    case ModelImageShape.Single:
                        body.Code("at = writer.WriteArrayItem(ref span, at, ref images, " + member + text + ", " + open + ");");
                        break;
                    case ModelImageShape.Array:
                        body.Open("if (" + member + " is { } " + local + ")");
                        body.Open("for (int i = 0; i < " + local + ".Length; i++)");
                        body.Code("at = writer.WriteArrayItem(ref span, at, ref images, " + local + "[i]" + text + ", " + open + ");");
                        body.Close();
                        body.Close();
                        break;
                    case ModelImageShape.List:
                    case ModelImageShape.ImmutableArray:
                        // Their struct enumerators allocate nothing.
                        body.Open(image.Shape == ModelImageShape.List
                            ? "if (" + member + " is { } " + local + ")"
                            : "if (" + member + " is { IsDefault: false } " + local + ")");
                        body.Open("foreach (var image in " + local + ")");
                        body.Code("at = writer.WriteArrayItem(ref span, at, ref images, image" + text + ", " + open + ");");
                        body.Close();
                        body.Close();
                        break;
                    default:
                        string sequence = image.IsUri
                            ? "global::System.Collections.Generic.IEnumerable<global::System.Uri?>?"
                            : "global::System.Collections.Generic.IEnumerable<string?>?";
                        body.Code("at = writer.WriteArrayItems(ref span, at, ref images, (" + sequence + ")" + member + ", " + open + ");");
                        break;
                }
            }

            body.Code("at = writer.CloseArray(span, at, images);", WriterRoom.ArrayClose);
        }

        private static string ModelJson(EquatableArray<WireValueSpec> model)
        {
            var fields = new List<string>(model.Count);
            foreach (WireValueSpec field in model)
            {
                fields.Add(Field(field));
            }

            return fields.Count == 0 ? string.Empty : "," + Key(TryOnRules.Fields.Model) + "{" + string.Join(",", fields) + "}";
        }

        private static void WriteGenerateCount(JsonBody body, GenerateCountMemberSpec? member, int? fromAttribute, string self)
        {
            string key = "," + Key(TryOnRules.Fields.GenerateCount);
            if (member is null)
            {
                body.Json(ConstantGenerateCount(fromAttribute));
            }
            else if (!member.IsNullable)
            {
                body.Json(key);
                body.Code("at = writer.WriteNumber(span, at, " + self + "." + member.Member + ");", WriterRoom.Number);
            }
            else if (fromAttribute is { } fallback)
            {
                body.Json(key);
                body.Code("at = writer.WriteNumber(span, at, " + self + "." + member.Member + " ?? " + fallback.ToString(CultureInfo.InvariantCulture) + ");", WriterRoom.Number);
            }
            else
            {
                body.Open("if (" + self + "." + member.Member + " is int generateCount)");
                body.Json(key);
                body.Code("at = writer.WriteNumber(span, at, generateCount);", WriterRoom.Number);
                body.Close();
            }
        }
    }
}
