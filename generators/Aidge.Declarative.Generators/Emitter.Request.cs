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
    /// <summary>
    /// The request artifact: a <see cref="RequestSpec"/> into the <c>ITryOnRequest</c> implementation whose
    /// serializer writes every constant part of the JSON as a precomputed UTF-8 literal (in both its
    /// plain and its escaped-into-a-string form) and only the member values at run time.
    /// </summary>
    internal static partial class Emitter
    {
        private const string LiteralsClass = "__AidgeJson";

        private const string Writer = "global::Aidge.Declarative.Serialization.RequestParamsWriter";

        public static string Emit(RequestSpec spec)
        {
            SourceWriter source = Header();
            source.Line("// The request type may read members the user marked [Obsolete].");
            source.Line("#pragma warning disable CS0612, CS0618");
            source.Line();

            if (spec.Namespace is not null)
            {
                source.Open("namespace " + spec.Namespace);
            }

            foreach (TypeDeclarationSpec outer in spec.ContainingTypes)
            {
                source.Open(outer.Keyword + " " + outer.Name + outer.TypeParameters);
            }

            TypeDeclarationSpec type = spec.Type;
            source.Open(type.Keyword + " " + type.Name + type.TypeParameters + " : " + Interface);
            WriteMembers(source, spec);
            source.Close();

            for (int i = 0; i < spec.ContainingTypes.Count; i++)
            {
                source.Close();
            }

            if (spec.Namespace is not null)
            {
                source.Close();
            }

            return source.ToString();
        }

        // A member a base type already has (a base request type's own, say) is declared new: it hides the base's.
        private static string New(bool hides) => hides ? "new " : string.Empty;

        private static void WriteMembers(SourceWriter source, RequestSpec spec)
        {
            source.Line("/// <inheritdoc/>");
            source.Line(s_generatedCode);
            source.Line("global::Aidge.Declarative.TryOnEdition " + Interface + ".Edition => global::Aidge.Declarative.TryOnEdition." + spec.Edition + ";");
            source.Line();
            source.Line("/// <summary>Writes this request's <c>requestParams</c> as UTF-8 JSON: an array holding this one request.</summary>");
            source.Line("/// <param name=\"destination\">Where the bytes go.</param>");
            source.Line(s_generatedCode);
            source.Line("public " + New(spec.Hides.WriteRequestParams) + "void WriteRequestParams(global::System.Buffers.IBufferWriter<byte> destination) => " + Serializer + ".WriteRequestParams(destination, this);");
            source.Line();
            source.Line("/// <summary>Returns this request's <c>requestParams</c>: a JSON array holding this one request.</summary>");
            source.Line(s_generatedCode);
            source.Line("public " + New(spec.Hides.ToRequestParams) + "string ToRequestParams() => " + Serializer + ".ToRequestParams(this);");
            source.Line();
            WriteValidate(source, spec);
            source.Line();
            JsonBody body = WritesBatches(spec) ? WriteSubTaskLoop(source, spec) : WriteSubTask(source, spec);
            if (body.Literals.Count != 0)
            {
                source.Line();
                WriteLiterals(source, body.Literals);
            }
        }

        // A struct's request (its own instantiation of the serializer calls this directly), or a generic class's.
        private static JsonBody WriteSubTask(SourceWriter source, RequestSpec spec)
        {
            var body = new JsonBody(spec.Utf8StringLiterals);
            WriteSubTask(body, spec, "this");
            source.Line(s_generatedCode);
            source.Open("void " + Interface + ".WriteSubTask(ref " + Writer + " writer)");
            source.Line("global::System.Span<byte> span = writer.Begin(" + Number(body.ConstantBytes) + ");");
            source.Line("int at = 0;");
            source.Append(body.Source);
            source.Line("writer.End(at);");
            source.Close();
            return body;
        }

        // A class's request: the serializer's code is shared between classes, and would call it once per request
        // through the interface. So the class's WriteSubTask also writes a whole batch, which the serializer hands to the
        // first request's (RequestParamsWriter.TakeBatch), in one loop with the writer's place in locals from one request to
        // the next; alone, the request is the loop's one turn. The request's code is written once, in that loop, in the
        // method the JIT compiles: the JIT's room for inlining grows with the size of that method, and a small method that
        // inlined the request's code ran out of it, leaving the writer's small writes as calls. The batch's first request is this one, written here whatever its type (a derived
        // type with no code of its own inherits this), with no type test or cast, as is a request alone; a later request of
        // another type (a derived one) is written by its own code. The loop asks for the next request after writing one, so a
        // request alone runs straight through to one test (++index >= 0) and the end, faster than a for loop over a count.
        // docs/performance.md, "Why the code is shaped so", has the figures of both.
        private static JsonBody WriteSubTaskLoop(SourceWriter source, RequestSpec spec)
        {
            var body = new JsonBody(spec.Utf8StringLiterals);
            WriteSubTask(body, spec, "request");
            string type = spec.Type.Name;   // never generic here: see WritesBatches
            string room = Number(body.ConstantBytes);

            source.Line(s_generatedCode);
            source.Open("void " + Interface + ".WriteSubTask(ref " + Writer + " writer)");
            source.Line("global::System.ReadOnlySpan<object?> requests = writer.TakeBatch();");
            source.Line("global::System.Span<byte> span = writer.Begin(" + room + ");");
            source.Line("int at = 0;");
            source.Line(type + " request = this;");
            source.Line("int index = 0;");
            source.Open("while (true)");
            source.Append(body.Source);
            source.Line();
            source.Open("while (true)");
            source.Open("if (++index >= requests.Length)");
            source.Line("writer.End(at);");
            source.Line("return;");
            source.Close();
            source.Line();
            source.Line("object? item = requests[index];");
            source.Open("if (item is null || item.GetType() != typeof(" + type + "))");
            source.Line("at = writer.WriteOther(ref span, at, index, item, " + room + ");");
            source.Line("continue;");
            source.Close();
            source.Line();
            source.Line("request = (" + type + ")item;");
            source.Line("break;");
            source.Close();
            source.Line();
            source.Line("at = writer.BeginNext(ref span, at, " + room + ");");
            source.Close();
            source.Close();
            return body;
        }

        // A class or a record class, not generic and not nested in a generic type: naming such a type with its type
        // parameters inside itself (typeof(Look<T>), a cast to it) does not compile while a part's constraints on them do
        // not (CS0314, as the user types), so it keeps the one-request method a struct has, and the serializer writes its
        // batches request by request.
        private static bool WritesBatches(RequestSpec spec)
        {
            if (spec.Type.TypeParameters.Length != 0 ||
                !(spec.Type.Keyword.EndsWith(" record", StringComparison.Ordinal) || spec.Type.Keyword.EndsWith(" class", StringComparison.Ordinal)))
            {
                return false;
            }

            foreach (TypeDeclarationSpec outer in spec.ContainingTypes)
            {
                if (outer.TypeParameters.Length != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        // The checks that need run-time values; the rules themselves are in the runtime's TryOnRules.
        private static void WriteValidate(SourceWriter source, RequestSpec spec)
        {
            source.Line("/// <summary>Checks this request's run-time values against the API's rules: every problem, or none when it can be sent.</summary>");
            source.Line(s_generatedCode);
            source.Open("public " + New(spec.Hides.Validate) + "global::System.Collections.Generic.IReadOnlyList<global::Aidge.Declarative.TryOnProblem> Validate()");
            source.Line("var validator = new global::Aidge.Declarative.Validation.TryOnValidator();");
            foreach (GarmentSpec garment in spec.Garments)
            {
                string type = garment.Type is { } garmentType ? "global::Aidge.Declarative.GarmentType." + garmentType : "null";
                source.Line("validator.Garment(" + Name(garment.Member) + ", this." + garment.Member + ", " + type + ");");
            }

            foreach (ModelImageSpec image in spec.ModelImages)
            {
                string member = "this." + image.Member;
                string sequence = image.IsUri
                    ? "(global::System.Collections.Generic.IEnumerable<global::System.Uri?>?)"
                    : "(global::System.Collections.Generic.IEnumerable<string?>?)";
                string value = image.Shape switch
                {
                    ModelImageShape.Single => member,
                    ModelImageShape.ImmutableArray => member + ".IsDefault ? null : " + sequence + member,
                    _ => sequence + member,
                };
                source.Line("validator." + (image.Shape == ModelImageShape.Single ? "ModelImage(" : "ModelImages(") + Name(image.Member) + ", " + value + ");");
            }

            GenerateCountMemberSpec? countMember = spec.GenerateCountMember;
            int? fromAttribute = spec.GenerateCount;
            if (countMember is not null)
            {
                string fallback = countMember.IsNullable && fromAttribute is { } value ? " ?? " + value.ToString(CultureInfo.InvariantCulture) : string.Empty;
                source.Line("validator.GenerateCount(" + Name(countMember.Member) + ", this." + countMember.Member + fallback + ");");
            }
            else if (fromAttribute is { } value)
            {
                source.Line("validator.GenerateCount(\"GenerateCount\", " + value.ToString(CultureInfo.InvariantCulture) + ");");
            }

            source.Line("return validator.Finish();");
            source.Close();
        }

        // A member's name as the user declared it, as a C# string literal (for problem messages).
        private static string Name(string member) => "\"" + (member.StartsWith("@", StringComparison.Ordinal) ? member.Substring(1) : member) + "\"";

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

        // Only for C# 9 and 10: byte arrays, one property each, so that every call site stays one short line.
        private static void WriteLiterals(SourceWriter source, List<(string Json, string Escaped)> literals)
        {
            source.Line("/// <summary>The constant parts of this request's JSON, as UTF-8: as they are and escaped into a JSON string.</summary>");
            source.Line(s_generatedCode);
            source.Open("private static class " + LiteralsClass);
            for (int i = 0; i < literals.Count; i++)
            {
                (string json, string escaped) = literals[i];
                string name = "Part" + i.ToString(CultureInfo.InvariantCulture);
                if (i != 0)
                {
                    source.Line();
                }

                source.Line("// " + Printable(json));
                source.Line("public static global::System.ReadOnlySpan<byte> " + name + " => " + Utf8(json, utf8StringLiteral: false) + ";");
                source.Line("public static global::System.ReadOnlySpan<byte> " + name + "Escaped => " + Utf8(escaped, utf8StringLiteral: false) + ";");
            }

            source.Close();
        }

        private static string Key(string name) => String(name) + ":";

        // A JSON string, escaped by the same code that escapes values at run time.
        private static string String(string value) => "\"" + EscapeOnce(value) + "\"";

        private static string EscapeOnce(string text)
        {
            var utf8 = new byte[(text.Length + 1) * JsonEscaping.MaxBytesPerChar];
            JsonEscaping.Escape(text.AsSpan(), utf8, twice: false, out _, out int written);
            return Encoding.UTF8.GetString(utf8, 0, written);
        }

        // UTF-8 static data, no allocation either way: a u8 string literal where the language has them (one
        // token to compile), otherwise a byte array creation the compiler turns into a span over static data.
        private static string Utf8(string text, bool utf8StringLiteral)
        {
            if (utf8StringLiteral)
            {
                return Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true) + "u8";
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text);
            var builder = new StringBuilder("new byte[] { ", (bytes.Length * 6) + 16);
            for (int i = 0; i < bytes.Length; i++)
            {
                builder.Append(i == 0 ? "0x" : ", 0x").Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
            }

            return builder.Append(" }").ToString();
        }

        // The text for a one-line comment: no character a compiler would read as the end of the line.
        private static string Printable(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (c < 0x20 || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        /// <summary>
        /// The body of <c>WriteSubTask</c> as it is written: constant JSON piles up and becomes one literal
        /// whenever code that writes a value comes next, so adjacent constant parts are written in one copy.
        /// It counts the bytes the constant parts take, which the method reserves before it starts.
        /// </summary>
        private sealed class JsonBody
        {
            private readonly StringBuilder _pending = new();
            private readonly Stack<string> _carried = new();
            private readonly bool _utf8StringLiterals;

            public JsonBody(bool utf8StringLiterals)
            {
                _utf8StringLiterals = utf8StringLiterals;
            }

            /// <summary>The code written so far, indented from the method body.</summary>
            public SourceWriter Source { get; } = new();

            /// <summary>For C# 9 and 10, the distinct literals (as they are, and escaped) in the order first used; empty with <c>u8</c> literals, which sit where they are written.</summary>
            public List<(string Json, string Escaped)> Literals { get; } = new();

            /// <summary>
            /// The most bytes the constant parts, separators and numbers take, escaped (the longer form),
            /// counting every call site: more than any path through the method writes.
            /// </summary>
            public int ConstantBytes { get; private set; }

            public void Json(string json) => _pending.Append(json);

            /// <summary>Writes a line of code, after the pending JSON.</summary>
            /// <param name="line">The statement.</param>
            /// <param name="constantBytes">The most bytes it writes that no value accounts for (a comma, a number).</param>
            public void Code(string line, int constantBytes = 0)
            {
                Flush();
                Source.Line(line);
                ConstantBytes += constantBytes;
            }

            public void Open(string line)
            {
                Flush();
                Source.Open(line);
            }

            public void Close()
            {
                Flush();
                Source.Close();
            }

            /// <summary>Opens a conditional block that takes the pending constant JSON into itself (and into its else).</summary>
            public void OpenCarrying(string line)
            {
                string carried = _pending.ToString();
                _pending.Clear();
                _carried.Push(carried);
                Source.Open(line);
                _pending.Append(carried);
            }

            /// <summary>Closes a block opened by <see cref="OpenCarrying"/>; the else writes what it carried, then <paramref name="elseJson"/>.</summary>
            public void CloseCarrying(string elseJson)
            {
                Flush();
                Source.Close();
                string otherwise = _carried.Pop() + elseJson;
                if (otherwise.Length != 0)
                {
                    Source.Open("else");
                    _pending.Append(otherwise);
                    Flush();
                    Source.Close();
                }
            }

            public void Flush()
            {
                if (_pending.Length == 0)
                {
                    return;
                }

                string json = _pending.ToString();
                _pending.Clear();
                string line = "at = writer.WriteLiteral(span, at, " + LiteralArguments(json) + ");";
                Source.Line(_utf8StringLiterals ? line : line + " // " + Printable(json));
            }

            /// <summary>The two forms of <paramref name="json"/> as arguments, counted in <see cref="ConstantBytes"/>.</summary>
            public string LiteralArguments(string json)
            {
                string escaped = EscapeOnce(json);
                ConstantBytes += Encoding.UTF8.GetByteCount(escaped);
                if (_utf8StringLiterals)
                {
                    return Utf8(json, utf8StringLiteral: true) + ", " + Utf8(escaped, utf8StringLiteral: true);
                }

                int index = Literals.IndexOf((json, escaped));
                if (index < 0)
                {
                    index = Literals.Count;
                    Literals.Add((json, escaped));
                }

                string name = LiteralsClass + ".Part" + index.ToString(CultureInfo.InvariantCulture);
                return name + ", " + name + "Escaped";
            }
        }
    }
}
