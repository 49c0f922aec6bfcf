using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Aidge.Declarative.Roslyn;
using Microsoft.CodeAnalysis;

namespace Aidge.Declarative.Analyzers
{
    /// <summary>The members the generator writes, per request type, read once per compilation.</summary>
    internal sealed class RequestShapes
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, RequestShape?> _shapes = new(SymbolEqualityComparer.Default);

        /// <summary>The shape of a [TryOnRequest] type (constructed or not), or null for any other type.</summary>
        public RequestShape? For(ITypeSymbol? type, CancellationToken cancellationToken) =>
            type is INamedTypeSymbol named
                ? _shapes.GetOrAdd(named.OriginalDefinition, definition => RequestShape.Create(definition, cancellationToken))
                : null;
    }

    internal sealed class RequestShape
    {
        private readonly Dictionary<string, RequestMember> _byName;

        private RequestShape(List<RequestMember> members)
        {
            Members = members;
            _byName = new Dictionary<string, RequestMember>(System.StringComparer.Ordinal);
            foreach (RequestMember member in members)
            {
                _byName[member.Name] = member;
                if (member.Role == MemberRole.ModelImage && TryOnDeclarations.ModelImageShapeOf(member.Type, out _) == ModelImageShape.Single)
                {
                    SingleModelImages++;
                }
            }
        }

        /// <summary>The members the generator writes, in writing order.</summary>
        public List<RequestMember> Members { get; }

        /// <summary>How many [ModelImage] members hold one URL each.</summary>
        public int SingleModelImages { get; }

        public static RequestShape? Create(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (TryOnDeclarations.FindAttribute(type, TryOnDeclarations.TryOnRequest) is null)
            {
                return null;
            }

            List<RequestMember> members = TryOnDeclarations.ReadMembers(type, extras: null, cancellationToken);
            members.RemoveAll(member => !member.IsReadable || !TryOnDeclarations.IsSupportedType(member));
            return new RequestShape(members);
        }

        public RequestMember? Member(string name) => _byName.TryGetValue(name, out RequestMember? member) ? member : null;

        /// <summary>
        /// The member a constructor argument goes to: a positional parameter of the primary constructor, or the property a
        /// record's positional parameter of the same name becomes (its own, with <c>[property: ...]</c>, or its base's).
        /// </summary>
        public RequestMember? MemberFor(IParameterSymbol parameter) => Member(parameter.Name) switch
        {
            { Symbol: IParameterSymbol declared } member when SymbolEqualityComparer.Default.Equals(declared.ContainingSymbol, parameter.ContainingSymbol.OriginalDefinition) => member,
            { Symbol: IPropertySymbol } member when parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType.IsRecord: true } => member,
            _ => null,
        };
    }
}
