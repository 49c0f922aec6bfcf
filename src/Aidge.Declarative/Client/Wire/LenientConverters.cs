using System;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aidge.Declarative.Client.Wire
{
    /// <summary>A number written as a number or as a string of digits (<c>200</c> or <c>"200"</c>).</summary>
    internal sealed class LenientIntConverter : JsonConverter<int?>
    {
        public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out int number) => number,
            JsonTokenType.String when Utf8Parser.TryParse(reader.ValueSpan, out int parsed, out int consumed) && consumed == reader.ValueSpan.Length && !reader.ValueIsEscaped => parsed,
            JsonTokenType.String when int.TryParse(reader.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int parsed) => parsed,
            _ => null,
        };

        public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) => throw new NotSupportedException();
    }

    /// <summary>A boolean written as a boolean or as a string (<c>true</c> or <c>"true"</c>).</summary>
    internal sealed class LenientBoolConverter : JsonConverter<bool?>
    {
        public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String => reader.GetString() switch
            {
                { } text when string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) => true,
                { } text when string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) => false,
                _ => null,
            },
            _ => null,
        };

        public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options) => throw new NotSupportedException();
    }

    /// <summary>A text written as a string or as a number (<c>"0"</c> or <c>0</c>).</summary>
    internal sealed class LenientStringConverter : JsonConverter<string?>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    reader.Skip();
                    return null;
                default:
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => throw new NotSupportedException();
    }
}
