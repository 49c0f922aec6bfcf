using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Aidge.Declarative.Serialization;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>Several requests as the sub-tasks of one task.</summary>
public class BatchTests
{
    [Fact]
    public void A_batch_is_one_array_of_each_requests_object_in_order()
    {
        ITryOnRequest[] batch = { new SummerSuit("t", "b"), new OwnModelTop("t2", "p"), new StructDress { Dress = "d" } };

        string requestParams = TryOnSerializer.ToRequestParams(batch);

        string expected = "[" + string.Join(",", Array.ConvertAll(batch, r => r.ToRequestParams()[1..^1])) + "]";
        Assert.Equal(expected, requestParams);
        using JsonDocument document = JsonDocument.Parse(requestParams);
        Assert.Equal(3, document.RootElement.GetArrayLength());
    }

    [Fact]
    public void Span_and_sequence_overloads_write_the_same_bytes()
    {
        var batch = new List<SummerSuit> { new("t1", "b1"), new("t2", "b2") };
        var fromSpan = new ArrayBufferWriter<byte>();
        var fromSequence = new ArrayBufferWriter<byte>();

        TryOnSerializer.WriteRequestParams(fromSpan, batch.ToArray().AsSpan());
        TryOnSerializer.WriteRequestParams(fromSequence, (IEnumerable<SummerSuit>)batch);

        Assert.Equal(fromSpan.WrittenSpan.ToArray(), fromSequence.WrittenSpan.ToArray());
        Assert.Equal(TryOnSerializer.ToRequestParams((IEnumerable<SummerSuit>)batch), Encoding.UTF8.GetString(fromSpan.WrittenSpan));
    }

    [Fact]
    public void The_body_of_a_batch_holds_the_batch_as_a_string()
    {
        var batch = new[] { new SummerSuit("t1", "b1"), new SummerSuit("t2", "b\"2") };
        var fromSpan = new ArrayBufferWriter<byte>();
        var fromSequence = new ArrayBufferWriter<byte>();

        TryOnSerializer.WriteRequestBody(fromSpan, batch.AsSpan());
        TryOnSerializer.WriteRequestBody(fromSequence, (IEnumerable<SummerSuit>)batch);

        using JsonDocument body = JsonDocument.Parse(fromSpan.WrittenMemory);
        Assert.Equal(TryOnSerializer.ToRequestParams(batch.AsSpan()), body.RootElement.GetProperty("requestParams").GetString());
        Assert.Equal(fromSpan.WrittenSpan.ToArray(), fromSequence.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64 * 1024)]
    public void A_batch_of_one_generated_class_is_written_by_its_own_loop_as_each_request_alone(int slack)
    {
        // Each branch of the request's code (a garment missing either way or both, values to escape, a value longer than
        // a chunk, non-ASCII), and spans from exactly what is asked for to room for everything: every refill of the loop.
        var batch = new SummerSuit[]
        {
            new("https://img.example/a.jpg", "https://img.example/b.jpg"),

            // No value at all, before any long value: only the loop's own check makes room for the next request.
            new(null!, null!), new(null!, null!), new(null!, null!), new(null!, null!), new(null!, null!),
            new(null!, "https://img.example/only-bottom.jpg"),
            new("https://img.example/\"quoted\"\\back.jpg", null!),
            new("https://img.example/" + new string('x', 3000) + ".jpg", "https://img.example/d.jpg"),
            new("https://img.example/\u00e9t\u00e9.jpg", "https://img.example/\n.jpg"),
        };
        string expected = "[" + string.Join(",", Array.ConvertAll(batch, r => r.ToRequestParams()[1..^1])) + "]";

        var requestParams = new EscapingTests.SlackBufferWriter(slack);
        var body = new EscapingTests.SlackBufferWriter(slack);
        TryOnSerializer.WriteRequestParams(requestParams, batch.AsSpan());
        TryOnSerializer.WriteRequestBody(body, batch.AsSpan());

        Assert.Equal(expected, Encoding.UTF8.GetString(requestParams.Written));
        using JsonDocument document = JsonDocument.Parse(body.Written);
        Assert.Equal(expected, document.RootElement.GetProperty("requestParams").GetString());
    }

    [Fact]
    public void In_a_batch_of_a_base_class_each_derived_request_is_written_by_its_own_code()
    {
        // The base's loop meets a derived type with request code of its own (by hand, and generated: a request type
        // deriving from another), and one without (which inherits the base's).
        var batch = new BatchTop[]
        {
            new("https://img.example/1.jpg"),
            new BatchTopAndBottom("https://img.example/2.jpg", "https://img.example/2b.jpg"),
            new PlainBatchTop("https://img.example/3.jpg"),
            new GeneratedTopAndBottom("https://img.example/4.jpg", "https://img.example/4b.jpg"),
            new("https://img.example/5.jpg"),
        };

        string requestParams = TryOnSerializer.ToRequestParams(batch.AsSpan());

        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"https://img.example/1.jpg","type":"tops"}]},""" +
            """{"clothesList":[{"imageUrl":"https://img.example/2b.jpg","type":"bottoms"}],"viewType":"mixed"},""" +
            """{"clothesList":[{"imageUrl":"https://img.example/3.jpg","type":"tops"}]},""" +
            """{"clothesList":[{"imageUrl":"https://img.example/4.jpg","type":"tops"},{"imageUrl":"https://img.example/4b.jpg","type":"bottoms"}],"viewType":"halfbody"},""" +
            """{"clothesList":[{"imageUrl":"https://img.example/5.jpg","type":"tops"}]}]""",
            requestParams);
    }

    [Theory]
    [InlineData(0, true)]   // a generated class: its loop takes the batch
    [InlineData(1, false)]  // request code written by hand, with no loop: the batch is left to the serializer
    [InlineData(2, true)]   // a plain derived class: the base's loop, which writes the class itself through its own code
    [InlineData(3, true)]   // a generated derived class: its own loop
    public void The_first_requests_code_takes_a_class_batch_and_writes_all_of_it_or_leaves_it(int first, bool takes)
    {
        BatchTop[] kinds =
        {
            new("https://img.example/1.jpg"),
            new BatchTopAndBottom("https://img.example/2.jpg", "https://img.example/2b.jpg"),
            new PlainBatchTop("https://img.example/3.jpg"),
            new GeneratedTopAndBottom("https://img.example/4.jpg", "https://img.example/4b.jpg"),
        };
        var batch = new List<BatchTop> { kinds[first] };
        batch.AddRange(kinds);
        BatchTop[] requests = batch.ToArray();

        (string written, bool left) = WriteThroughFirst(requests);

        Assert.Equal(!takes, left);
        string each = string.Join(",", Array.ConvertAll(requests, r => ((ITryOnRequest)r).ToRequestParams()[1..^1]));
        Assert.Equal(takes ? "[" + each : "[" + ((ITryOnRequest)requests[0]).ToRequestParams()[1..^1], written);
        Assert.Equal("[" + each + "]", TryOnSerializer.ToRequestParams(requests.AsSpan()));
    }

    [Fact]
    public void A_generic_class_and_a_class_nested_in_a_generic_type_leave_their_batches_to_be_written_request_by_request()
    {
        // Such a type cannot name itself while the user types its constraints (see the generator's WritesBatches).
        AssertWrittenOneByOne(new TaggedLook<string>[] { new() { Top = "https://img.example/1.jpg", Tag = "a" }, new() { Top = "https://img.example/\"2\".jpg" }, new() });
        AssertWrittenOneByOne(new Catalog<int>.Look[] { new("https://img.example/1.jpg") { Key = 1 }, new("https://img.example/2.jpg") });

        static void AssertWrittenOneByOne<TRequest>(TRequest[] requests)
            where TRequest : class, ITryOnRequest
        {
            (string written, bool left) = WriteThroughFirst(requests);

            Assert.True(left);
            string each = string.Join(",", Array.ConvertAll(requests, r => r.ToRequestParams()[1..^1]));
            Assert.Equal("[" + requests[0].ToRequestParams()[1..^1], written);
            Assert.Equal("[" + each + "]", TryOnSerializer.ToRequestParams(requests.AsSpan()));
        }
    }

    // What the serializer does with a batch of a class: hands it over, then calls the first request's code once. Returns
    // what was written (after the array's opening) and whether the batch was left untaken.
    private static (string Written, bool Left) WriteThroughFirst<TRequest>(TRequest[] requests)
        where TRequest : class, ITryOnRequest
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new RequestParamsWriter(buffer, "["u8, escaped: false);
        writer.OfferBatch(new ReadOnlySpan<object?>(requests));
        requests[0].WriteSubTask(ref writer);
        bool left = writer.WithdrawBatch();
        writer.Flush();
        return (Encoding.UTF8.GetString(buffer.WrittenSpan), left);
    }

    [Fact]
    public void A_request_type_deriving_from_another_writes_and_checks_the_inherited_members_too()
    {
        var look = new GeneratedTopAndBottom("https://img.example/top.jpg", "https://img.example/bottom.jpg");
        BatchTop asBase = look;

        // Its own members hide the base's, and every way in reaches its own code: the base's members too, which go
        // through the interface.
        string expected = """[{"clothesList":[{"imageUrl":"https://img.example/top.jpg","type":"tops"},{"imageUrl":"https://img.example/bottom.jpg","type":"bottoms"}],"viewType":"halfbody"}]""";
        Assert.Equal(expected, look.ToRequestParams());
        Assert.Equal(expected, ((ITryOnRequest)asBase).ToRequestParams());
        Assert.Equal(expected, TryOnSerializer.ToRequestParams(asBase));
        Assert.Equal(expected, asBase.ToRequestParams());
        Assert.Equal(
            "[" + expected.Trim('[', ']') + "," + expected.Trim('[', ']') + "]",
            TryOnSerializer.ToRequestParams(new[] { look, look }.AsSpan()));

        // Validate checks the inherited garment as well as its own.
        Assert.Empty(look.Validate());
        Assert.Single(new GeneratedTopAndBottom("not a url", "https://img.example/bottom.jpg").Validate());
        Assert.Single(new GeneratedTopAndBottom("https://img.example/top.jpg", "not a url").Validate());
    }

    [Fact]
    public void A_sequence_that_is_an_array_of_a_derived_type_is_written_as_the_array()
    {
        // An IEnumerable<ITryOnRequest> that is a SummerSuit[] (array covariance) takes the span path, not the loop.
        var suits = new[] { new SummerSuit("t1", "b1"), new SummerSuit("t2", "b2") };

        Assert.Equal(TryOnSerializer.ToRequestParams(suits.AsSpan()), TryOnSerializer.ToRequestParams((IEnumerable<ITryOnRequest>)suits));
    }

    [Fact]
    public void An_empty_batch_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => TryOnSerializer.ToRequestParams(Array.Empty<SummerSuit>().AsSpan()));
        Assert.Contains("at least one request", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TryOnSerializer.ToRequestParams(new List<SummerSuit>()));
        Assert.Throws<ArgumentException>(() => TryOnSerializer.WriteRequestBody(new ArrayBufferWriter<byte>(), new List<SummerSuit>()));
    }

    [Fact]
    public void A_null_request_in_a_batch_is_refused_with_its_index()
    {
        var error = Assert.Throws<ArgumentException>(() => TryOnSerializer.ToRequestParams(new SummerSuit[] { new("t", "b"), null! }));
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => TryOnSerializer.ToRequestParams(new SummerSuit[] { null!, new("t", "b") }));
        Assert.Contains("index 0", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => TryOnSerializer.ToRequestParams(new BatchTop[] { new("t"), new BatchTopAndBottom("t", "b"), null! }));
        Assert.Contains("index 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => new SummerSuit("t", "b").WriteRequestParams(null!)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => TryOnSerializer.ToRequestParams((SummerSuit)null!)).ParamName);
        Assert.Equal("requests", Assert.Throws<ArgumentNullException>(() => TryOnSerializer.ToRequestParams((IEnumerable<SummerSuit>)null!)).ParamName);
    }
}

// A request class; a class derived from it with request code of its own written by hand; one that is a request type
// itself, with generated code; and a plain derived class.
[TryOnRequest]
public partial record BatchTop([Garment(GarmentType.Tops)] string Top);

public record BatchTopAndBottom(string Top, string Bottom) : BatchTop(Top), ITryOnRequest
{
    void ITryOnRequest.WriteSubTask(ref RequestParamsWriter writer)
    {
        Span<byte> span = writer.Begin(128); // more than both literals escaped
        int at = writer.WriteLiteral(span, 0, "{\"clothesList\":[{\"imageUrl\":\""u8, "{\\\"clothesList\\\":[{\\\"imageUrl\\\":\\\""u8);
        at = writer.WriteString(ref span, at, Bottom);
        at = writer.WriteLiteral(span, at, "\",\"type\":\"bottoms\"}],\"viewType\":\"mixed\"}"u8, "\\\",\\\"type\\\":\\\"bottoms\\\"}],\\\"viewType\\\":\\\"mixed\\\"}"u8);
        writer.End(at);
    }
}

public record PlainBatchTop(string Top) : BatchTop(Top);

[TryOnRequest(ViewType = ViewType.HalfBody)]
public partial record GeneratedTopAndBottom(string Top, [Garment(GarmentType.Bottoms)] string Bottom) : BatchTop(Top);
