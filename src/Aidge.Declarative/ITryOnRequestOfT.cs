using System;
using System.ComponentModel;
using Aidge.Declarative.Serialization;

namespace Aidge.Declarative
{
    /// <summary>
    /// A try-on request class that writes a batch of its own type in one loop. The source generator implements
    /// it beside <see cref="ITryOnRequest"/> for every partial class (not struct) marked
    /// <see cref="TryOnRequestAttribute"/>; it is not meant to be implemented by hand.
    /// </summary>
    /// <remarks>
    /// <see cref="TryOnSerializer"/> calls it once per batch, on the first request, instead of
    /// <see cref="ITryOnRequest.WriteSubTask"/> once per request: the serializer's generic code is shared
    /// between classes, so a call per request cannot be inlined, and the writer's place would go through
    /// memory between requests. In the generated loop each request's code is inlined and the place stays in locals.
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
