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

            return new RequestSpec(
                HintName(type),
                type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                new EquatableArray<TypeDeclarationSpec>(containingTypes.ToArray()),
                Declaration(type),
                NamedEnum<TryOnEdition>(request, "Edition") ?? TryOnEdition.Standard,
                new RequestOptionsSpec(
                    NamedEnum<ViewType>(request, "ViewType"),
                    Named<int>(request, "GenerateCount"),
                    Named<bool>(request, "InputQualityDetect")),
                model is null
                    ? ModelSpec.None
                    : new ModelSpec(
                        NamedString(model, "Base"),
                        NamedString(model, "Name"),
                        NamedEnum<ModelGender>(model, "Gender"),
                        NamedEnum<ModelStyle>(model, "Style"),
                        NamedEnum<ModelAge>(model, "Age"),
                        NamedEnum<ModelBody>(model, "Body")),
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

        private static T? Named<T>(AttributeData attribute, string name)
            where T : struct
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Kind != TypedConstantKind.Error && argument.Value.Value is T value)
                {
                    return value;
                }
            }

            return null;
        }

        private static string? NamedString(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                // A string with no UTF-8 form cannot be written; the analyzer reports it.
                if (argument.Key == name && argument.Value.Kind != TypedConstantKind.Error && argument.Value.Value is string value &&
                    JsonEscaping.IndexOfUnpairedSurrogate(value.AsSpan()) < 0)
                {
                    return value;
                }
            }

            return null;
        }

        private static TEnum? NamedEnum<TEnum>(AttributeData attribute, string name)
            where TEnum : struct, Enum
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name)
                {
                    return EnumValue<TEnum>(argument.Value);
                }
            }

            return null;
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
