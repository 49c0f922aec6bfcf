using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Client.Wire
{
    /// <summary>
    /// Turns any answer into an envelope, or into an <see cref="AidgeException"/> that says what was wrong with it.
    /// The body is streamed into pooled memory and parsed from there, never more than the cap, never copied
    /// whole a second time; server text that reaches a message or a property is redacted first.
    /// </summary>
    internal static class ResponseReader
    {
        private const int FirstBufferBytes = 16 * 1024;
        private const int SnippetBytes = 160;

        /// <summary>Reads and parses the envelope of <paramref name="response"/>.</summary>
        /// <exception cref="AidgeException">The body is over <paramref name="maxBytes"/>, or is not the contract's JSON.</exception>
        public static async Task<Envelope> ReadAsync(HttpResponseMessage response, string api, int maxBytes, string accessKey, CancellationToken cancellationToken)
        {
            long? declared = response.Content.Headers.ContentLength;
            if (declared > maxBytes)
            {
                throw TooLarge(response, api, maxBytes, "declares " + declared + " bytes");
            }

#if NET8_0_OR_GREATER
            using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, Math.Min(declared ?? FirstBufferBytes, maxBytes)));
            int count = 0;
            try
            {
                while (true)
                {
                    int room = Math.Min(buffer.Length, maxBytes) - count;
                    if (room == 0)
                    {
                        if (count == maxBytes)
                        {
                            // At the cap: one byte more, and the answer is too large.
                            if (await ReadAsync(stream, new byte[1], 0, 1, cancellationToken).ConfigureAwait(false) != 0)
                            {
                                throw TooLarge(response, api, maxBytes, "goes on past that");
                            }

                            break;
                        }

                        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxBytes));
                        Buffer.BlockCopy(buffer, 0, larger, 0, count);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                        continue;
                    }

                    int read = await ReadAsync(stream, buffer, count, room, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    count += read;
                }

                return Parse(response, api, new ReadOnlySpan<byte>(buffer, 0, count), accessKey);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static ValueTask<int> ReadAsync(Stream stream, byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
            stream.ReadAsync(buffer.AsMemory(offset, count), cancellationToken);
#else
            new(stream.ReadAsync(buffer, offset, count, cancellationToken));
#endif

        /// <summary>The failure an envelope reports, or null when it reports success.</summary>
        /// <remarks>What a failure is is decided on the server's own text; only what is shown of it (messages, properties) is redacted.</remarks>
        public static AidgeException? ErrorOf(Envelope envelope, HttpResponseMessage response, string api, string accessKey)
        {
            // Server text is redacted only where an error is made of it: a successful answer pays for no redaction.
            string? requestId = envelope.AnyRequestId;
            string? traceId = envelope.TraceId;
            HttpStatusCode status = response.StatusCode;

            // A 429 says nothing ran, whatever body came with it (a gateway's, the API's, a proxy's).
            bool throttled = (int)status == 429;
            if (envelope.Code is { } code && code != WireNames.GatewayCodes.Accepted)
            {
                string shownCode = ServerText.Redact(code, accessKey)!;
                string? gatewayType = ServerText.SafeIdOrNull(ServerText.Redact(envelope.GatewayType, accessKey));
                string? rawMessage = envelope.Message ?? envelope.ResMessage;
                string message = ServerText.Redact(rawMessage ?? code, accessKey)!;
                AidgeErrorKind kind =
                    string.Equals(code, AidgeResCodes.NoResourceGatewayCode, StringComparison.Ordinal) || AidgeResCodes.IsQuotaExhaustedMessage(rawMessage) ? AidgeErrorKind.QuotaExhausted :
                    throttled || string.Equals(code, CallLimitGatewayCode, StringComparison.Ordinal) ? AidgeErrorKind.RateLimited :
                    AidgeErrorKind.Gateway;
                string what = kind switch
                {
                    AidgeErrorKind.QuotaExhausted => "The account has no quota left" + (api == TryOnRules.BalanceApiName ? string.Empty : " for " + api) + ": the Aidge gateway refused the call",
                    AidgeErrorKind.RateLimited => "The Aidge gateway refused the call to " + api + " as over the key's call limit (nothing ran)",
                    _ => "The Aidge gateway refused the call to " + api,
                };
                return new AidgeException(
                    what + " (code " + shownCode + (gatewayType is null ? string.Empty : ", type " + gatewayType + " " + Fault(gatewayType)) + "): " + Sentence(message) + Advice(kind),
                    kind,
                    0,
                    message,
                    requestId,
                    status,
                    gatewayCode: ServerText.SafeIdOrNull(shownCode),
                    gatewayType: gatewayType,
                    traceId: traceId);
            }

            if (envelope.ResCode is { } resCode && resCode != AidgeResCodes.Success)
            {
                string? resMessage = ServerText.Redact(envelope.ResMessage, accessKey);
                AidgeErrorKind kind = throttled ? AidgeErrorKind.RateLimited : AidgeResCodes.KindOf(resCode, envelope.ResMessage);
                return new AidgeException(
                    "Aidge " + api + " answered " + resCode + " (" + kind + "): " + Sentence(resMessage) + Advice(kind), kind, resCode, resMessage, requestId, status, traceId: traceId);
            }

            if (envelope.Success == false)
            {
                string? rawMessage = envelope.ResMessage ?? envelope.Message;
                string? resMessage = ServerText.Redact(rawMessage, accessKey);
                AidgeErrorKind kind = throttled ? AidgeErrorKind.RateLimited : AidgeResCodes.KindOf(0, rawMessage);
                return new AidgeException(
                    "Aidge " + api + " answered success = false: " + Sentence(resMessage) + Advice(kind), kind, 0, resMessage, requestId, status, traceId: traceId);
            }

            if (!response.IsSuccessStatusCode)
            {
                string? resMessage = ServerText.Redact(envelope.ResMessage, accessKey);
                AidgeErrorKind kind = (int)status >= 500 ? AidgeErrorKind.ServiceFault : throttled ? AidgeErrorKind.RateLimited : AidgeErrorKind.Unknown;
                return new AidgeException(
                    "Aidge " + api + " answered HTTP " + (int)status + " " + ServerText.Redact(response.ReasonPhrase, accessKey) + ": " + resMessage, kind, 0, resMessage, requestId, status, traceId: traceId);
            }

            if (envelope.Code is null && envelope.ResCode is null && envelope.Success is null)
            {
                return new AidgeException(
                    "Aidge " + api + " answered JSON with none of code, resCode or success, so it cannot be read as the API's answer.",
                    AidgeErrorKind.InvalidResponse, 0, null, requestId, status, traceId: traceId);
            }

            return null;
        }

        // The call limit's code in the gateways of the same family (the contract names none): a refusal before anything ran.
        private const string CallLimitGatewayCode = "ApiCallLimit";

        private static string Advice(AidgeErrorKind kind) => kind == AidgeErrorKind.QuotaExhausted ? " " + AidgeResCodes.QuotaAdvice : string.Empty;

        // Server text as a sentence of the message: what follows it must not run on from it.
        private static string? Sentence(string? text) =>
            text is { Length: > 0 } && text[text.Length - 1] is not ('.' or '!' or '?') ? text + "." : text;

        // The gateway's types, as its answers spell them.
        private static string Fault(string gatewayType) => gatewayType switch
        {
            "ISV" => "(the caller's)",
            "ISP" => "(the service's)",
            "SYSTEM" => "(the gateway's)",
            _ => "(a type the contract does not name)",
        };

        private static Envelope Parse(HttpResponseMessage response, string api, ReadOnlySpan<byte> body, string accessKey)
        {
            try
            {
                Envelope envelope = JsonSerializer.Deserialize(body, WireJsonContext.Default.Envelope)
                    ?? throw NotJson(response, body, api, "is null", null, accessKey);

                // Ids go into messages and logs: one that is not a short printable id is dropped, not shown.
                envelope.RequestId = ServerText.SafeIdOrNull(envelope.RequestId);
                envelope.GatewayRequestId = ServerText.SafeIdOrNull(envelope.GatewayRequestId);
                envelope.TraceId = ServerText.SafeIdOrNull(envelope.TraceId);
                return envelope;
            }
            catch (JsonException exception)
            {
                throw body.Length == 0
                    ? NotJson(response, body, api, "is empty", exception, accessKey)
                    : body[0] is (byte)'{' or (byte)'['
                        ? NotJson(response, body, api, "is not complete JSON (truncated?)", exception, accessKey)
                        : NotJson(response, body, api, "is not JSON", exception, accessKey);
            }
        }

        // Not retried: a server that sends one will again.
        private static AidgeException TooLarge(HttpResponseMessage response, string api, int maxBytes, string what) =>
            new(
                "Aidge " + api + " answered HTTP " + (int)response.StatusCode + " with a body that " + what + ", but the client reads at most " + maxBytes +
                " bytes (MaxResponseBytes); the rest was not read.",
                AidgeErrorKind.InvalidResponse,
                statusCode: response.StatusCode)
            {
                IsFinal = true,
            };

        // A 429 page from a proxy is still a rate limit, whatever its body: nothing ran, so a submit may be retried.
        private static AidgeException NotJson(HttpResponseMessage response, ReadOnlySpan<byte> body, string api, string what, Exception? inner, string accessKey)
        {
            string mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            return new AidgeException(
                "Aidge " + api + " answered HTTP " + (int)response.StatusCode + " with a body that " + what + " (" + mediaType + ", " + body.Length + " bytes): " +
                Snippet(body, accessKey),
                (int)response.StatusCode == 429 ? AidgeErrorKind.RateLimited : AidgeErrorKind.InvalidResponse,
                statusCode: response.StatusCode,
                innerException: inner);
        }

        // The start of a body, on one line, for an error message. Redacted before it is cut, over a margin, so that
        // a signing value or the access key that starts in the snippet is hidden whole.
        private static string Snippet(ReadOnlySpan<byte> body, string accessKey)
        {
            int margin = 256 + Encoding.UTF8.GetMaxByteCount(accessKey.Length);
            string text = ServerText.Redact(Encoding.UTF8.GetString(body.Slice(0, Math.Min(body.Length, SnippetBytes + margin)).ToArray()), accessKey)!;
            return text.Length > SnippetBytes ? text.Substring(0, SnippetBytes) + "..." : text;
        }
    }
}
