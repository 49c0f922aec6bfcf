using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aidge.Declarative.Client.Wire
{
    // The shapes of the service's answers. The vendor's pages type success and resCode as boolean and
    // number, its samples send strings: the converters accept both. Unknown fields are ignored.

    internal sealed class Envelope
    {
        /// <summary>The gateway's code: "0" when it accepted the call.</summary>
        [JsonPropertyName("code")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Code { get; set; }

        /// <summary>The gateway's message when it refused the call.</summary>
        [JsonPropertyName("message")]
        public string? Message { get; set; }

        [JsonPropertyName("resCode")]
        [JsonConverter(typeof(LenientIntConverter))]
        public int? ResCode { get; set; }

        [JsonPropertyName("resMessage")]
        public string? ResMessage { get; set; }

        [JsonPropertyName("success")]
        [JsonConverter(typeof(LenientBoolConverter))]
        public bool? Success { get; set; }

        [JsonPropertyName("requestId")]
        public string? RequestId { get; set; }

        [JsonPropertyName("request_id")]
        public string? GatewayRequestId { get; set; }

        [JsonPropertyName("data")]
        public JsonElement Data { get; set; }
    }

    /// <summary>The submit's <c>data.result</c>, a JSON string holding this object.</summary>
    internal sealed class SubmitResult
    {
        [JsonPropertyName("taskId")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? TaskId { get; set; }
    }

    /// <summary>The query's <c>data</c>.</summary>
    internal sealed class QueryData
    {
        [JsonPropertyName("taskId")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? TaskId { get; set; }

        [JsonPropertyName("taskStatus")]
        public string? TaskStatus { get; set; }

        [JsonPropertyName("taskResult")]
        public List<SubTaskData>? TaskResult { get; set; }
    }

    internal sealed class SubTaskData
    {
        [JsonPropertyName("taskStatus")]
        public string? TaskStatus { get; set; }

        [JsonPropertyName("result")]
        public SubTaskResultData? Result { get; set; }
    }

    internal sealed class SubTaskResultData
    {
        [JsonPropertyName("imageList")]
        public List<ImageData>? ImageList { get; set; }

        /// <summary>The garment URL the sub-task used: a string, or a list of them (or of objects with imageUrl).</summary>
        [JsonPropertyName("clothes")]
        public JsonElement Clothes { get; set; }
    }

    internal sealed class ImageData
    {
        [JsonPropertyName("imageUrl")]
        public string? ImageUrl { get; set; }
    }

    [JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
    [JsonSerializable(typeof(Envelope))]
    [JsonSerializable(typeof(SubmitResult))]
    [JsonSerializable(typeof(QueryData))]
    internal sealed partial class WireJsonContext : JsonSerializerContext
    {
    }
}
