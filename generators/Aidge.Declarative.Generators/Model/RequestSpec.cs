using Aidge.Declarative.Roslyn;
using Aidge.Declarative.Rules;

namespace Aidge.Declarative.Generators.Model
{
    // Pipeline models are immutable records with structural equality and hold no symbol, syntax node,
    // location or compilation: otherwise the generator's cache never hits (a test walks them to check).

    /// <summary>Everything the emitter needs to write one request type's serializer.</summary>
    /// <param name="HintName">The generated file's name, from the fully qualified metadata name.</param>
    /// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
    /// <param name="ContainingTypes">The types the request type is nested in, outermost first.</param>
    /// <param name="Type">The request type's own declaration.</param>
    /// <param name="Edition">The edition that runs the request.</param>
    /// <param name="Model">The model's fields given on <c>[TryOnModel]</c>, wire-ready, in the vocabulary's order.</param>
    /// <param name="Fields">The request's own fields given on <c>[TryOnRequest]</c> (all but the picture count), wire-ready, in order.</param>
    /// <param name="GenerateCount">The picture count given on <c>[TryOnRequest]</c>, written last (a member may override it).</param>
    /// <param name="Garments">The <c>[Garment]</c> members, in declaration order.</param>
    /// <param name="ModelImages">The <c>[ModelImage]</c> members, in declaration order.</param>
    /// <param name="GenerateCountMember">The <c>[GenerateCount]</c> member, if any.</param>
    /// <param name="Utf8StringLiterals">Whether the user's C# (11 or later) has <c>"..."u8</c> literals, far cheaper to compile than byte arrays.</param>
    /// <param name="Hides">Which of the public members the generated code declares a base type already has, so that they are declared <c>new</c>.</param>
    internal sealed record RequestSpec(
        string HintName,
        string? Namespace,
        EquatableArray<TypeDeclarationSpec> ContainingTypes,
        TypeDeclarationSpec Type,
        TryOnEdition Edition,
        EquatableArray<WireValueSpec> Model,
        EquatableArray<WireValueSpec> Fields,
        int? GenerateCount,
        EquatableArray<GarmentSpec> Garments,
        EquatableArray<ModelImageSpec> ModelImages,
        GenerateCountMemberSpec? GenerateCountMember,
        bool Utf8StringLiterals,
        HiddenMembersSpec Hides);

    /// <summary>
    /// Which of <c>WriteRequestParams</c>, <c>ToRequestParams</c> and <c>Validate</c> the request type inherits from a base
    /// type: a base that is a request type itself, or one that declares an accessible member the generated one hides.
    /// </summary>
    internal sealed record HiddenMembersSpec(bool WriteRequestParams, bool ToRequestParams, bool Validate)
    {
        public static readonly HiddenMembersSpec All = new(true, true, true);
    }

    /// <summary>How to re-open a type in a partial declaration.</summary>
    /// <param name="Keyword">The modifiers, <c>partial</c> and the keyword: <c>partial class</c>, <c>readonly partial record struct</c>, ...</param>
    /// <param name="Name">The type's name, escaped if it is a keyword.</param>
    /// <param name="TypeParameters">The type parameter list with its brackets, or empty.</param>
    internal sealed record TypeDeclarationSpec(string Keyword, string Name, string TypeParameters);

    /// <summary>
    /// One field as it goes on the wire, resolved by the parser from a row of the vocabulary (<c>TryOnRules.Traits</c>), as
    /// System.Text.Json's generator resolves property names in its model: the emitter only writes it.
    /// </summary>
    /// <param name="WireName">The field's name (<c>gender</c>).</param>
    /// <param name="Value">Its value: the text of a string or a spelling, or a number's digits.</param>
    /// <param name="Quoted">Whether it is written as a JSON string.</param>
    internal sealed record WireValueSpec(string WireName, string Value, bool Quoted);

    /// <summary>A garment's image URL member.</summary>
    /// <param name="Member">The member's name, escaped if it is a keyword.</param>
    /// <param name="IsUri">Whether it is a <c>System.Uri</c> rather than a string.</param>
    /// <param name="Type">The garment type, or null when the service detects it.</param>
    internal sealed record GarmentSpec(string Member, bool IsUri, GarmentType? Type);

    /// <summary>A member holding one or more model image URLs.</summary>
    /// <param name="Member">The member's name, escaped if it is a keyword.</param>
    /// <param name="Shape">How the member holds its URLs.</param>
    /// <param name="IsUri">Whether the URLs are <c>System.Uri</c> rather than strings.</param>
    internal sealed record ModelImageSpec(string Member, ModelImageShape Shape, bool IsUri);

    /// <summary>The member that gives a request's <c>generateCount</c>.</summary>
    /// <param name="Member">The member's name, escaped if it is a keyword.</param>
    /// <param name="IsNullable">Whether it is an <c>int?</c>: null means the attribute's value, or nothing.</param>
    internal sealed record GenerateCountMemberSpec(string Member, bool IsNullable);
}
