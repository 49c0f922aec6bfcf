using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using Aidge.Declarative.Serialization;

namespace Aidge.Declarative
{
    /// <summary>
    /// A try-on request: one sub-task of the Aidge API. The source generator implements it for every
    /// partial type marked <see cref="TryOnRequestAttribute"/>; it is not meant to be implemented by hand.
    /// </summary>
    /// <remarks>
    /// To send several requests as the sub-tasks of one task, use
    /// <see cref="TryOnSerializer.WriteRequestParams{TRequest}(IBufferWriter{byte}, System.ReadOnlySpan{TRequest})"/>.
    /// </remarks>
    public interface ITryOnRequest
    {
        /// <summary>The edition that runs this request, from <see cref="TryOnRequestAttribute.Edition"/>.</summary>
        TryOnEdition Edition { get; }

        /// <summary>
        /// Writes the request's <c>requestParams</c> as UTF-8 JSON: an array holding this one request,
        /// with no outer wrapping.
        /// </summary>
        /// <param name="destination">Where the bytes go.</param>
        void WriteRequestParams(IBufferWriter<byte> destination);

        /// <summary>The text <see cref="WriteRequestParams"/> writes, as a string.</summary>
        string ToRequestParams();

        /// <summary>
        /// Checks the values only known at run time (URLs, how many garments and model images are not null,
        /// the generateCount) against the API's rules, and returns every problem; empty when the request is valid.
        /// </summary>
        IReadOnlyList<TryOnProblem> Validate();

        /// <summary>Writes this request's JSON object (one element of the array). Called by the serializer.</summary>
        /// <param name="writer">The writer, which knows whether the JSON is written as it is or escaped into a string.</param>
        [EditorBrowsable(EditorBrowsableState.Never)]
        void WriteSubTask(ref RequestParamsWriter writer);
    }
}
