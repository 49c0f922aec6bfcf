using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Aidge.Declarative.Serialization;
using Xunit;

namespace Aidge.Declarative.Generators.Tests;

/// <summary>
/// The escaping the generator runs at compile time is the netstandard2.0 build of the runtime's code:
/// its scalar path (the runtime's net8.0 build also has a vectorized one) must round-trip too.
/// </summary>
public class ScalarEscapingTests
{
    public static TheoryData<string> Texts => new()
    {
        "plain",
        "\"\\/\b\f\n\r\t\u0000\u001F\u007F",
        "caf\u00E9 \u4E2D \uD83D\uDE00 \u2028",
        "</script>&'<>",
        string.Concat(Enumerable.Repeat("x\"\u00E9\uD83D\uDE00", 500)),
    };

    [Theory]
    [MemberData(nameof(Texts), DisableDiscoveryEnumeration = true)]
    public void Escaped_once_it_parses_back(string text)
    {
        string json = "\"" + Escape(text, twice: false) + "\"";

        Assert.Equal(text, JsonSerializer.Deserialize<string>(json));
    }

    [Theory]
    [MemberData(nameof(Texts), DisableDiscoveryEnumeration = true)]
    public void Escaped_twice_it_parses_back_twice(string text)
    {
        string outer = "\"" + Escape("\"" + Escape(text, twice: false) + "\"", twice: false) + "\"";
        string twice = "\"\\\"" + Escape(text, twice: true) + "\\\"\"";

        Assert.Equal(outer, twice);
        Assert.Equal(text, JsonSerializer.Deserialize<string>(JsonSerializer.Deserialize<string>(twice)!));
    }

    [Fact]
    public void An_unpaired_surrogate_is_found_and_refused()
    {
        string text = "ok \uD83D\uDE00 then " + '\uDC00';

        Assert.Equal(text.Length - 1, Rules.TryOnRules.IndexOfUnpairedSurrogate(text.AsSpan()));
        Assert.Equal(-1, Rules.TryOnRules.IndexOfUnpairedSurrogate("\uD83D\uDE00".AsSpan()));
        Assert.Throws<ArgumentException>(() => Escape(text, twice: false));
    }

    private static string Escape(string text, bool twice)
    {
        var buffer = new byte[(text.Length + 1) * JsonEscaping.MaxBytesPerChar];
        JsonEscaping.Escape(text.AsSpan(), buffer, twice, out int consumed, out int written);
        Assert.Equal(text.Length, consumed);
        return Encoding.UTF8.GetString(buffer, 0, written);
    }
}
