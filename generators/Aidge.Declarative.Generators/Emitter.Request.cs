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
        // inlined the request's code ran out of it, leaving the writer's small writes as calls. The batch's first request is
        // this one, written here whatever its type (a derived type with no code of its own inherits this), with no type test
        // or cast, as is a request alone; a later request of
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
    }
}
