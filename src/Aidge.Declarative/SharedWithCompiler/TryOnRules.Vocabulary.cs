// The wire vocabulary, one row per field a declaration's attributes send: the attribute property, the wire name, the
// values and their spellings, in the order the JSON holds them. The generator's parser reads declarations by it, its
// emitter writes what the parser read in its order, and the analyzer and the fake server's checker loop over it: a new
// model trait is a row here and a property on the attribute. Compiled where TryOnRules.cs is.

using System;

#if AIDGE_ROSLYN
namespace Aidge.Declarative.Rules
#else
namespace Aidge.Declarative
#endif
{
    /// <summary>What a row of the vocabulary holds, and how it is written.</summary>
    internal enum TraitKind
    {
        /// <summary>A string, written as a JSON string.</summary>
        Text,

        /// <summary>One value of an enum, written as its spelling.</summary>
        Choice,

        /// <summary>A bool, written as 1 or 0.</summary>
        Flag,

        /// <summary>The picture count: written last, and a <c>[GenerateCount]</c> member may override it.</summary>
        Count,

        /// <summary>Not a field: an enum that picks the endpoint (the edition).</summary>
        Endpoint,
    }

    /// <summary>One field a declaration's attributes can send.</summary>
    internal sealed class WireTrait
    {
        public WireTrait(string attribute, string property, string? wireName, TraitKind kind, Type? choices = null, string[]? spellings = null, bool describesModel = false)
        {
            Attribute = attribute;
            Property = property;
            WireName = wireName;
            Kind = kind;
            Choices = choices;
            Spellings = spellings;
            DescribesModel = describesModel;
        }

        /// <summary>The attribute's class name: <see cref="TryOnRules.RequestAttribute"/> or <see cref="TryOnRules.ModelAttribute"/>.</summary>
        public string Attribute { get; }

        /// <summary>The attribute's property, as the user writes it (<c>Gender</c>).</summary>
        public string Property { get; }

        /// <summary>The field's wire name (<c>gender</c>, inside <c>model</c> for a model trait); null for the endpoint.</summary>
        public string? WireName { get; }

        public TraitKind Kind { get; }

        /// <summary>For a choice or the endpoint, the enum its values come from.</summary>
        public Type? Choices { get; }

        /// <summary>For a choice, each value's spelling, by the enum value's number.</summary>
        public string[]? Spellings { get; }

        /// <summary>Whether it describes a library model (a trait the service ignores once <c>model.name</c> is given).</summary>
        public bool DescribesModel { get; }

        /// <summary>Whether it is written inside <c>model</c>.</summary>
        public bool InModel => Attribute == TryOnRules.ModelAttribute;

        /// <summary>The spelling of a choice's value, or null when it has none the API knows.</summary>
        public string? Spell(int value) => Spellings is { } spellings && value >= 0 && value < spellings.Length ? spellings[value] : null;
    }

    internal static partial class TryOnRules
    {
        /// <summary>The request attribute's class name.</summary>
        public const string RequestAttribute = "TryOnRequestAttribute";

        /// <summary>The model attribute's class name.</summary>
        public const string ModelAttribute = "TryOnModelAttribute";

        /// <summary>The [TryOnModel] property that names a library model's base; a <see cref="ModelNameProperty"/> needs it.</summary>
        public const string ModelBaseProperty = "Base";

        /// <summary>The [TryOnModel] property that names a library model, which the traits marked describesModel then may not describe.</summary>
        public const string ModelNameProperty = "Name";

        /// <summary>
        /// Every field the attributes send, once, in the order the JSON holds them: the model's traits (inside <c>model</c>, after
        /// the garments and the model images), then the request's own fields, the picture count last; and the edition, which
        /// picks the endpoint. The vendor's samples write <c>model</c> (<c>base</c>, <c>name</c>, <c>gender</c>, <c>style</c>,
        /// <c>age</c>, <c>body</c>), <c>viewType</c>, <c>inputQualityDetect</c>, <c>generateCount</c>.
        /// </summary>
        public static readonly WireTrait[] Traits =
        {
            new(ModelAttribute, ModelBaseProperty, "base", TraitKind.Text),
            new(ModelAttribute, ModelNameProperty, "name", TraitKind.Text),
            new(ModelAttribute, "Gender", "gender", TraitKind.Choice, typeof(ModelGender), new[] { "male", "female" }, describesModel: true),
            new(ModelAttribute, "Style", "style", TraitKind.Choice, typeof(ModelStyle), new[] { "universal_1", "universal_2", "universal_3" }, describesModel: true),
            new(ModelAttribute, "Age", "age", TraitKind.Choice, typeof(ModelAge), new[] { "children", "youngadult" }, describesModel: true),
            new(ModelAttribute, "Body", "body", TraitKind.Choice, typeof(ModelBody), new[] { "slim", "curvy" }, describesModel: true),
            new(RequestAttribute, "ViewType", "viewType", TraitKind.Choice, typeof(ViewType), new[] { "fullbody", "halfbody", "mixed" }),
            new(RequestAttribute, "InputQualityDetect", "inputQualityDetect", TraitKind.Flag),
            new(RequestAttribute, "GenerateCount", Fields.GenerateCount, TraitKind.Count),
            new(RequestAttribute, "Edition", null, TraitKind.Endpoint, typeof(TryOnEdition)),
        };

        /// <summary>A garment's type: a member's attribute argument, not an attribute property, so not a row of <see cref="Traits"/>.</summary>
        public static readonly string[] GarmentSpellings = { "tops", "bottoms", "dresses" };

        /// <summary>The row of an attribute's property, or null when it sends nothing.</summary>
        public static WireTrait? TraitOf(string attribute, string property)
        {
            foreach (WireTrait trait in Traits)
            {
                if (trait.Attribute == attribute && trait.Property == property)
                {
                    return trait;
                }
            }

            return null;
        }

        /// <summary>The row whose values come from <paramref name="choices"/>, or null.</summary>
        private static WireTrait? TraitOf(Type choices)
        {
            foreach (WireTrait trait in Traits)
            {
                if (trait.Choices == choices && trait.Kind == TraitKind.Choice)
                {
                    return trait;
                }
            }

            return null;
        }

        /// <summary>A flag's wire value.</summary>
        public static string FlagValue(bool value) => value ? "1" : "0";

        /// <summary>Whether a flag's wire value is one the API knows (0 or 1).</summary>
        public static bool IsFlagValue(int value) => value is 0 or 1;
    }
}
