using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Aidge.Declarative.Client.Wire
{
    /// <summary>Turns any answer into an envelope, or into an <see cref="AidgeException"/> that says what was wrong with it.</summary>
    internal static class ResponseReader
    {
        public static async Task<Envelope> ReadAsync(HttpResponseMessage response, string api)
        {
            byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            try
            {
                return JsonSerializer.Deserialize(body, WireJsonContext.Default.Envelope)
                    ?? throw NotJson(response, body, api, "is null", null);
            }
            catch (JsonException exception)
            {
                return body.Length == 0
                    ? throw NotJson(response, body, api, "is empty", exception)
                    : body[0] is (byte)'{' or (byte)'['
                        ? throw NotJson(response, body, api, "is not complete JSON (truncated?)", exception)
                        : throw NotJson(response, body, api, "is not JSON", exception);
            }
        }

        /// <summary>The failure an envelope reports, or null when it reports success.</summary>
        public static AidgeException? ErrorOf(Envelope envelope, HttpResponseMessage response, string api)
        {
            string? requestId = envelope.AnyRequestId;
            HttpStatusCode status = response.StatusCode;
            if (envelope.Code is { } code && code != "0")
            {
                string message = envelope.Message ?? envelope.ResMessage ?? code;
                return new AidgeException(
                    "The Aidge gateway refused the call to " + api + " (code " + code + "): " + message, AidgeErrorKind.Gateway, 0, message, requestId, status);
            }

            if (envelope.ResCode is { } resCode && resCode != AidgeResCodes.Success)
            {
                AidgeErrorKind kind = AidgeResCodes.KindOf(resCode, envelope.ResMessage);
                return new AidgeException(
                    "Aidge " + api + " answered " + resCode + " (" + kind + "): " + envelope.ResMessage, kind, resCode, envelope.ResMessage, requestId, status);
            }

            if (envelope.Success == false)
            {
                return new AidgeException(
                    "Aidge " + api + " answered success = false: " + envelope.ResMessage,
                    AidgeResCodes.KindOf(0, envelope.ResMessage), 0, envelope.ResMessage, requestId, status);
            }

            if (!response.IsSuccessStatusCode)
            {
                AidgeErrorKind kind = (int)status >= 500 ? AidgeErrorKind.ServiceFault : (int)status == 429 ? AidgeErrorKind.RateLimited : AidgeErrorKind.Unknown;
                return new AidgeException(
                    "Aidge " + api + " answered HTTP " + (int)status + " " + response.ReasonPhrase + ": " + envelope.ResMessage, kind, 0, envelope.ResMessage, requestId, status);
            }

            if (envelope.Code is null && envelope.ResCode is null && envelope.Success is null)
            {
                return new AidgeException(
                    "Aidge " + api + " answered JSON with none of code, resCode or success, so it cannot be read as the API's answer.",
                    AidgeErrorKind.InvalidResponse, 0, null, requestId, status);
            }

            return null;
        }

        private static AidgeException NotJson(HttpResponseMessage response, byte[] body, string api, string what, Exception? inner)
        {
            string mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            return new AidgeException(
                "Aidge " + api + " answered HTTP " + (int)response.StatusCode + " with a body that " + what + " (" + mediaType + ", " + body.Length + " bytes): " + Snippet(body),
                AidgeErrorKind.InvalidResponse,
                statusCode: response.StatusCode,
                innerException: inner);
        }

        // The start of a body, on one line, for an error message.
        private static string Snippet(byte[] body)
        {
            string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 160));
            var line = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                line.Append(char.IsControl(c) ? ' ' : c);
            }

            return body.Length > 160 ? line + "..." : line.ToString();
        }
    }
}
