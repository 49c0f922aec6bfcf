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
    }

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => new SummerSuit("t", "b").WriteRequestParams(null!)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => TryOnSerializer.ToRequestParams((SummerSuit)null!)).ParamName);
        Assert.Equal("requests", Assert.Throws<ArgumentNullException>(() => TryOnSerializer.ToRequestParams((IEnumerable<SummerSuit>)null!)).ParamName);
    }
}
