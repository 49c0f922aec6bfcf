using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Aidge.Declarative.Serialization;

namespace Aidge.Declarative.Benchmarks;

// The ways to write the submit body {"requestParams":"[...]"} that the generated serializer is measured
// against. Each writes the same bytes (checked at start-up).

/// <summary>The DTOs a user writes today to send a request with System.Text.Json.</summary>
public sealed class SubTaskDto
{
    [JsonPropertyName("clothesList")] public List<GarmentDto> ClothesList { get; set; } = new();
    [JsonPropertyName("modelImage")] public List<string>? ModelImage { get; set; }
    [JsonPropertyName("model")] public ModelDto? Model { get; set; }
    [JsonPropertyName("viewType")] public string? ViewType { get; set; }
    [JsonPropertyName("inputQualityDetect")] public int? InputQualityDetect { get; set; }
    [JsonPropertyName("generateCount")] public int? GenerateCount { get; set; }
}

public sealed class GarmentDto
{
    [JsonPropertyName("imageUrl")] public string ImageUrl { get; set; } = "";
    [JsonPropertyName("type")] public string? Type { get; set; }
}

public sealed class ModelDto
{
    [JsonPropertyName("base")] public string? Base { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("gender")] public string? Gender { get; set; }
    [JsonPropertyName("style")] public string? Style { get; set; }
    [JsonPropertyName("age")] public string? Age { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
}

public sealed class BodyDto
{
    [JsonPropertyName("requestParams")] public string RequestParams { get; set; } = "";
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<SubTaskDto>))]
[JsonSerializable(typeof(BodyDto))]
internal sealed partial class PeerJsonContext : JsonSerializerContext
{
}

internal static class Peers
{
    // What users write: no HTML escaping of & and =, or the URLs change meaning for nobody but look different.
    public static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly PeerJsonContext SourceGenerated = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static List<SubTaskDto> Dtos(Workload workload) => workload switch
    {
        Workload.VendorSample => new() { Dto(Data.Sample) },
        Workload.Large => new() { Dto(Data.Large) },
        _ => Data.Batch.Select(Dto).ToList(),
    };

    public static SubTaskDto Dto(VendorSample request) => new()
    {
        ClothesList = { new GarmentDto { ImageUrl = request.Top, Type = "tops" } },
        Model = new ModelDto { Base = "General", Gender = "female", Style = "universal_1", Body = "slim" },
        ViewType = "mixed",
        InputQualityDetect = 0,
        GenerateCount = 4,
    };

    public static SubTaskDto Dto(LargeSuit request) => new()
    {
        ClothesList = { new GarmentDto { ImageUrl = request.Top, Type = "tops" }, new GarmentDto { ImageUrl = request.Bottom, Type = "bottoms" } },
        ModelImage = request.Photos.ToList(),
        Model = new ModelDto { Base = "General", Name = "James" },
        ViewType = "mixed",
        InputQualityDetect = 1,
        GenerateCount = 8,
    };

    /// <summary>System.Text.Json with reflection, in two passes: the list to a string, then the body around it.</summary>
    public static byte[] ReflectionTwoPass(List<SubTaskDto> dtos)
    {
        string requestParams = JsonSerializer.Serialize(dtos, ReflectionOptions);
        return JsonSerializer.SerializeToUtf8Bytes(new BodyDto { RequestParams = requestParams }, ReflectionOptions);
    }

    /// <summary>System.Text.Json source generation, the same two passes.</summary>
    public static byte[] SourceGeneratedTwoPass(List<SubTaskDto> dtos)
    {
        string requestParams = JsonSerializer.Serialize(dtos, SourceGenerated.ListSubTaskDto);
        return JsonSerializer.SerializeToUtf8Bytes(new BodyDto { RequestParams = requestParams }, SourceGenerated.BodyDto);
    }

    /// <summary>A JsonObject built by hand, as the vendor's own samples build it.</summary>
    public static byte[] JsonNodes(Workload workload)
    {
        var array = new JsonArray();
        switch (workload)
        {
            case Workload.VendorSample:
                array.Add(Node(Data.Sample));
                break;
            case Workload.Large:
                array.Add(Node(Data.Large));
                break;
            default:
                foreach (VendorSample request in Data.Batch)
                {
                    array.Add(Node(request));
                }

                break;
        }

        var body = new JsonObject { ["requestParams"] = array.ToJsonString(ReflectionOptions) };
        return Encoding.UTF8.GetBytes(body.ToJsonString(ReflectionOptions));
    }

    /// <summary>A single Utf8JsonWriter pass for the array into a buffer, then the body written around it.</summary>
    public static void Utf8JsonWriterPass(Workload workload, ArrayBufferWriter<byte> inner, ArrayBufferWriter<byte> destination)
    {
        inner.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(inner, s_writerOptions))
        {
            writer.WriteStartArray();
            switch (workload)
            {
                case Workload.VendorSample:
                    Write(writer, Data.Sample);
                    break;
                case Workload.Large:
                    Write(writer, Data.Large);
                    break;
                default:
                    foreach (VendorSample request in Data.Batch)
                    {
                        Write(writer, request);
                    }

                    break;
            }

            writer.WriteEndArray();
        }

        using var body = new Utf8JsonWriter(destination, s_writerOptions);
        body.WriteStartObject();
        body.WriteString("requestParams"u8, inner.WrittenSpan);
        body.WriteEndObject();
    }

    private static JsonObject Node(VendorSample request) => new()
    {
        ["clothesList"] = new JsonArray(new JsonObject { ["imageUrl"] = request.Top, ["type"] = "tops" }),
        ["model"] = new JsonObject { ["base"] = "General", ["gender"] = "female", ["style"] = "universal_1", ["body"] = "slim" },
        ["viewType"] = "mixed",
        ["inputQualityDetect"] = 0,
        ["generateCount"] = 4,
    };

    private static JsonObject Node(LargeSuit request) => new()
    {
        ["clothesList"] = new JsonArray(
            new JsonObject { ["imageUrl"] = request.Top, ["type"] = "tops" },
            new JsonObject { ["imageUrl"] = request.Bottom, ["type"] = "bottoms" }),
        ["modelImage"] = new JsonArray(request.Photos.Select(p => (JsonNode?)p).ToArray()),
        ["model"] = new JsonObject { ["base"] = "General", ["name"] = "James" },
        ["viewType"] = "mixed",
        ["inputQualityDetect"] = 1,
        ["generateCount"] = 8,
    };

    private static void Write(Utf8JsonWriter writer, VendorSample request)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("clothesList"u8);
        writer.WriteStartObject();
        writer.WriteString("imageUrl"u8, request.Top);
        writer.WriteString("type"u8, "tops"u8);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("model"u8);
        writer.WriteString("base"u8, "General"u8);
        writer.WriteString("gender"u8, "female"u8);
        writer.WriteString("style"u8, "universal_1"u8);
        writer.WriteString("body"u8, "slim"u8);
        writer.WriteEndObject();
        writer.WriteString("viewType"u8, "mixed"u8);
        writer.WriteNumber("inputQualityDetect"u8, 0);
        writer.WriteNumber("generateCount"u8, 4);
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, LargeSuit request)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("clothesList"u8);
        writer.WriteStartObject();
        writer.WriteString("imageUrl"u8, request.Top);
        writer.WriteString("type"u8, "tops"u8);
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteString("imageUrl"u8, request.Bottom);
        writer.WriteString("type"u8, "bottoms"u8);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartArray("modelImage"u8);
        foreach (string photo in request.Photos)
        {
            writer.WriteStringValue(photo);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("model"u8);
        writer.WriteString("base"u8, "General"u8);
        writer.WriteString("name"u8, "James"u8);
        writer.WriteEndObject();
        writer.WriteString("viewType"u8, "mixed"u8);
        writer.WriteNumber("inputQualityDetect"u8, 1);
        writer.WriteNumber("generateCount"u8, 8);
        writer.WriteEndObject();
    }
}

/// <summary>
/// The practical limit: one pass that copies precomputed, already double-escaped UTF-8 literals for the
/// constant parts and escapes only the values (twice) straight into the buffer, asking it for space once.
/// Exactly what a generator that knows the constants at compile time can emit; written by hand here.
/// </summary>
internal static class HandOptimised
{
    private static readonly byte[] s_bodyOpen = Encoding.UTF8.GetBytes("{\"requestParams\":\"[");
    private static readonly byte[] s_bodyClose = Encoding.UTF8.GetBytes("]\"}");
    private static readonly byte[] s_sampleOpen = Escaped("{\"clothesList\":[{\"imageUrl\":\"");
    private static readonly byte[] s_sampleClose = Escaped("\",\"type\":\"tops\"}],\"model\":{\"base\":\"General\",\"gender\":\"female\",\"style\":\"universal_1\",\"body\":\"slim\"},\"viewType\":\"mixed\",\"inputQualityDetect\":0,\"generateCount\":4}");
    private static readonly byte[] s_largeOpen = Escaped("{\"clothesList\":[{\"imageUrl\":\"");
    private static readonly byte[] s_largeBetween = Escaped("\",\"type\":\"tops\"},{\"imageUrl\":\"");
    private static readonly byte[] s_largeImagesOpen = Escaped("\",\"type\":\"bottoms\"}],\"modelImage\":[\"");
    private static readonly byte[] s_largeImageSeparator = Escaped("\",\"");
    private static readonly byte[] s_largeClose = Escaped("\"],\"model\":{\"base\":\"General\",\"name\":\"James\"},\"viewType\":\"mixed\",\"inputQualityDetect\":1,\"generateCount\":8}");

    public static void Write(Workload workload, IBufferWriter<byte> destination)
    {
        int estimate = workload switch
        {
            Workload.VendorSample => 512,
            Workload.Large => 8192,
            _ => 8192,
        };
        Span<byte> span = destination.GetSpan(estimate);
        int written = Copy(s_bodyOpen, span, 0);
        switch (workload)
        {
            case Workload.VendorSample:
                written = WriteSample(Data.Sample, span, written);
                break;
            case Workload.Large:
                LargeSuit large = Data.Large;
                written = Copy(s_largeOpen, span, written);
                written = Value(large.Top, span, written);
                written = Copy(s_largeBetween, span, written);
                written = Value(large.Bottom, span, written);
                written = Copy(s_largeImagesOpen, span, written);
                for (int i = 0; i < large.Photos.Length; i++)
                {
                    if (i != 0)
                    {
                        written = Copy(s_largeImageSeparator, span, written);
                    }

                    written = Value(large.Photos[i], span, written);
                }

                written = Copy(s_largeClose, span, written);
                break;
            default:
                for (int i = 0; i < Data.Batch.Length; i++)
                {
                    if (i != 0)
                    {
                        span[written++] = (byte)',';
                    }

                    written = WriteSample(Data.Batch[i], span, written);
                }

                break;
        }

        written = Copy(s_bodyClose, span, written);
        destination.Advance(written);
    }

    private static int WriteSample(VendorSample sample, Span<byte> span, int written)
    {
        written = Copy(s_sampleOpen, span, written);
        written = Value(sample.Top, span, written);
        return Copy(s_sampleClose, span, written);
    }

    private static int Copy(byte[] literal, Span<byte> span, int at)
    {
        literal.CopyTo(span[at..]);
        return at + literal.Length;
    }

    private static int Value(string value, Span<byte> span, int at)
    {
        return at + JsonEscaping.EscapeAll(value, span[at..], twice: true);
    }

    private static byte[] Escaped(string json)
    {
        var buffer = new byte[json.Length * JsonEscaping.MaxBytesPerChar];
        JsonEscaping.Escape(json, buffer, twice: false, out _, out int written);
        return buffer.AsSpan(0, written).ToArray();
    }
}
