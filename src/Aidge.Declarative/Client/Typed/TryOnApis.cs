using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative
{
    /// <summary>
    /// Where the source generator registers each <see cref="TryOnApiAttribute"/> interface's implementation, from a
    /// module initializer of the assembly that declares it; <see cref="TryOnClient.CreateApi{TApi}"/> finds it here.
    /// Not meant to be called by hand.
    /// </summary>
    /// <remarks>
    /// A registration at module initialization, keyed by the interface's type, finds the implementation without
    /// reflection: nothing is looked up by name, and the registration itself roots the implementation, so trimming
    /// and Native AOT keep it. The initializer runs when the declaring assembly is first used, which it is by the time
    /// code names the interface.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class TryOnApis
    {
        private static readonly ConcurrentDictionary<Type, Func<TryOnClient, object>> s_factories = new();

        /// <summary>Registers the generated implementation of <typeparamref name="TApi"/>.</summary>
        public static void Register<TApi>(Func<TryOnClient, TApi> create)
            where TApi : class
        {
            if (create is null)
            {
                throw new ArgumentNullException(nameof(create));
            }

            s_factories[typeof(TApi)] = create;
        }

        /// <summary>Submits one request: a task of one sub-task. What a generated method returning <c>Task&lt;TryOnOperation&lt;T&gt;&gt;</c> calls.</summary>
        public static async Task<TryOnOperation<TRequest>> SubmitAsync<TRequest>(TryOnClient client, TRequest request, CancellationToken cancellationToken)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(client, nameof(client));
            if (Guard.IsNull(request))
            {
                throw new ArgumentNullException(nameof(request));
            }

            // One array: what is sent and what the operation pairs pictures with.
            var one = new[] { request };
            TryOnOperation operation = await client.SubmitOwnedAsync(one, cancellationToken).ConfigureAwait(false);
            return operation.WithRequests(one);
        }

        /// <summary>Submits requests as the sub-tasks of one task (one request type, so one edition).</summary>
        public static async Task<TryOnOperation<TRequest>> SubmitAsync<TRequest>(TryOnClient client, IReadOnlyList<TRequest> requests, CancellationToken cancellationToken)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(client, nameof(client));
            Guard.NotNull(requests, nameof(requests));

            // The operation keeps a copy: a list the caller changes later must not re-pair the pictures.
            var copy = new TRequest[requests.Count];
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = requests[i];
            }

            TryOnOperation operation = await client.SubmitOwnedAsync(copy, cancellationToken).ConfigureAwait(false);
            return operation.WithRequests(copy);
        }

        /// <summary>Submits one request and waits for its pictures. What a generated method returning <c>Task&lt;TryOnResult&lt;T&gt;&gt;</c> calls.</summary>
        public static async Task<TryOnResult<TRequest>> TryOnAsync<TRequest>(
            TryOnClient client, TRequest request, IProgress<TryOnResult<TRequest>>? progress, CancellationToken cancellationToken)
            where TRequest : ITryOnRequest
        {
            TryOnOperation<TRequest> operation = await SubmitAsync(client, request, cancellationToken).ConfigureAwait(false);
            return await operation.WaitForCompletionAsync(progress, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Submits requests as one task and waits for their pictures.</summary>
        public static async Task<TryOnResult<TRequest>> TryOnAsync<TRequest>(
            TryOnClient client, IReadOnlyList<TRequest> requests, IProgress<TryOnResult<TRequest>>? progress, CancellationToken cancellationToken)
            where TRequest : ITryOnRequest
        {
            TryOnOperation<TRequest> operation = await SubmitAsync(client, requests, cancellationToken).ConfigureAwait(false);
            return await operation.WaitForCompletionAsync(progress, cancellationToken).ConfigureAwait(false);
        }

        internal static TApi Create<TApi>(TryOnClient client)
            where TApi : class
        {
            if (!s_factories.TryGetValue(typeof(TApi), out Func<TryOnClient, object>? create))
            {
                // The declaring assembly's initializer runs before anything in it is used; naming the interface alone
                // need not count as a use, so run it (once; a no-op after) and look again.
                RuntimeHelpers.RunModuleConstructor(typeof(TApi).Module.ModuleHandle);
                s_factories.TryGetValue(typeof(TApi), out create);
            }

            if (create is null)
            {
                throw new InvalidOperationException(
                    typeof(TApi).FullName + " has no generated implementation: declare it as an interface marked [TryOnApi] in a project that " +
                    "references the Aidge.Declarative package (whose source generator implements it), and fix any AIDGE error on it.");
            }

            return (TApi)create(client);
        }
    }
}
