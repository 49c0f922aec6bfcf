using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Serialization;

namespace Aidge.Declarative.Client
{
    /// <summary>
    /// A request body already written as UTF-8 into pooled memory: sent as it is, with its length known,
    /// and sent again as it is when a call is retried. The buffer belongs to the caller.
    /// </summary>
    internal sealed class PooledBodyContent : HttpContent
    {
        private readonly PooledBufferWriter _body;

        public PooledBodyContent(PooledBufferWriter body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(_body.Array, 0, _body.Count);

#if NET8_0_OR_GREATER
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            stream.WriteAsync(_body.Array, 0, _body.Count, cancellationToken);
#endif

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Count;
            return true;
        }
    }
}
