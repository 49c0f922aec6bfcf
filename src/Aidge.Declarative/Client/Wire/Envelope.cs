using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aidge.Declarative.Client.Wire
{
    /// <summary>
    /// The envelope every answer comes in. The vendor's pages type success and resCode as boolean and
    /// number, its samples send strings: the converters accept both. Unknown fields are ignored. What is
    /// inside <see cref="Data"/> is read by <see cref="AnswerReader"/>.
    /// </summary>
    internal sealed class Envelope
    {
        /// <summary>The gateway's code: "0" when it accepted the call.</summary>
        [JsonPropertyName(WireNames.Answer.Code)]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Code { get; set; }

        /// <summary>The gateway's message when it refused the call.</summary>
        [JsonPropertyName(WireNames.Answer.Message)]
        public string? Message { get; set; }

        [JsonPropertyName(WireNames.Answer.ResCode)]
        [JsonConverter(typeof(LenientIntConverter))]
        public int? ResCode { get; set; }

        [JsonPropertyName(WireNames.Answer.ResMessage)]
        public string? ResMessage { get; set; }

        [JsonPropertyName(WireNames.Answer.Success)]
        [JsonConverter(typeof(LenientBoolConverter))]
        public bool? Success { get; set; }

        [JsonPropertyName(WireNames.Answer.RequestId)]
        public string? RequestId { get; set; }

        [JsonPropertyName(WireNames.Answer.GatewayRequestId)]
        public string? GatewayRequestId { get; set; }

        /// <summary>The gateway's refusal: who is at fault (<c>ISV</c>, <c>ISP</c>, <c>SYSTEM</c>).</summary>
        [JsonPropertyName(WireNames.Answer.GatewayType)]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? GatewayType { get; set; }

        [JsonPropertyName(WireNames.Answer.TraceId)]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? TraceId { get; set; }

        /// <summary>The payload, as it came (a value of its own, safe to keep after the answer is gone).</summary>
        [JsonPropertyName(WireNames.Answer.Data)]
        public JsonElement Data { get; set; }

        /// <summary>The id to give the vendor's support: the API's, or else the gateway's.</summary>
        [JsonIgnore]
        public string? AnyRequestId => RequestId ?? GatewayRequestId;
    }

    [JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
    [JsonSerializable(typeof(Envelope))]
    internal sealed partial class WireJsonContext : JsonSerializerContext
    {
    }
}
