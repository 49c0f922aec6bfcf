using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using Aidge.Declarative.Serialization;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>Writing into a reused buffer allocates nothing; producing a string allocates only the string.</summary>
public class AllocationTests
{
    private static readonly EveryImageShape s_everyShape = new(new Uri("https://img.example/g.jpg"))
    {
        Single = "https://img.example/1.jpg",
        SingleUri = new Uri("https://img.example/2.jpg"),
        Array = new[] { "https://img.example/3.jpg", "https://img.example/4.jpg?a=%2F&b=\"" },
        List = new List<string> { "https://img.example/5.jpg" },
        Immutable = ImmutableArray.Create(new Uri("https://img.example/6.jpg")),
        ReadOnlyList = new[] { new Uri("https://img.example/7.jpg") },
    };

    [Fact]
    public void Writing_requestParams_into_a_reused_buffer_allocates_nothing()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var suit = new SummerSuit("https://img.example/t\u00E9.jpg", "https://img.example/b.jpg");

        long allocated = Measure(() =>
        {
            buffer.ResetWrittenCount();
            suit.WriteRequestParams(buffer);
            buffer.ResetWrittenCount();
            s_everyShape.WriteRequestParams(buffer);
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Writing_a_batch_body_into_a_reused_buffer_allocates_nothing()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var batch = new[] { new StructDress { Dress = "d1" }, new StructDress { Dress = "d\n2" } };

        long allocated = Measure(() =>
        {
            buffer.ResetWrittenCount();
            TryOnSerializer.WriteRequestBody(buffer, batch.AsSpan());
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ToRequestParams_allocates_only_the_string()
    {
        var suit = new SummerSuit("https://img.example/t.jpg", "https://img.example/b.jpg");
        string text = suit.ToRequestParams();
        long stringSize = Measure(() => _ = new string('x', text.Length));

        long allocated = Measure(() => _ = suit.ToRequestParams());

        Assert.Equal(stringSize, allocated);
    }

    // Bytes allocated per call: the least over a few rounds of 1,000 calls, so that the JIT's one-off
    // work as methods tier up does not count, while an allocation in the code itself shows in every round.
    private static long Measure(Action action)
    {
        const int Calls = 1_000;
        long least = long.MaxValue;
        for (int round = 0; round < 5 && least != 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++)
            {
                action();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least / Calls;
    }
}
