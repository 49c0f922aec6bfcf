// How a [TryOnApi] interface is read from symbols: which members the generator implements, what each method
// does, and what stops it. Compiled, as linked source, into the generator and the analyzers, so that the analyzer
// reports exactly what makes the generator skip an interface.

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Aidge.Declarative.Roslyn
{
    /// <summary>Why the generator cannot implement a <c>[TryOnApi]</c> interface or one of its members.</summary>
    internal enum ApiProblem
    {
        /// <summary>Nothing: it can.</summary>
        None,

        /// <summary>The attribute is on a class or struct, or on a generic or inaccessible interface.</summary>
        NotAnInterface,

        /// <summary>A property, event or indexer to implement.</summary>
        NotAMethod,

        /// <summary>A method with type parameters.</summary>
        GenericMethod,

        /// <summary>A parameter that is not a request, a list of requests, a progress or a cancellation token.</summary>
        BadParameter,

        /// <summary>A parameter of a type that is meant to be sent but is no request: it has no <c>[TryOnRequest]</c>, or the generator cannot make it one.</summary>
        NotARequest,

        /// <summary>A return type that is not <c>Task&lt;TryOnOperation&lt;T&gt;&gt;</c> or <c>Task&lt;TryOnResult&lt;T&gt;&gt;</c> of the method's request type.</summary>
        BadReturnType,

        /// <summary>No <c>CancellationToken</c> parameter: implementable, but the call cannot be cancelled.</summary>
        NoCancellationToken,

        /// <summary>A method that a call with the requests alone cannot tell from another.</summary>
        Indistinct,
    }

    /// <summary>What a parameter of an API method carries.</summary>
    internal enum ApiRole
    {
        Request,
        Requests,
        Progress,
        CancellationToken,
    }

    /// <summary>A method of a <c>[TryOnApi]</c> interface, as read: what it does, or what is wrong with it.</summary>
    internal sealed class ApiMethod
    {
        public ApiMethod(IMethodSymbol method, bool isTryOn, INamedTypeSymbol? request, ImmutableArray<ApiRole> roles, ApiProblem problem, string? why, ISymbol? at)
        {
            Method = method;
            IsTryOn = isTryOn;
            Request = request;
            Roles = roles;
            Problem = problem;
            Why = why;
            At = at;
        }

        public IMethodSymbol Method { get; }

        /// <summary>Whether it submits and waits (<c>TryOnResult&lt;T&gt;</c>) rather than only submits.</summary>
        public bool IsTryOn { get; }

        /// <summary>The request type, when the method has a request parameter.</summary>
        public INamedTypeSymbol? Request { get; }

        /// <summary>What each parameter carries (empty when a parameter is not understood).</summary>
        public ImmutableArray<ApiRole> Roles { get; }

        public ApiProblem Problem { get; }

        /// <summary>The problem in words that follow the member's name.</summary>
        public string? Why { get; }

        /// <summary>The symbol the problem is about (a parameter, or the method).</summary>
        public ISymbol? At { get; }

        /// <summary>Whether the generator can implement it (a missing cancellation token is only a warning).</summary>
        public bool IsImplementable => Problem is ApiProblem.None or ApiProblem.NoCancellationToken;
    }

    internal static class TryOnApiDeclarations
    {
        public const string TryOnApiAttribute = "Aidge.Declarative.TryOnApiAttribute";

        /// <summary>
        /// Why the generator cannot implement the type at all, or null when it is an interface it can. On a class or a
        /// struct the compiler already refuses the attribute (CS0592): that is reported there, not twice.
        /// </summary>
        public static string? NotAnInterface(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Interface)
            {
                return "is not an interface";
            }

            if (type.IsGenericType)
            {
                return "is generic, but an implementation is registered for one closed interface: declare one interface per request type";
            }

            for (INamedTypeSymbol? part = type; part is not null; part = part.ContainingType)
            {
                if (part.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return "is not visible to its assembly (it or a type it is nested in is private or protected), so no class can implement it there";
                }
            }

            return null;
        }

        /// <summary>
        /// The members an implementation must provide: the abstract members of the interface and of the interfaces it
        /// extends, each once; a member with a default body or a static one is not.
        /// </summary>
        public static List<ISymbol> MembersToImplement(INamedTypeSymbol type)
        {
            var members = new List<ISymbol>();
            var interfaces = new List<INamedTypeSymbol> { type };
            interfaces.AddRange(type.AllInterfaces);
            foreach (INamedTypeSymbol declaring in interfaces)
            {
                foreach (ISymbol member in declaring.GetMembers())
                {
                    if (member.IsAbstract && !member.IsStatic && member is not IMethodSymbol { MethodKind: not MethodKind.Ordinary })
                    {
                        members.Add(member);
                    }
                }
            }

            return members;
        }

        private static bool IsProgress(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "IProgress", Arity: 1 } progress && TryOnDeclarations.IsNamespace(progress.ContainingNamespace, "System");

        /// <summary>What a method does, or why it cannot be implemented.</summary>
        public static ApiMethod Classify(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.IsGenericMethod)
            {
                return Problem(method, ApiProblem.GenericMethod, "has type parameters, but the generator implements a method for one request type: give it that type", method);
            }

            // The return type: Task<TryOnOperation<T>> submits, Task<TryOnResult<T>> submits and waits.
            INamedTypeSymbol? returned = null;
            bool isTryOn = false;
            if (method.ReturnType is INamedTypeSymbol { Name: "Task", Arity: 1 } task && TryOnDeclarations.IsNamespace(task.ContainingNamespace, "System", "Threading", "Tasks") &&
                task.TypeArguments[0] is INamedTypeSymbol { Arity: 1 } inner && TryOnDeclarations.IsNamespace(inner.ContainingNamespace, "Aidge", "Declarative") &&
                inner.Name is "TryOnOperation" or "TryOnResult")
            {
                isTryOn = inner.Name == "TryOnResult";
                returned = inner.TypeArguments[0] as INamedTypeSymbol;
            }

            INamedTypeSymbol? request = null;
            var roles = ImmutableArray.CreateBuilder<ApiRole>(method.Parameters.Length);
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                ApiRole? role = RoleOf(parameter, isTryOn, out INamedTypeSymbol? parameterRequest);
                if (role is null || parameter.RefKind != RefKind.None || roles.Contains(role.Value) ||
                    (role is ApiRole.Request or ApiRole.Requests && (roles.Contains(ApiRole.Request) || roles.Contains(ApiRole.Requests))))
                {
                    return Problem(
                        method,
                        ApiProblem.BadParameter,
                        "has a parameter '" + parameter.Name + "' that is not one the generator can send: a method takes one [TryOnRequest] type or an IReadOnlyList of one, " +
                        (isTryOn ? "an IProgress<TryOnResult<T>>, " : string.Empty) + "and a CancellationToken, each once" +
                        (!isTryOn && IsProgress(parameter.Type) ? " (an IProgress<TryOnResult<T>> goes only on a method that waits: one that returns Task<TryOnResult<T>>)" : string.Empty),
                        parameter);
                }

                if (role == ApiRole.Progress && (parameterRequest is null || returned is null || !SymbolEqualityComparer.Default.Equals(parameterRequest, returned)))
                {
                    return Problem(
                        method,
                        ApiProblem.BadParameter,
                        "reports progress of " + (parameterRequest?.Name ?? "another type") + " but returns a result of " + (returned?.Name ?? "another type") +
                        ": its IProgress<TryOnResult<T>> takes the request type it returns",
                        parameter);
                }

                if (role is ApiRole.Request or ApiRole.Requests)
                {
                    request = parameterRequest;
                }

                roles.Add(role.Value);
            }

            if (request is null)
            {
                return Problem(method, ApiProblem.BadParameter, "has no request to send: give it a [TryOnRequest] parameter, or an IReadOnlyList of one", method);
            }

            // A type meant to be sent must be a request by the time the client is generated; else its methods could not compile.
            if (!DeclarationSkips.IsOrWillBeRequest(request, cancellationToken))
            {
                IParameterSymbol sent = RequestParameter(method, roles)!;
                return Problem(
                    method,
                    ApiProblem.NotARequest,
                    TryOnDeclarations.FindAttribute(request, TryOnDeclarations.TryOnRequest) is null
                        ? "sends '" + request.Name + "' through '" + sent.Name + "', but " + request.Name + " has no [TryOnRequest]: mark it [TryOnRequest] and partial, with its [Garment] members"
                        : "sends '" + request.Name + "' through '" + sent.Name + "', a [TryOnRequest] type the generator cannot make a request: mend the error reported on " + request.Name,
                    sent);
            }

            if (returned is null || !SymbolEqualityComparer.Default.Equals(returned, request))
            {
                string expected = "Task<TryOnOperation<" + request.Name + ">> or Task<TryOnResult<" + request.Name + ">>";
                return Problem(
                    method,
                    ApiProblem.BadReturnType,
                    "returns " + method.ReturnType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + ", but a method sending " + request.Name + " returns " + expected,
                    method);
            }

            return roles.Contains(ApiRole.CancellationToken)
                ? new ApiMethod(method, isTryOn, request, roles.MoveToImmutable(), ApiProblem.None, null, null)
                : new ApiMethod(
                    method, isTryOn, request, roles.MoveToImmutable(), ApiProblem.NoCancellationToken,
                    "takes no CancellationToken, so a caller cannot cancel the call or its wait: add 'CancellationToken cancellationToken = default'", method);
        }

        /// <summary>
        /// The methods that a call with the requests alone cannot tell apart: same name, same request parameter, every
        /// other parameter optional. Each pair is given once, the later method second.
        /// </summary>
        public static IEnumerable<(ApiMethod First, ApiMethod Second)> Indistinct(List<ApiMethod> methods)
        {
            for (int i = 0; i < methods.Count; i++)
            {
                for (int j = i + 1; j < methods.Count; j++)
                {
                    ApiMethod first = methods[i], second = methods[j];
                    if (first.Request is not null && second.Request is not null && first.Method.Name == second.Method.Name &&
                        SameRequestParameter(first, second) && OnlyRequestRequired(first) && OnlyRequestRequired(second))
                    {
                        yield return (first, second);
                    }
                }
            }
        }

        private static bool SameRequestParameter(ApiMethod first, ApiMethod second) =>
            RequestParameter(first) is { } a && RequestParameter(second) is { } b && SymbolEqualityComparer.Default.Equals(a.Type, b.Type);

        private static IParameterSymbol? RequestParameter(ApiMethod method) => RequestParameter(method.Method, method.Roles);

        private static IParameterSymbol? RequestParameter(IMethodSymbol method, IReadOnlyList<ApiRole> roles)
        {
            for (int i = 0; i < roles.Count; i++)
            {
                if (roles[i] is ApiRole.Request or ApiRole.Requests)
                {
                    return method.Parameters[i];
                }
            }

            return null;
        }

        private static bool OnlyRequestRequired(ApiMethod method)
        {
            for (int i = 0; i < method.Roles.Length; i++)
            {
                if (method.Roles[i] is not (ApiRole.Request or ApiRole.Requests) && !method.Method.Parameters[i].HasExplicitDefaultValue)
                {
                    return false;
                }
            }

            return true;
        }

        private static ApiRole? RoleOf(IParameterSymbol parameter, bool isTryOn, out INamedTypeSymbol? request)
        {
            request = null;
            ITypeSymbol type = parameter.Type;
            if (type is INamedTypeSymbol { Name: "CancellationToken", Arity: 0 } token && TryOnDeclarations.IsNamespace(token.ContainingNamespace, "System", "Threading"))
            {
                return ApiRole.CancellationToken;
            }

            if (IsRequestType(type))
            {
                request = (INamedTypeSymbol)type;
                return ApiRole.Request;
            }

            if (type is INamedTypeSymbol { Arity: 1 } generic && TryOnDeclarations.IsNamespace(generic.ContainingNamespace, "System", "Collections", "Generic") &&
                generic.Name == "IReadOnlyList" && IsRequestType(generic.TypeArguments[0]))
            {
                request = (INamedTypeSymbol)generic.TypeArguments[0];
                return ApiRole.Requests;
            }

            if (isTryOn && type is INamedTypeSymbol { Name: "IProgress", Arity: 1 } progress && TryOnDeclarations.IsNamespace(progress.ContainingNamespace, "System") &&
                progress.TypeArguments[0] is INamedTypeSymbol { Name: "TryOnResult", Arity: 1 } result && TryOnDeclarations.IsNamespace(result.ContainingNamespace, "Aidge", "Declarative"))
            {
                request = result.TypeArguments[0] as INamedTypeSymbol;
                return ApiRole.Progress;
            }

            return null;
        }

        // A type the method means to send: one marked [TryOnRequest], or a class or struct of the user's own that is not (yet). A type of the
        // BCL (a string, a number, a list) is not one: it is a parameter the generator cannot send.
        private static bool IsRequestType(ITypeSymbol type) =>
            type is INamedTypeSymbol named &&
            (TryOnDeclarations.FindAttribute(named, TryOnDeclarations.TryOnRequest) is not null ||
             (named.TypeKind is TypeKind.Class or TypeKind.Struct && named.SpecialType == SpecialType.None && !named.IsTupleType && !InSystem(named.ContainingNamespace) &&
              !TryOnDeclarations.IsNamespace(named.ContainingNamespace, "Aidge", "Declarative")));

        private static bool InSystem(INamespaceSymbol? space)
        {
            while (space is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
            {
                space = space.ContainingNamespace;
            }

            return space is { Name: "System" or "Microsoft" };
        }

        private static ApiMethod Problem(IMethodSymbol method, ApiProblem problem, string why, ISymbol at) =>
            new(method, false, null, ImmutableArray<ApiRole>.Empty, problem, why, at);
    }
}
