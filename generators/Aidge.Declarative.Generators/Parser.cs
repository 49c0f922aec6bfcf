using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Aidge.Declarative.Generators.Model;
using Aidge.Declarative.Rules;
using Aidge.Declarative.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Aidge.Declarative.Generators
{
    /// <summary>
    /// Turns a <c>[TryOnRequest]</c> type into a <see cref="RequestSpec"/>. Whatever the user has typed,
    /// it never throws: a type it cannot extend gives null, and a member or value it cannot handle is
    /// left out. The analyzers report both; the generator reports nothing.
    /// </summary>
    internal static class Parser
    {
        public const string TryOnRequestAttribute = "Aidge.Declarative.TryOnRequestAttribute";

        public static RequestSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type ||
                context.TargetNode.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp9 } ||
                !IsFirstDeclaration(type, context.TargetNode) ||
                !CanExtend(type, cancellationToken))
            {
                return null;
            }

            var containingTypes = new List<TypeDeclarationSpec>();
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (!CanReopen(outer, cancellationToken))
                {
                    return null;
                }

                containingTypes.Insert(0, Declaration(outer));
            }

            AttributeData? request = FindAttribute(type, "TryOnRequestAttribute");
            AttributeData? model = FindAttribute(type, "TryOnModelAttribute");
            if (request is null)
            {
                return null;
            }

            var garments = new List<GarmentSpec>();
            var images = new List<ModelImageSpec>();
            GenerateCountMemberSpec? generateCount = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach ((string name, ITypeSymbol memberType, ImmutableArray<AttributeData> attributes) in Members(type, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (AttributeData attribute in attributes)
                {
                    // A member counts once, whether the attribute is on the parameter, the property or both.
                    if (!IsOurs(attribute.AttributeClass, out string? attributeName) || !seen.Add(name))
                    {
                        continue;
                    }

                    string member = EscapeIdentifier(name);
                    switch (attributeName)
                    {
                        case "GarmentAttribute" when ParseGarment(member, memberType, attribute) is { } garment:
                            garments.Add(garment);
                            break;
                        case "ModelImageAttribute" when ParseModelImage(member, memberType) is { } image:
                            images.Add(image);
                            break;
                        case "GenerateCountAttribute" when generateCount is null && ParseGenerateCount(member, memberType) is { } count:
                            generateCount = count;
                            break;
                        default:
                            seen.Remove(name);
                            break;
                    }
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
                generateCount);
        }

        // With [TryOnRequest] on two parts of one type (an error the compiler reports), only the part
        // holding the first one is emitted, so that two outputs never share a hint name.
        private static bool IsFirstDeclaration(INamedTypeSymbol type, SyntaxNode node)
        {
            SyntaxReference? first = FindAttribute(type, "TryOnRequestAttribute")?.ApplicationSyntaxReference;
            return first is not null && first.SyntaxTree == node.SyntaxTree && node.Span.Contains(first.Span);
        }

        private static bool CanExtend(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            type.TypeKind is TypeKind.Class or TypeKind.Struct &&
            !type.IsStatic &&
            !type.IsRefLikeType &&
            CanReopen(type, cancellationToken);

        // Another part can be added only where every declaration of the type says partial.
        private static bool CanReopen(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface) ||
                type.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration ||
                    !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return false;
                }
            }

            return true;
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
        private static string HintName(INamedTypeSymbol type)
        {
            string name = type.MetadataName;
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                name = outer.MetadataName + "+" + name;
            }

            return type.ContainingNamespace.IsGlobalNamespace
                ? name + ".g.cs"
                : type.ContainingNamespace.ToDisplayString() + "." + name + ".g.cs";
        }

        // Positional record parameters first, then properties, each with the attributes the user put on it.
        private static IEnumerable<(string Name, ITypeSymbol Type, ImmutableArray<AttributeData> Attributes)> Members(
            INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (IMethodSymbol constructor in type.InstanceConstructors)
            {
                if (!IsPrimaryConstructor(constructor, cancellationToken))
                {
                    continue;
                }

                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    // Only a parameter that became a readable property can be read when writing.
                    if (FindReadableProperty(type, parameter.Name) is not null)
                    {
                        yield return (parameter.Name, parameter.Type, parameter.GetAttributes());
                    }
                }
            }

            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property)
                {
                    yield return (property.Name, property.Type, property.GetAttributes());
                }
            }
        }

        private static bool IsPrimaryConstructor(IMethodSymbol constructor, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static IPropertySymbol? FindReadableProperty(INamedTypeSymbol type, string name)
        {
            foreach (ISymbol member in type.GetMembers(name))
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property)
                {
                    return property;
                }
            }

            return null;
        }

        private static GarmentSpec? ParseGarment(string member, ITypeSymbol type, AttributeData attribute)
        {
            // No constructor when the arguments did not bind (half typed, wrong type): not an untyped garment.
            if (!IsUrlType(type, out bool isUri) || attribute.AttributeConstructor is null)
            {
                return null;
            }

            if (attribute.ConstructorArguments.Length == 0)
            {
                return new GarmentSpec(member, isUri, null);
            }

            // A half-typed or undefined garment type leaves the member out; the analyzer says why.
            return EnumValue<GarmentType>(attribute.ConstructorArguments[0]) is { } garmentType
                ? new GarmentSpec(member, isUri, garmentType)
                : null;
        }

        private static ModelImageSpec? ParseModelImage(string member, ITypeSymbol type)
        {
            if (IsUrlType(type, out bool isUri))
            {
                return new ModelImageSpec(member, ModelImageShape.Single, isUri);
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                return IsUrlType(array.ElementType, out isUri) ? new ModelImageSpec(member, ModelImageShape.Array, isUri) : null;
            }

            if (type is not INamedTypeSymbol named || !TryGetSequenceElement(named, out ITypeSymbol? element) || !IsUrlType(element, out isUri))
            {
                return null;
            }

            ModelImageShape shape = named switch
            {
                { Name: "List", Arity: 1 } when IsNamespace(named.ContainingNamespace, "System", "Collections", "Generic") => ModelImageShape.List,
                { Name: "ImmutableArray", Arity: 1 } when IsNamespace(named.ContainingNamespace, "System", "Collections", "Immutable") => ModelImageShape.ImmutableArray,
                _ => ModelImageShape.Sequence,
            };
            return new ModelImageSpec(member, shape, isUri);
        }

        private static GenerateCountMemberSpec? ParseGenerateCount(string member, ITypeSymbol type) =>
            type switch
            {
                { SpecialType: SpecialType.System_Int32 } => new GenerateCountMemberSpec(member, IsNullable: false),
                INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                    when nullable.TypeArguments[0].SpecialType == SpecialType.System_Int32 => new GenerateCountMemberSpec(member, IsNullable: true),
                _ => null,
            };

        // The element type of IEnumerable<T>, where the type is or implements exactly one such interface.
        private static bool TryGetSequenceElement(INamedTypeSymbol type, out ITypeSymbol? element)
        {
            element = null;
            if (IsGenericEnumerable(type))
            {
                element = type.TypeArguments[0];
                return true;
            }

            foreach (INamedTypeSymbol candidate in type.AllInterfaces)
            {
                if (IsGenericEnumerable(candidate))
                {
                    if (element is not null)
                    {
                        return false;
                    }

                    element = candidate.TypeArguments[0];
                }
            }

            return element is not null;
        }

        private static bool IsGenericEnumerable(INamedTypeSymbol type) =>
            type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;

        private static bool IsUrlType(ITypeSymbol? type, out bool isUri)
        {
            isUri = type is INamedTypeSymbol { Name: "Uri", Arity: 0 } named && IsNamespace(named.ContainingNamespace, "System");
            return isUri || type?.SpecialType == SpecialType.System_String;
        }

        private static bool IsNamespace(INamespaceSymbol? symbol, params string[] names)
        {
            for (int i = names.Length - 1; i >= 0; i--)
            {
                if (symbol is null || symbol.Name != names[i])
                {
                    return false;
                }

                symbol = symbol.ContainingNamespace;
            }

            return symbol is { IsGlobalNamespace: true };
        }

        private static bool IsOurs(INamedTypeSymbol? attributeClass, out string? name)
        {
            name = attributeClass?.Name;
            return attributeClass is not null && IsNamespace(attributeClass.ContainingNamespace, "Aidge", "Declarative");
        }

        private static AttributeData? FindAttribute(INamedTypeSymbol type, string name)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (IsOurs(attribute.AttributeClass, out string? found) && found == name)
                {
                    return attribute;
                }
            }

            return null;
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

        private static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
