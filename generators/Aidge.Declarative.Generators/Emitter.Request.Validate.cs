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
    // The request artifact's Validate(): the checks that need run-time values, calling the runtime's rules.
    internal static partial class Emitter
    {
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
    }
}
