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
    // A request's members: which count, in what order, and which member types each attribute supports.
    internal static partial class TryOnDeclarations
    {
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
                        // A marked parameter of another constructor is said to be unreadable (AIDGE010), never silently left out.
                        foreach (IParameterSymbol parameter in constructor.Parameters)
                        {
                            Add(declaring, parameter.Name, parameter.Type, parameter, parameter.GetAttributes(),
                                "is a parameter of a constructor that is not a primary one, and so becomes no member the serializer can read: put the attribute on the property it sets",
                                hides: false);
                        }

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
    }
}
