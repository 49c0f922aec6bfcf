using System;
using System.ComponentModel;
using Aidge.Declarative.Serialization;

namespace Aidge.Declarative
{
    /// <summary>
    /// A try-on request class that writes a batch of its own type in one loop. The source generator implements
    /// it beside <see cref="ITryOnRequest"/> for every partial class or record marked <see cref="TryOnRequestAttribute"/>
    /// that is not a struct, not generic and not nested in a generic type; it is not meant to be implemented by hand.
    /// </summary>
    /// <remarks>
    /// <see cref="TryOnSerializer"/> calls it once per batch of two or more, on the first request, instead of
    /// <see cref="ITryOnRequest.WriteSubTask"/> once per request: the serializer's generic code is shared
    /// between classes, so it can only call each request's code through the interface, and the writer's place
    /// goes through memory between requests. The generated loop holds the request's code itself and keeps the
    /// place in locals. A struct's requests need none of this: the serializer's code is compiled for each struct.
    /// The same loop writes a single request, which the serializer asks for through <see cref="ITryOnRequest.WriteSubTask"/>.
    /// </remarks>
    /// <typeparam name="TRequest">The generated request class.</typeparam>
    public interface ITryOnRequest<TRequest> : ITryOnRequest
        where TRequest : ITryOnRequest
    {
        /// <summary>
        /// Writes the JSON objects of <paramref name="requests"/>, separated by commas: every element of the
        /// array. Called by the serializer on the first request, whatever it is.
        /// </summary>
        /// <param name="writer">The writer, which knows whether the JSON is written as it is or escaped into a string.</param>
        /// <param name="requests">The batch; an element of a derived type is written by its own <see cref="ITryOnRequest.WriteSubTask"/>.</param>
        /// <exception cref="ArgumentException">An element is null.</exception>
        [EditorBrowsable(EditorBrowsableState.Never)]
        void WriteSubTasks(ref RequestParamsWriter writer, ReadOnlySpan<TRequest> requests);
    }
}
