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

    internal static partial class TryOnDeclarations
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
