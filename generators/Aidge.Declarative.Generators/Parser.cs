using System;
using System.Collections.Generic;
using System.Threading;
using Aidge.Declarative.Generators.Model;
using Aidge.Declarative.Roslyn;
using Aidge.Declarative.Rules;
using Aidge.Declarative.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Aidge.Declarative.Generators
{
    /// <summary>
    /// Turns a <c>[TryOnRequest]</c> type into a <see cref="RequestSpec"/>. Whatever the user has typed,
    /// it never throws: a type it cannot extend gives null, and a member or value it cannot handle is
    /// left out. The analyzers report both; the generator reports nothing.
    /// </summary>
    internal static class Parser
    {
        public static RequestSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            // Skipped for the reasons the analyzers report (DeclarationSkips), or as the second [TryOnRequest] of a type (CS0579).
            if (context.TargetSymbol is not INamedTypeSymbol type ||
                !IsFirstDeclaration(type, context.TargetNode) ||
                DeclarationSkips.ForRequest(type, context.TargetNode.SyntaxTree, cancellationToken).Count != 0)
            {
                return null;
            }

            var containingTypes = new List<TypeDeclarationSpec>();
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                containingTypes.Insert(0, Declaration(outer));
            }

            AttributeData? request = TryOnDeclarations.FindAttribute(type, TryOnDeclarations.TryOnRequest);
            AttributeData? model = TryOnDeclarations.FindAttribute(type, TryOnDeclarations.TryOnModel);
            if (request is null)
            {
                return null;
            }

            var garments = new List<GarmentSpec>();
            var images = new List<ModelImageSpec>();
            GenerateCountMemberSpec? generateCount = null;
            foreach (RequestMember member in TryOnDeclarations.ReadMembers(type, extras: null, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!member.IsReadable)
                {
                    continue;
                }

                string name = EscapeIdentifier(member.Name);
                switch (member.Role)
                {
                    case MemberRole.Garment when ParseGarment(name, member) is { } garment:
                        garments.Add(garment);
                        break;
                    case MemberRole.ModelImage when TryOnDeclarations.ModelImageShapeOf(member.Type, out bool isUri) is { } shape:
                        images.Add(new ModelImageSpec(name, shape, isUri));
                        break;
                    case MemberRole.GenerateCount when generateCount is null && TryOnDeclarations.IsGenerateCountType(member.Type, out bool isNullable):
                        generateCount = new GenerateCountMemberSpec(name, isNullable);
                        break;
                }
            }

            // The attributes' named arguments, read by the vocabulary's rows: a value the API cannot spell (an error the analyzer
            // reports) is left out, as is one of the wrong type.
            var modelFields = new List<WireValueSpec>();
            var fields = new List<WireValueSpec>();
            int? count = null;
            TryOnEdition edition = TryOnEdition.Standard;
            foreach (WireTrait trait in TryOnRules.Traits)
            {
                if ((trait.InModel ? model : request) is not { } attribute || !TryGetNamed(attribute, trait.Property, out TypedConstant value))
                {
                    continue;
                }

                List<WireValueSpec> into = trait.InModel ? modelFields : fields;
                switch (trait.Kind)
                {
                    // A string with no UTF-8 form cannot be written; the analyzer reports it.
                    case TraitKind.Text when value.Value is string text && TryOnRules.IndexOfUnpairedSurrogate(text.AsSpan()) < 0:
                        into.Add(new WireValueSpec(trait.WireName!, text, Quoted: true));
                        break;
                    case TraitKind.Choice when value.Kind == TypedConstantKind.Enum && value.Value is int number && trait.Spell(number) is { } spelled:
                        into.Add(new WireValueSpec(trait.WireName!, spelled, Quoted: true));
                        break;
                    case TraitKind.Flag when value.Value is bool flag:
                        into.Add(new WireValueSpec(trait.WireName!, TryOnRules.FlagValue(flag), Quoted: false));
                        break;
                    case TraitKind.Count when value.Value is int pictures:
                        count = pictures;
                        break;
                    case TraitKind.Endpoint when value.Kind == TypedConstantKind.Enum && value.Value is int chosen && Enum.IsDefined(typeof(TryOnEdition), chosen):
                        edition = (TryOnEdition)chosen;
                        break;
                }
            }

            return new RequestSpec(
                HintName(type),
                type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                new EquatableArray<TypeDeclarationSpec>(containingTypes.ToArray()),
                Declaration(type),
                edition,
                new EquatableArray<WireValueSpec>(modelFields.ToArray()),
                new EquatableArray<WireValueSpec>(fields.ToArray()),
                count,
                new EquatableArray<GarmentSpec>(garments.ToArray()),
                new EquatableArray<ModelImageSpec>(images.ToArray()),
                generateCount,
                context.TargetNode.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp11 },
                HiddenMembers(type, context.SemanticModel.Compilation, cancellationToken));
        }

        // The public members the generated code declares that a base type already has. A base that is a request type
        // has them all: its own generated part is not in the compilation the generator sees. Otherwise a base member
        // is hidden as C# hides it: a method of the same parameters, or any other member of the name, that is accessible.
        private static HiddenMembersSpec HiddenMembers(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
        {
            bool writeRequestParams = false, toRequestParams = false, validate = false;
            for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (TryOnDeclarations.FindAttribute(baseType, TryOnDeclarations.TryOnRequest) is not null)
                {
                    return HiddenMembersSpec.All;
                }

                foreach (ISymbol member in baseType.GetMembers())
                {
                    if (member.IsImplicitlyDeclared || !compilation.IsSymbolAccessibleWithin(member, type))
                    {
                        continue;
                    }

                    IMethodSymbol? method = member as IMethodSymbol;
                    if (method is { MethodKind: not MethodKind.Ordinary })
                    {
                        continue;
                    }

                    switch (member.Name)
                    {
                        case "WriteRequestParams":
                            writeRequestParams |= method is null || (method.Parameters.Length == 1 && IsByteBufferWriter(method.Parameters[0].Type));
                            break;
                        case "ToRequestParams":
                            toRequestParams |= method is null || method.Parameters.Length == 0;
                            break;
                        case "Validate":
                            validate |= method is null || method.Parameters.Length == 0;
                            break;
                    }
                }
            }

            return new HiddenMembersSpec(writeRequestParams, toRequestParams, validate);
        }

        private static bool IsByteBufferWriter(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "IBufferWriter", Arity: 1 } writer &&
            writer.TypeArguments[0].SpecialType == SpecialType.System_Byte &&
            TryOnDeclarations.IsNamespace(writer.ContainingNamespace, "System", "Buffers");

        // With [TryOnRequest] on two parts of one type (an error the compiler reports), only the part
        // holding the first one is emitted, so that two outputs never share a hint name.
        private static bool IsFirstDeclaration(INamedTypeSymbol type, SyntaxNode node)
        {
            SyntaxReference? first = TryOnDeclarations.FindAttribute(type, TryOnDeclarations.TryOnRequest)?.ApplicationSyntaxReference;
            return first is not null && first.SyntaxTree == node.SyntaxTree && node.Span.Contains(first.Span);
        }

        private static TypeDeclarationSpec Declaration(INamedTypeSymbol type)
        {
            string keyword = type.TypeKind switch
            {
                TypeKind.Interface => "interface",
                TypeKind.Struct when type.IsRecord => "record struct",
                TypeKind.Struct => "struct",
                _ when type.IsRecord => "record",
                _ => "class",
            };

            // Modifiers go before partial, which goes right before the keyword.
            keyword = "partial " + keyword;
            if (type.TypeKind == TypeKind.Struct)
            {
                keyword = (type.IsReadOnly ? "readonly " : string.Empty) + (type.IsRefLikeType ? "ref " : string.Empty) + keyword;
            }

            string typeParameters = string.Empty;
            if (!type.TypeParameters.IsEmpty)
            {
                var names = new string[type.TypeParameters.Length];
                for (int i = 0; i < names.Length; i++)
                {
                    ITypeParameterSymbol parameter = type.TypeParameters[i];
                    string variance = parameter.Variance switch
                    {
                        VarianceKind.In => "in ",
                        VarianceKind.Out => "out ",
                        _ => string.Empty,
                    };
                    names[i] = variance + EscapeIdentifier(parameter.Name);
                }

                typeParameters = "<" + string.Join(", ", names) + ">";
            }

            return new TypeDeclarationSpec(keyword, EscapeIdentifier(type.Name), typeParameters);
        }

        // Unique per type in a compilation: namespace, then the nesting chain with generic arity.
        internal static string HintName(INamedTypeSymbol type, string suffix = ".g.cs")
        {
            string name = type.MetadataName;
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                name = outer.MetadataName + "+" + name;
            }

            return type.ContainingNamespace.IsGlobalNamespace
                ? name + suffix
                : type.ContainingNamespace.ToDisplayString() + "." + name + suffix;
        }

        private static GarmentSpec? ParseGarment(string name, RequestMember member)
        {
            // No constructor when the arguments did not bind (half typed, wrong type): not an untyped garment.
            AttributeData attribute = member.Attribute;
            if (!TryOnDeclarations.IsUrlType(member.Type, out bool isUri) || attribute.AttributeConstructor is null)
            {
                return null;
            }

            if (attribute.ConstructorArguments.Length == 0)
            {
                return new GarmentSpec(name, isUri, null);
            }

            // An undefined garment type leaves the member out; the analyzer says why.
            return EnumValue<GarmentType>(attribute.ConstructorArguments[0]) is { } garmentType
                ? new GarmentSpec(name, isUri, garmentType)
                : null;
        }

        // A named argument that bound (not an error of the user's half-typed code).
        private static bool TryGetNamed(AttributeData attribute, string name, out TypedConstant value)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Kind != TypedConstantKind.Error)
                {
                    value = argument.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }

        // An enum argument the API can spell, or null (an error, a cast of an undefined value).
        private static TEnum? EnumValue<TEnum>(TypedConstant constant)
            where TEnum : struct, Enum
        {
            if (constant.Kind != TypedConstantKind.Enum || constant.Value is not int value || !Enum.IsDefined(typeof(TEnum), value))
            {
                return null;
            }

            return (TEnum)(object)value;
        }

        internal static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
