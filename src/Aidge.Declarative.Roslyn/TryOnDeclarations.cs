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
    /// <param name="NotReadableBecause">
    /// Why the generated code cannot read it through <c>this.Name</c> (a parameter that became no property, a property with no
    /// getter, a base member that is private or hidden), in words that follow the member's name; null when it can.
    /// </param>
    internal sealed record RequestMember(string Name, ITypeSymbol Type, ISymbol Symbol, AttributeData Attribute, MemberRole Role, string? NotReadableBecause)
    {
        /// <summary>Whether the generated code can read it.</summary>
        public bool IsReadable => NotReadableBecause is null;
    }

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
        /// The members carrying a member attribute, in writing order: those of the base types first, as System.Text.Json
        /// reads inherited properties, then the type's own; in each type, positional parameters, then properties. A member
        /// counts once, with its first member attribute; any further ones on the same member are in <paramref name="extras"/>.
        /// A derived declaration of an inherited member (an override, or one hiding it) that carries a member attribute takes
        /// its place; one that hides it without an attribute leaves it unreadable, since <c>this.Name</c> no longer reaches it.
        /// </summary>
        public static List<RequestMember> ReadMembers(INamedTypeSymbol type, List<RequestMember>? extras, CancellationToken cancellationToken)
        {
            var members = new List<RequestMember>();
            var positions = new Dictionary<string, int>(System.StringComparer.Ordinal);
            foreach (INamedTypeSymbol declaring in BaseFirst(type))
            {
                var seenHere = new HashSet<string>(System.StringComparer.Ordinal);
                foreach (IMethodSymbol constructor in declaring.InstanceConstructors)
                {
                    if (!IsPrimaryConstructor(constructor, cancellationToken))
                    {
                        continue;
                    }

                    foreach (IParameterSymbol parameter in constructor.Parameters)
                    {
                        IPropertySymbol? property = FindReadableProperty(declaring, parameter.Name);
                        string? unreadable = property is null ? "is a constructor parameter that does not become a property" : Inaccessible(property, type);
                        Add(declaring, parameter.Name, parameter.Type, parameter, parameter.GetAttributes(), unreadable, hides: false);
                    }
                }

                foreach (ISymbol member in declaring.GetMembers())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                    {
                        string? unreadable = property.GetMethod is null ? "is a property with no getter" : Inaccessible(property, type);
                        Add(declaring, property.Name, property.Type, property, property.GetAttributes(), unreadable, hides: !property.IsOverride);
                    }
                }

                void Add(INamedTypeSymbol owner, string name, ITypeSymbol memberType, ISymbol symbol, ImmutableArray<AttributeData> attributes, string? unreadable, bool hides)
                {
                    // A member still being typed has no name yet: it is no member.
                    if (!SyntaxFacts.IsValidIdentifier(name))
                    {
                        return;
                    }

                    bool marked = false;
                    foreach (AttributeData attribute in attributes)
                    {
                        if (RoleOf(attribute) is not { } role)
                        {
                            continue;
                        }

                        marked = true;
                        var found = new RequestMember(name, memberType, symbol, attribute, role, unreadable);
                        if (!seenHere.Add(name))
                        {
                            extras?.Add(found);
                        }
                        else if (positions.TryGetValue(name, out int at))
                        {
                            members[at] = found;
                        }
                        else
                        {
                            positions[name] = members.Count;
                            members.Add(found);
                        }
                    }

                    if (!marked && hides && positions.TryGetValue(name, out int hidden) && !seenHere.Contains(name) &&
                        !SymbolEqualityComparer.Default.Equals(members[hidden].Symbol.ContainingType, owner))
                    {
                        RequestMember inherited = members[hidden];
                        members[hidden] = inherited with
                        {
                            NotReadableBecause = "is declared in '" + inherited.Symbol.ContainingType.Name + "' and hidden by '" + owner.Name + "." + name + "', which the serializer would read instead",
                        };
                    }
                }
            }

            return members;
        }

        // The type and its base types below object, the most basic first.
        private static List<INamedTypeSymbol> BaseFirst(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
            {
                chain.Insert(0, current);
            }

            return chain;
        }

        // Why a base type's property cannot be read from the request type's generated code; null when it can.
        private static string? Inaccessible(IPropertySymbol property, INamedTypeSymbol from)
        {
            if (SymbolEqualityComparer.Default.Equals(property.ContainingType.OriginalDefinition, from.OriginalDefinition))
            {
                return null;
            }

            Accessibility access = property.GetMethod?.DeclaredAccessibility ?? property.DeclaredAccessibility;
            string owner = property.ContainingType.Name;
            return access switch
            {
                Accessibility.Private => "is private in '" + owner + "'",
                Accessibility.Internal or Accessibility.ProtectedAndInternal
                    when !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, from.ContainingAssembly) && !property.ContainingAssembly.GivesAccessTo(from.ContainingAssembly) =>
                    "is internal to '" + owner + "''s assembly",
                _ => null,
            };
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

        // The property a positional parameter becomes: its own type's, or an inherited one (a derived record does not
        // declare a property its base already has).
        private static IPropertySymbol? FindReadableProperty(INamedTypeSymbol type, string name)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers(name))
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property)
                    {
                        return property;
                    }
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
