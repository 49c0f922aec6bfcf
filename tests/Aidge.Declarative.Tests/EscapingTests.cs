using System;
using System.Buffers;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.Json;
using Aidge.Declarative.Serialization;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>Any string a user can hold is written as valid JSON, once in requestParams and twice in the body, and reads back unchanged.</summary>
public class EscapingTests
{
    public static TheoryData<string> HardStrings => new()
    {
        "plain https://img.example/a.jpg",
        "quote \" inside",
        "back\\slash and \\\" together",
        "controls \b\f\n\r\t \u0000 \u0001 \u001F end",
        "del \u007F and next-line \u0085 and separators \u2028 \u2029",
        "caf\u00E9 \u4E2D\u6587 \uD83D\uDE00 \U0001F9E5",
        "</script><script>alert('x')</script> & < > ' +",
        "https://img.example/pengxin.zpx%2Fdatasets%2Fa.png?OSSAccessKeyId=LTAI&Expires=1883910332&Signature=eb%3D",
        string.Empty,
        "https://img.example/" + new string('a', 10_000),
        "https://img.example/" + string.Concat(Enumerable.Repeat("\"\\\u0001\u00E9\uD83D\uDE00", 3_000)),
    };

    [Theory]
    [MemberData(nameof(HardStrings), DisableDiscoveryEnumeration = true)]
    public void RequestParams_parse_back_to_the_same_value(string value)
    {
        var request = new SummerSuit(value, "https://img.example/b.jpg");

        using JsonDocument document = JsonDocument.Parse(request.ToRequestParams());

        Assert.Equal(value, document.RootElement[0].GetProperty("clothesList")[0].GetProperty("imageUrl").GetString());
    }

    [Theory]
    [MemberData(nameof(HardStrings), DisableDiscoveryEnumeration = true)]
    public void The_body_parses_twice_back_to_the_same_value(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var request = new OwnModelTop("https://img.example/t.jpg", value);

        TryOnSerializer.WriteRequestBody(buffer, new[] { request });

        using JsonDocument body = JsonDocument.Parse(buffer.WrittenMemory);
        string requestParams = body.RootElement.GetProperty("requestParams").GetString()!;
        Assert.Equal(request.ToRequestParams(), requestParams);
        using JsonDocument inner = JsonDocument.Parse(requestParams);
        Assert.Equal(value, inner.RootElement[0].GetProperty("modelImage")[0].GetString());
    }

    [Theory]
    [MemberData(nameof(HardStrings), DisableDiscoveryEnumeration = true)]
    public void A_buffer_that_hands_out_tiny_spans_gets_the_same_bytes(string value)
    {
        var request = new SummerSuit(value, "b");
        var whole = new ArrayBufferWriter<byte>();
        var tiny = new SlackBufferWriter(0);

        TryOnSerializer.WriteRequestBody(whole, new[] { request });
        TryOnSerializer.WriteRequestBody(tiny, new[] { request });

        Assert.Equal(whole.WrittenSpan.ToArray(), tiny.Written);
    }

    [Fact]
    public void Escapes_use_the_short_forms_and_upper_case_hex()
    {
        var request = new SummerSuit("\"\\\b\f\n\r\t\u0001\u001f/", "b");

        Assert.StartsWith(
            """[{"clothesList":[{"imageUrl":"\"\\\b\f\n\r\t\u0001\u001F/","type":"tops"}""",
            request.ToRequestParams(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_strings_are_escaped_at_compile_time_the_same_way()
    {
        const string Base = "Quote\" Back\\slash\n Tab\t Bell\u0007 </script> caf\u00E9 \u4E2D \U0001F600 line\u2028separator next\u0085line";
        var request = new EscapedConstant("g");
        var buffer = new ArrayBufferWriter<byte>();

        TryOnSerializer.WriteRequestBody(buffer, new[] { request });

        using JsonDocument document = JsonDocument.Parse(request.ToRequestParams());
        Assert.Equal(Base, document.RootElement[0].GetProperty("model").GetProperty("base").GetString());
        using JsonDocument body = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(request.ToRequestParams(), body.RootElement.GetProperty("requestParams").GetString());
    }

    // Built in code: attribute arguments are stored as UTF-8, where an unpaired surrogate becomes U+FFFD.
    public static TheoryData<string> UnpairedSurrogates => new()
    {
        "lone high " + '\uD83D' + " end",
        "lone low " + '\uDE00' + " end",
        "high at the end " + '\uD83D',
        "reversed " + '\uDE00' + '\uD83D',
    };

    [Theory]
    [MemberData(nameof(UnpairedSurrogates), DisableDiscoveryEnumeration = true)]
    public void A_value_with_an_unpaired_surrogate_is_refused_not_written_broken(string value)
    {
        var request = new SummerSuit(value, "b");

        ArgumentException error = Assert.Throws<ArgumentException>(() => request.ToRequestParams());
        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TryOnSerializer.WriteRequestBody(new ArrayBufferWriter<byte>(), new[] { request }));
    }

    [Fact]
    public void After_a_refused_value_the_next_string_on_the_thread_is_clean()
    {
        Assert.Throws<ArgumentException>(() => new SummerSuit("\uD800", "b").ToRequestParams());

        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"t","type":"tops"},{"imageUrl":"b","type":"bottoms"}],"model":{"base":"General","name":"James"},"viewType":"mixed","generateCount":4}]""",
            new SummerSuit("t", "b").ToRequestParams());
    }

    [Fact]
    public void Utf8_output_is_the_string_output()
    {
        var request = new SummerSuit("caf\u00E9 \uD83D\uDE00", "\u4E2D");
        var buffer = new ArrayBufferWriter<byte>();

        request.WriteRequestParams(buffer);

        Assert.Equal(request.ToRequestParams(), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Spans_a_little_larger_than_asked_for_give_the_same_bytes_wherever_a_value_stops_fitting()
    {
        // Each request reserves room for its constant parts once; a value that does not fit in what is left
        // takes the checked path. Spans with 0 to 600 bytes of slack, in steps of 7, move that point through every member.
        string image = "https://img.example/p.jpg?a=1&b=%2F\"" + new string('x', 40);
        var requests = new[]
        {
            new EveryImageShape(new Uri("https://img.example/g\u00E9.jpg"))
            {
                Single = image,
                SingleUri = new Uri(image + "u"),
                Array = new[] { image, null, image + "\u4E2D" },
                List = new() { image },
                Immutable = ImmutableArray.Create(new Uri(image + "i")),
                ReadOnlyList = new[] { new Uri(image + "r") },
                Sequence = Enumerable.Repeat(image, 1),
            },
            new EveryImageShape(new Uri("https://img.example/h.jpg")) { Sequence = Enumerable.Empty<string>() },
        };
        var whole = new ArrayBufferWriter<byte>();
        TryOnSerializer.WriteRequestBody(whole, requests);
        var wholeParams = new ArrayBufferWriter<byte>();
        TryOnSerializer.WriteRequestParams(wholeParams, requests.AsSpan());

        for (int slack = 0; slack <= 600; slack += 7)
        {
            var body = new SlackBufferWriter(slack);
            TryOnSerializer.WriteRequestBody(body, requests);
            Assert.Equal(whole.WrittenSpan.ToArray(), body.Written);
            var requestParams = new SlackBufferWriter(slack);
            TryOnSerializer.WriteRequestParams(requestParams, requests.AsSpan());
            Assert.Equal(wholeParams.WrittenSpan.ToArray(), requestParams.Written);
        }
    }

    [Fact]
    public void The_writers_own_writes_fit_in_the_room_the_generator_counts_for_them()
    {
        // The generator adds WriterRoom's figures to each request's reservation; the escaped form is the longer.
        var destination = new SlackBufferWriter(0);
        var writer = new RequestParamsWriter(destination, "["u8, escaped: true);
        Span<byte> span = writer.Begin(WriterRoom.Separator + WriterRoom.ArrayClose + WriterRoom.Number);
        Assert.Equal(WriterRoom.Separator + WriterRoom.ArrayClose + WriterRoom.Number, span.Length);

        int garments = 1;
        int at = writer.WriteSeparator(span, 0, ref garments);
        Assert.Equal(WriterRoom.Separator, at);
        at = writer.CloseArray(span, at, count: 1);
        Assert.Equal(WriterRoom.Separator + WriterRoom.ArrayClose, at);
        at = writer.WriteNumber(span, at, int.MinValue);
        Assert.Equal(WriterRoom.Separator + WriterRoom.ArrayClose + WriterRoom.Number, at);
        writer.End(at);
        writer.Flush();

        Assert.Equal("[,\\\"]-2147483648", Encoding.UTF8.GetString(destination.Written));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_buffer_that_gives_less_than_asked_for_is_refused_with_both_sizes(int honestSpans)
    {
        // The first span (the opening's) and a later one (a request's room) are both checked.
        var request = new SummerSuit("https://img.example/a.jpg", "https://img.example/b.jpg");

        var body = Assert.Throws<InvalidOperationException>(() => TryOnSerializer.WriteRequestBody(new ShortBufferWriter(honestSpans), new[] { request }));
        var requestParams = Assert.Throws<InvalidOperationException>(() => TryOnSerializer.WriteRequestParams(new ShortBufferWriter(honestSpans), request));

        const string Sizes = @"returned \d+ bytes where at least \d+ were asked for, which breaks its contract";
        Assert.Matches(Sizes, body.Message);
        Assert.Matches(Sizes, requestParams.Message);
    }

    /// <summary>
    /// An <see cref="IBufferWriter{T}"/> that gives <c>slack</c> bytes more than is asked for; with none,
    /// exactly what is asked for, which exercises every refill.
    /// </summary>
    internal sealed class SlackBufferWriter(int slack) : IBufferWriter<byte>
    {
        private readonly System.Collections.Generic.List<byte> _written = new();
        private byte[] _current = Array.Empty<byte>();

        public byte[] Written => _written.ToArray();

        public void Advance(int count) => _written.AddRange(_current.AsSpan(0, count).ToArray());

        public Memory<byte> GetMemory(int sizeHint = 0) => _current = new byte[Math.Max(sizeHint, 1) + slack];

        public Span<byte> GetSpan(int sizeHint = 0) => _current = new byte[Math.Max(sizeHint, 1) + slack];
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> that gives what is asked for <c>honestSpans</c> times, then one byte less.</summary>
    private sealed class ShortBufferWriter(int honestSpans) : IBufferWriter<byte>
    {
        private int _spans;

        public void Advance(int count)
        {
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => new byte[Size(sizeHint)];

        public Span<byte> GetSpan(int sizeHint = 0) => new byte[Size(sizeHint)];

        private int Size(int sizeHint) => _spans++ < honestSpans ? Math.Max(sizeHint, 1) : Math.Max(sizeHint, 1) - 1;
    }
}
