using Aidge.Declarative.Rules;
using Microsoft.CodeAnalysis;

namespace Aidge.Declarative.Analyzers
{
    /// <summary>
    /// Every diagnostic the analyzers report: one category, so that a user can raise or silence them all
    /// in .editorconfig, and a help page per id under analyzers/docs. The ids of rules also checked at run
    /// time come from <see cref="TryOnRules.RuleIds"/>, and so do their messages.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        public const string Category = "Aidge.TryOn";

        public const string HelpLinkBase = "https://github.com/aidge-declarative/Aidge.Declarative/blob/main/analyzers/docs/";

        // The limits, in the words of the titles, from the one place that states them.
        public static readonly string CountRange = TryOnRules.MinGenerateCount + " to " + TryOnRules.MaxGenerateCount;
        public static readonly string MaxModelImagesText = TryOnRules.MaxModelImages.ToString(System.Globalization.CultureInfo.InvariantCulture);
        public static readonly string MinimumCSharp = Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.ToDisplayString(Aidge.Declarative.Roslyn.DeclarationSkips.MinimumLanguageVersion).Split('.')[0];

        public const string InvalidSuitId = TryOnRules.RuleIds.InvalidSuit;
        public const string GenerateCountOutOfRangeId = TryOnRules.RuleIds.GenerateCountOutOfRange;
        public const string TooManyModelImagesId = TryOnRules.RuleIds.TooManyModelImages;
        public const string NotPartialId = "AIDGE004";
        public const string NoGarmentId = TryOnRules.RuleIds.NoGarment;
        public const string UnsupportedMemberTypeId = "AIDGE006";
        public const string ImageUrlNotDownloadableId = TryOnRules.RuleIds.ImageUrlNotDownloadable;
        public const string ModelNamedAndDescribedId = "AIDGE008";
        public const string ModelNameWithoutBaseId = "AIDGE009";
        public const string MemberNotReadableId = "AIDGE010";
        public const string UnsupportedRequestTypeId = "AIDGE011";
        public const string LanguageVersionTooOldId = "AIDGE012";
        public const string UndefinedEnumValueId = "AIDGE013";
        public const string MemberMarkedTwiceId = "AIDGE014";
        public const string TextHasNoUtf8FormId = TryOnRules.RuleIds.TextHasNoUtf8Form;
        public const string ApiNotAnInterfaceId = "AIDGE016";
        public const string ApiMemberNotAMethodId = "AIDGE017";
        public const string ApiGenericMethodId = "AIDGE018";
        public const string ApiBadParameterId = "AIDGE019";
        public const string ApiBadReturnTypeId = "AIDGE020";
        public const string ApiNoCancellationTokenId = "AIDGE021";
        public const string ApiIndistinctMethodsId = "AIDGE022";
        public const string ApiNotARequestId = "AIDGE023";
        public const string MarkedWithoutRequestId = "AIDGE024";

        /// <summary>Diagnostic property: the garment type that would make the suit valid.</summary>
        public const string ComplementProperty = "Complement";

        /// <summary>Diagnostic property: the generateCount clamped into 1 to 8.</summary>
        public const string ClampedProperty = "Clamped";

        public static readonly DiagnosticDescriptor InvalidSuit = new(
            id: InvalidSuitId,
            title: "Invalid suit of garments",
            messageFormat: "{0}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A request holds one suit: a single garment, or exactly one Tops and one Bottoms, each typed. Two tops, two bottoms, a dress with anything, or more than two garments make the service answer 700.",
            helpLinkUri: HelpLinkBase + InvalidSuitId + ".md");

        public static readonly DiagnosticDescriptor GenerateCountOutOfRange = new(
            id: GenerateCountOutOfRangeId,
            title: "generateCount outside " + CountRange,
            messageFormat: "{0}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The service makes " + CountRange + " pictures per request; any other generateCount makes it answer 700.",
            helpLinkUri: HelpLinkBase + GenerateCountOutOfRangeId + ".md");

        public static readonly DiagnosticDescriptor TooManyModelImages = new(
            id: TooManyModelImagesId,
            title: "More than " + MaxModelImagesText + " model images",
            messageFormat: "{0}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A request takes at most " + MaxModelImagesText + " modelImage URLs. The analyzer counts single [ModelImage] members and the elements of collections whose size is known at compile time; Validate() counts the rest before sending.",
            helpLinkUri: HelpLinkBase + TooManyModelImagesId + ".md");

        public static readonly DiagnosticDescriptor NotPartial = new(
            id: NotPartialId,
            title: "Request type is not partial",
            messageFormat: "'{0}' must be partial so that the generator can add its serializer",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The generator adds ITryOnRequest and the requestParams serializer in another part of the type, so the type and every type it is nested in must be declared partial.",
            helpLinkUri: HelpLinkBase + NotPartialId + ".md");

        public static readonly DiagnosticDescriptor NoGarment = new(
            id: NoGarmentId,
            title: "Request has no garment",
            messageFormat: "{0}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Every request needs the image URL of at least one garment: mark a string or Uri member [Garment].",
            helpLinkUri: HelpLinkBase + NoGarmentId + ".md");

        public static readonly DiagnosticDescriptor UnsupportedMemberType = new(
            id: UnsupportedMemberTypeId,
            title: "Member type not supported",
            messageFormat: "'{0}' is {1}, but {2}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "[Garment] goes on a string or Uri member; [ModelImage] on a string, a Uri, or a collection of either; [GenerateCount] on an int or int? member. The generator leaves other members out.",
            helpLinkUri: HelpLinkBase + UnsupportedMemberTypeId + ".md");

        public static readonly DiagnosticDescriptor ImageUrlNotDownloadable = new(
            id: ImageUrlNotDownloadableId,
            title: "Image URL the service cannot download",
            messageFormat: "{0}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The service downloads every garment and model image itself, so each URL must be absolute, with the http or https scheme (otherwise it answers 701), and hold no white space or control character, no user:password@ and at most " + TryOnRules.MaxImageUrlLength + " characters.",
            helpLinkUri: HelpLinkBase + ImageUrlNotDownloadableId + ".md");

        public static readonly DiagnosticDescriptor ModelNamedAndDescribed = new(
            id: ModelNamedAndDescribedId,
            title: "Library model both named and described",
            messageFormat: "'{0}' describes a model, but Name already chooses one from the library, whose traits are fixed: choose by Base and Name, or describe by traits, not both",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A named library model has its own gender, style, age and body; traits given beside a name are ignored by the service or contradict the model.",
            helpLinkUri: HelpLinkBase + ModelNamedAndDescribedId + ".md");

        public static readonly DiagnosticDescriptor ModelNameWithoutBase = new(
            id: ModelNameWithoutBaseId,
            title: "Model name without a library",
            messageFormat: "Name chooses a model from a library, but no Base says which: add Base = \"General\" for the public library",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A model's name is looked up in the library given by Base; the vendor's samples always send both.",
            helpLinkUri: HelpLinkBase + ModelNameWithoutBaseId + ".md");

        public static readonly DiagnosticDescriptor MemberNotReadable = new(
            id: MemberNotReadableId,
            title: "Member cannot be read",
            messageFormat: "'{0}' {1}, so the generated serializer cannot read it: put the attribute on a property with a getter, or on a positional record parameter",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The serializer reads each marked member through a property. A parameter of a class's primary constructor is not a property, a set-only property has no getter, and a base member that is private, internal to another assembly or hidden by another of its name cannot be reached.",
            helpLinkUri: HelpLinkBase + MemberNotReadableId + ".md");

        public static readonly DiagnosticDescriptor UnsupportedRequestType = new(
            id: UnsupportedRequestTypeId,
            title: "Type cannot be a request",
            messageFormat: "'{0}' cannot be a try-on request: {1}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A request is an instance of a partial class, struct or record that implements ITryOnRequest.",
            helpLinkUri: HelpLinkBase + UnsupportedRequestTypeId + ".md");

        public static readonly DiagnosticDescriptor LanguageVersionTooOld = new(
            id: LanguageVersionTooOldId,
            title: "C# " + MinimumCSharp + " or later is needed",
            messageFormat: "The generated code needs C# " + MinimumCSharp + " or later, but this project compiles C# {0}: set <LangVersion> to " + MinimumCSharp + ".0 or later",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Requests are records, and the generated serializer and client use C# " + MinimumCSharp + "; the generator skips [TryOnRequest] and [TryOnApi] types in older C#.",
            helpLinkUri: HelpLinkBase + LanguageVersionTooOldId + ".md");

        public static readonly DiagnosticDescriptor UndefinedEnumValue = new(
            id: UndefinedEnumValueId,
            title: "Value the API does not know",
            messageFormat: "{0} has no value {1} that the Aidge API knows: use one of {2}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Each enum value maps to one wire spelling; a cast number that is not a defined value cannot be sent, and the generator leaves it out.",
            helpLinkUri: HelpLinkBase + UndefinedEnumValueId + ".md");

        public static readonly DiagnosticDescriptor MemberMarkedTwice = new(
            id: MemberMarkedTwiceId,
            title: "Member marked twice",
            messageFormat: "{0}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A member is a garment, a model image or the generateCount, once; and a request has one generateCount member. The generator uses the first and ignores the rest.",
            helpLinkUri: HelpLinkBase + MemberMarkedTwiceId + ".md");

        public static readonly DiagnosticDescriptor TextHasNoUtf8Form = new(
            id: TextHasNoUtf8FormId,
            title: "Text with no UTF-8 form",
            messageFormat: "{0}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "An unpaired UTF-16 surrogate has no UTF-8 form, so the text cannot be written as JSON.",
            helpLinkUri: HelpLinkBase + TextHasNoUtf8FormId + ".md");

        public static readonly DiagnosticDescriptor ApiNotAnInterface = Api(
            ApiNotAnInterfaceId, "[TryOnApi] on something the generator cannot implement",
            "The generator implements an accessible, non-generic interface marked [TryOnApi]; it cannot implement a generic one, or one private to a type, and CreateApi<T>() then finds no implementation.");

        public static readonly DiagnosticDescriptor ApiMemberNotAMethod = Api(
            ApiMemberNotAMethodId, "[TryOnApi] member that is not a method",
            "A typed try-on client has methods only: a property, event or indexer has nothing to send.");

        public static readonly DiagnosticDescriptor ApiGenericMethod = Api(
            ApiGenericMethodId, "Generic [TryOnApi] method",
            "Each method sends one request type, known at compile time: its edition and its rules are checked there.");

        public static readonly DiagnosticDescriptor ApiBadParameter = Api(
            ApiBadParameterId, "[TryOnApi] parameter the generator cannot send",
            "A method takes one [TryOnRequest] type (one sub-task) or an IReadOnlyList of one (one task, a sub-task each, one edition), an optional IProgress<TryOnResult<T>> when it waits, and a CancellationToken.");

        public static readonly DiagnosticDescriptor ApiBadReturnType = Api(
            ApiBadReturnTypeId, "[TryOnApi] return type that does not match the request",
            "A method returns Task<TryOnOperation<T>> to submit, or Task<TryOnResult<T>> to submit and wait, where T is the type of its request parameter.");

        public static readonly DiagnosticDescriptor ApiNoCancellationToken = Api(
            ApiNoCancellationTokenId, "[TryOnApi] method without a CancellationToken",
            "A submit and a wait can take minutes; without a CancellationToken a caller cannot stop them.",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor ApiIndistinctMethods = Api(
            ApiIndistinctMethodsId, "[TryOnApi] methods a call cannot tell apart",
            "Two methods of one name that take the same request, every other parameter optional: a call with the request alone is ambiguous.");

        public static readonly DiagnosticDescriptor ApiNotARequest = Api(
            ApiNotARequestId, "[TryOnApi] method that sends a type that is no request",
            "A declared client sends [TryOnRequest] types, which the generator makes requests. A type without the attribute, or one the generator must skip, cannot be sent; the compiler alone would only say it is no ITryOnRequest, a name the user never wrote.");

        public static readonly DiagnosticDescriptor MarkedWithoutRequest = new(
            id: MarkedWithoutRequestId,
            title: "Request attributes on a type without [TryOnRequest]",
            messageFormat: "'{0}' has {1}, but no [TryOnRequest]: nothing is generated for it, so it has no ToRequestParams or Validate and cannot be sent. Mark it [TryOnRequest], or make it abstract if it is only the base of requests.",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "[Garment], [ModelImage], [GenerateCount] and [TryOnModel] describe a request, which [TryOnRequest] asks the generator for. Without it the attributes do nothing, and the compiler only says that ToRequestParams is missing; an abstract type, or a base of a request in the same compilation, is left alone.",
            helpLinkUri: HelpLinkBase + MarkedWithoutRequestId + ".md",
            customTags: WellKnownDiagnosticTags.CompilationEnd);

        // The [TryOnApi] rules all say what is wrong in one message.
        private static DiagnosticDescriptor Api(string id, string title, string description, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
            new(id, title, "{0}", Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinkBase + id + ".md");

    }
}
