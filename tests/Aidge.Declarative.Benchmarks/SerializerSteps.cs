using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Aidge.Declarative.Serialization;

namespace Aidge.Declarative.Benchmarks;

/// <summary>
/// <c>steps [rounds]</c>: where the serializer's time goes, one step at a time, each ratio taken within a round as in
/// <see cref="InterleavedRatios"/>: the vendor sample's body against the hand-optimised pass, and the large body against memcpy.
/// </summary>
/// <remarks>
/// <para>
/// The vendor sample, from the serializer down to the hand-optimised pass, each variant leaving something out: a copy of
/// the request's generated code as a one-request method, called with a writer made here, leaves out the serializer's own code
/// (its generic method shared between classes, and the interface call) and the batch loop; the same writes inline leave out
/// the call; the same copies and escape into a plain span leave out the writer's work that lets any buffer and any value
/// length work (its place kept in memory across calls, the room made per request, a fit check per value, the body's
/// opening and closing written through it). What is left against the hand-optimised pass is how each copies.
/// (The request's <c>WriteSubTask</c> called directly from here is no step between them: the JIT leaves the buffer's own
/// methods as calls in that caller, which the serializer has inlined.) The copy is of the generated code as of this
/// commit; every variant is checked at start-up to write the serializer's bytes.
/// </para>
/// <para>
/// The large body, from the serializer down to memcpy: its ten values escaped (twice, as in the body) one after another
/// into a plain buffer, with no writer; the same text as one value; a copy of the values' UTF-16 chars; and the copy of the
/// finished body. These write other bytes than the body (the values without the constant parts around them).
/// </para>
/// </remarks>
internal static class SerializerSteps
{
    private static readonly ArrayBufferWriter<byte> s_destination = new(64 * 1024);
    private static readonly byte[] s_bodyStart = TryOnSerializer.BodyStart(TryOnRules.Fields.RequestParams);

    public static int Run(string[] args)
    {
        int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 41;
        Console.WriteLine("# " + MachineInfo.Describe());
        VendorSampleTable(rounds);
        LargeBodyTable(rounds);
        Console.WriteLine($"Each cell: the median over {rounds} rounds [lowest-highest]; a ratio is taken within each round.");
        return 0;
    }

    private static void VendorSampleTable(int rounds)
    {
        (string Name, Action Write)[] variants =
        {
            ("the serializer", Serializer),
            ("one-request method (no loop)", OneRequestMethod),
            ("the writer's calls inline (no call)", WriterCallsInline),
            ("the same writes into a plain span (no writer)", PlainSpan),
            ("hand-optimised", HandOptimisedPass),
        };

        Serializer();
        byte[] expected = s_destination.WrittenSpan.ToArray();
        foreach ((string name, Action write) in variants)
        {
            write();
            if (!s_destination.WrittenSpan.SequenceEqual(expected))
            {
                throw new InvalidOperationException(name + " wrote other bytes than the serializer.");
            }
        }

        Print("vendor sample's body", "hand-optimised", variants, rounds);
    }

    private static void LargeBodyTable(int rounds)
    {
        var benchmarks = new SerializerBenchmarks { Workload = Workload.Large };
        benchmarks.Setup();
        LargeSuit large = Data.LargeRef;
        string[] values = new[] { large.Top, large.Bottom }.Concat(large.Photos).ToArray();
        string joined = string.Concat(values);
        byte[] chars = new byte[joined.Length * sizeof(char)];
        byte[] buffer = new byte[joined.Length * JsonEscaping.MaxBytesPerChar];
        (string Name, Action Write)[] variants =
        {
            ("the serializer", benchmarks.Generated),
            ("its 10 values escaped alone, no writer", () =>
            {
                int at = 0;
                foreach (string value in values)
                {
                    at += JsonEscaping.EscapeAll(value.AsSpan(), buffer.AsSpan(at), twice: true);
                }
            }),
            ("the same text as one value", () => JsonEscaping.EscapeAll(joined.AsSpan(), buffer, twice: true)),
            ("memcpy of the values' UTF-16 chars", () => chars.AsSpan().CopyTo(buffer)),
            ("memcpy of the body", benchmarks.MemcpyFloor),
        };

        Print("large body (" + joined.Length + " chars of values)", "memcpy", variants, rounds);
    }

    // One table: each variant's time and its ratio to the last variant's, within each round.
    private static void Print(string title, string baseline, (string Name, Action Write)[] variants, int rounds)
    {
        List<double>[] times = InterleavedRatios.Measure(variants.Select(v => v.Write).ToArray(), rounds);
        Console.WriteLine();
        Console.WriteLine($"| {title} | time | / {baseline} |");
        Console.WriteLine("| --- | --- | --- |");
        List<double> last = times[^1];
        for (int v = 0; v < variants.Length; v++)
        {
            List<double> ratio = times[v].Select((t, r) => t / last[r]).ToList();
            Console.WriteLine($"| {variants[v].Name} | {Spread.Describe(times[v], " ns", "F1")} | {Spread.Describe(ratio, "x", "F2")} |");
        }
    }

    private static void Serializer()
    {
        s_destination.ResetWrittenCount();
        TryOnSerializer.WriteRequestBody(s_destination, new ReadOnlySpan<VendorSample>(in Data.SampleRef));
    }

    private static void OneRequestMethod()
    {
        s_destination.ResetWrittenCount();
        var writer = new RequestParamsWriter(s_destination, s_bodyStart, escaped: true);
        WriteOne(ref writer, Data.SampleRef);
        TryOnSerializer.EndBody(ref writer);
    }

    private static void WriterCallsInline()
    {
        s_destination.ResetWrittenCount();
        var writer = new RequestParamsWriter(s_destination, s_bodyStart, escaped: true);
        WriteOneInline(ref writer, Data.SampleRef);
        TryOnSerializer.EndBody(ref writer);
    }

    private static void HandOptimisedPass()
    {
        s_destination.ResetWrittenCount();
        HandOptimised.Write(Workload.VendorSample, s_destination);
    }

    // The same four copies and one escape as the writer's, straight into the destination's span: no writer and no checks.
    private static void PlainSpan()
    {
        s_destination.ResetWrittenCount();
        Span<byte> span = s_destination.GetSpan(512);
        int at = Copy(span, 0, s_bodyStart);
        at = Copy(span, at, "{\\\"clothesList\\\":[{\\\"imageUrl\\\":\\\""u8);
        at += JsonEscaping.EscapeAll(Data.SampleRef.Top.AsSpan(), span.Slice(at), twice: true);
        at = Copy(span, at, "\\\",\\\"type\\\":\\\"tops\\\"}],\\\"model\\\":{\\\"base\\\":\\\"General\\\",\\\"gender\\\":\\\"female\\\",\\\"style\\\":\\\"universal_1\\\",\\\"body\\\":\\\"slim\\\"},\\\"viewType\\\":\\\"mixed\\\",\\\"inputQualityDetect\\\":0,\\\"generateCount\\\":4}"u8);
        at = Copy(span, at, TryOnSerializer.BodyEnd);
        s_destination.Advance(at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Copy(Span<byte> span, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span.Slice(at));
        return at + bytes.Length;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteOne(ref RequestParamsWriter writer, VendorSample request) => WriteOneInline(ref writer, request);

    // VendorSample's generated WriteSubTask without its batch loop.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteOneInline(ref RequestParamsWriter writer, VendorSample request)
    {
        Span<byte> span = writer.Begin(411);
        int at = 0;
        if (request.Top is { } garment0)
        {
            at = writer.WriteLiteral(span, at, "{\"clothesList\":[{\"imageUrl\":\""u8, "{\\\"clothesList\\\":[{\\\"imageUrl\\\":\\\""u8);
            at = writer.WriteString(ref span, at, garment0);
            at = writer.WriteLiteral(span, at, "\",\"type\":\"tops\"}],\"model\":{\"base\":\"General\",\"gender\":\"female\",\"style\":\"universal_1\",\"body\":\"slim\"},\"viewType\":\"mixed\",\"inputQualityDetect\":0,\"generateCount\":4}"u8, "\\\",\\\"type\\\":\\\"tops\\\"}],\\\"model\\\":{\\\"base\\\":\\\"General\\\",\\\"gender\\\":\\\"female\\\",\\\"style\\\":\\\"universal_1\\\",\\\"body\\\":\\\"slim\\\"},\\\"viewType\\\":\\\"mixed\\\",\\\"inputQualityDetect\\\":0,\\\"generateCount\\\":4}"u8);
        }
        else
        {
            at = writer.WriteLiteral(span, at, "{\"clothesList\":[],\"model\":{\"base\":\"General\",\"gender\":\"female\",\"style\":\"universal_1\",\"body\":\"slim\"},\"viewType\":\"mixed\",\"inputQualityDetect\":0,\"generateCount\":4}"u8, "{\\\"clothesList\\\":[],\\\"model\\\":{\\\"base\\\":\\\"General\\\",\\\"gender\\\":\\\"female\\\",\\\"style\\\":\\\"universal_1\\\",\\\"body\\\":\\\"slim\\\"},\\\"viewType\\\":\\\"mixed\\\",\\\"inputQualityDetect\\\":0,\\\"generateCount\\\":4}"u8);
        }

        writer.End(at);
    }
}
