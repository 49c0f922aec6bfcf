// How a [TryOnRequest] declaration is read from symbols: which members count, which member types are
// supported, how a collection of model images is held.
//
// Compiled, as linked source, into the generator and the analyzers, so that the analyzer reports exactly
// what the generator skips: a member the generator cannot write is a member the analyzer flags.

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Aidge.Declarative.Roslyn
{
    /// <summary>What a member attribute makes of a member.</summary>
    internal enum MemberRole
    {
        /// <summary><c>[Garment]</c>: a garment's image URL.</summary>
        Garment,

        /// <summary><c>[ModelImage]</c>: one or more model image URLs.</summary>
        ModelImage,

        /// <summary><c>[GenerateCount]</c>: the request's generateCount.</summary>
        GenerateCount,
    }

    /// <summary>How a <c>[ModelImage]</c> member holds its URLs; it decides how they are enumerated without allocating.</summary>
    internal enum ModelImageShape
    {
        /// <summary>One URL.</summary>
        Single,

        /// <summary>An array: indexed.</summary>
        Array,

        /// <summary>A <c>List&lt;T&gt;</c>: its struct enumerator.</summary>
        List,

        /// <summary>An <c>ImmutableArray&lt;T&gt;</c>: its struct enumerator, when not default.</summary>
        ImmutableArray,

        /// <summary>Any other sequence: indexed when it is a list, enumerated otherwise.</summary>
        Sequence,
    }

    /// <summary>A member carrying one of the member attributes: a positional parameter or a property.</summary>
    /// <param name="Name">The member's name as declared.</param>
    /// <param name="Type">The member's type.</param>
    /// <param name="Symbol">The parameter or property the attribute is on.</param>
    /// <param name="Attribute">The member attribute.</param>
    /// <param name="Role">What the attribute makes of the member.</param>
    /// <param name="IsReadable">Whether the generated code can read it: a property, or a parameter that became one.</param>
    internal sealed record RequestMember(string Name, ITypeSymbol Type, ISymbol Symbol, AttributeData Attribute, MemberRole Role, bool IsReadable);

    internal static class TryOnDeclarations
    {
        public const string TryOnRequestAttribute = "Aidge.Declarative.TryOnRequestAttribute";
        public const string TryOnRequest = "TryOnRequestAttribute";
        public const string TryOnModel = "TryOnModelAttribute";

        /// <summary>Whether an attribute class is one of ours, and its name.</summary>
        public static bool IsOurs(INamedTypeSymbol? attributeClass, out string? name)
        {
            name = attributeClass?.Name;
            return attributeClass is not null && IsNamespace(attributeClass.ContainingNamespace, "Aidge", "Declarative");
        }

        public static AttributeData? FindAttribute(ISymbol symbol, string name)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (IsOurs(attribute.AttributeClass, out string? found) && found == name)
                {
                    return attribute;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether the type, its type parameters and everything it is declared in have names yet: a declaration
        /// still being typed (<c>public partial record</c> with no name, <c>Look&lt;T, &gt;</c>) cannot be re-opened.
        /// </summary>
        public static bool IsFullyNamed(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? part = type; part is not null; part = part.ContainingType)
            {
                if (!SyntaxFacts.IsValidIdentifier(part.Name))
                {
                    return false;
                }

                foreach (ITypeParameterSymbol parameter in part.TypeParameters)
                {
                    if (!SyntaxFacts.IsValidIdentifier(parameter.Name))
                    {
                        return false;
                    }
                }
            }

            for (INamespaceSymbol? space = type.ContainingNamespace; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
            {
                if (!SyntaxFacts.IsValidIdentifier(space.Name))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether another part of the type can be declared: every declaration of it says partial.</summary>
        public static bool IsPartialEverywhere(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (type.DeclaringSyntaxReferences.IsEmpty)
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

        /// <summary>Why the generator cannot extend a [TryOnRequest] type, or null when it can (partial-ness aside).</summary>
        public static string? UnsupportedKind(INamedTypeSymbol type) => type switch
        {
            { IsStatic: true } => "a static class has no instances to send",
            { IsRefLikeType: true } => "a ref struct cannot implement ITryOnRequest",
            { TypeKind: not (TypeKind.Class or TypeKind.Struct) } => "only classes, structs and records can be requests",
            _ => null,
        };

        /// <summary>
        /// The members carrying a member attribute, in writing order: positional parameters, then properties.
        /// A member counts once, with its first member attribute; any further ones on the same member are in
        /// <paramref name="extras"/>.
        /// </summary>
        public static List<RequestMember> ReadMembers(INamedTypeSymbol type, List<RequestMember>? extras, CancellationToken cancellationToken)
        {
            var members = new List<RequestMember>();
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (IMethodSymbol constructor in type.InstanceConstructors)
            {
                if (!IsPrimaryConstructor(constructor, cancellationToken))
                {
                    continue;
                }

                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    bool readable = FindReadableProperty(type, parameter.Name) is not null;
                    Add(parameter.Name, parameter.Type, parameter, parameter.GetAttributes(), readable);
                }
            }

            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    Add(property.Name, property.Type, property, property.GetAttributes(), property.GetMethod is not null);
                }
            }

            return members;

            void Add(string name, ITypeSymbol memberType, ISymbol symbol, ImmutableArray<AttributeData> attributes, bool readable)
            {
                // A member still being typed has no name yet: it is no member.
                if (!SyntaxFacts.IsValidIdentifier(name))
                {
                    return;
                }

                foreach (AttributeData attribute in attributes)
                {
                    if (RoleOf(attribute) is not { } role)
                    {
                        continue;
                    }

                    var found = new RequestMember(name, memberType, symbol, attribute, role, readable);
                    if (seen.Add(name))
                    {
                        members.Add(found);
                    }
                    else
                    {
                        extras?.Add(found);
                    }
                }
            }
        }

        public static MemberRole? RoleOf(AttributeData attribute)
        {
            if (!IsOurs(attribute.AttributeClass, out string? name))
            {
                return null;
            }

            return name switch
            {
                "GarmentAttribute" => MemberRole.Garment,
                "ModelImageAttribute" => MemberRole.ModelImage,
                "GenerateCountAttribute" => MemberRole.GenerateCount,
                _ => null,
            };
        }

        /// <summary>Whether a garment member's type is supported: <c>string</c> or <c>System.Uri</c>.</summary>
        public static bool IsUrlType(ITypeSymbol? type, out bool isUri)
        {
            isUri = type is INamedTypeSymbol { Name: "Uri", Arity: 0 } named && IsNamespace(named.ContainingNamespace, "System");
            return isUri || type?.SpecialType == SpecialType.System_String;
        }

        /// <summary>How a model image member holds its URLs, or null when its type is not supported.</summary>
        public static ModelImageShape? ModelImageShapeOf(ITypeSymbol type, out bool isUri)
        {
            if (IsUrlType(type, out isUri))
            {
                return ModelImageShape.Single;
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                return IsUrlType(array.ElementType, out isUri) ? ModelImageShape.Array : null;
            }

            if (type is not INamedTypeSymbol named || !TryGetSequenceElement(named, out ITypeSymbol? element) || !IsUrlType(element, out isUri))
            {
                return null;
            }

            return named switch
            {
                { Name: "List", Arity: 1 } when IsNamespace(named.ContainingNamespace, "System", "Collections", "Generic") => ModelImageShape.List,
                { Name: "ImmutableArray", Arity: 1 } when IsNamespace(named.ContainingNamespace, "System", "Collections", "Immutable") => ModelImageShape.ImmutableArray,
                _ => ModelImageShape.Sequence,
            };
        }

        /// <summary>Whether a generateCount member's type is supported: <c>int</c> or <c>int?</c>.</summary>
        public static bool IsGenerateCountType(ITypeSymbol type, out bool isNullable)
        {
            isNullable = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
                nullable.TypeArguments[0].SpecialType == SpecialType.System_Int32;
            return isNullable || type.SpecialType == SpecialType.System_Int32;
        }

        /// <summary>Whether the member's type suits its role.</summary>
        public static bool IsSupportedType(RequestMember member) => member.Role switch
        {
            MemberRole.Garment => IsUrlType(member.Type, out _),
            MemberRole.ModelImage => ModelImageShapeOf(member.Type, out _) is not null,
            _ => IsGenerateCountType(member.Type, out _),
        };

        public static bool IsNamespace(INamespaceSymbol? symbol, params string[] names)
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
    }
}
