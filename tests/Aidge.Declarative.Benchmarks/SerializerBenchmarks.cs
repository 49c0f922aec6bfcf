using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using Aidge.Declarative.Serialization;
using BenchmarkDotNet.Attributes;

namespace Aidge.Declarative.Benchmarks;

/// <summary>
/// The full submit body {"requestParams":"[...]"} as UTF-8, for each workload, by the generated
/// serializer and by its peers, in one run. Every variant writes the same bytes: checked in setup.
/// </summary>
[MemoryDiagnoser]
public class SerializerBenchmarks
{
    private readonly ArrayBufferWriter<byte> _destination = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _inner = new(64 * 1024);
    private List<SubTaskDto> _dtos = null!;
    private byte[] _expected = null!;

    [Params(Workload.VendorSample, Workload.Large, Workload.Batch16)]
    public Workload Workload { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dtos = Peers.Dtos(Workload);
        Generated();
        _expected = _destination.WrittenSpan.ToArray();
        Check(nameof(ReflectionTwoPass), ReflectionTwoPass());
        Check(nameof(SourceGeneratedTwoPass), SourceGeneratedTwoPass());
        Check(nameof(JsonNodeByHand), JsonNodeByHand());
        Utf8JsonWriterSinglePass();
        Check(nameof(Utf8JsonWriterSinglePass), _destination.WrittenSpan.ToArray());
        HandOptimisedSinglePass();
        Check(nameof(HandOptimisedSinglePass), _destination.WrittenSpan.ToArray());
        MemcpyFloor();
        Check(nameof(MemcpyFloor), _destination.WrittenSpan.ToArray());
    }

    [Benchmark(Baseline = true, Description = "Generated serializer")]
    public void Generated()
    {
        _destination.ResetWrittenCount();
        switch (Workload)
        {
            case Workload.VendorSample:
                TryOnSerializer.WriteRequestBody(_destination, new ReadOnlySpan<VendorSample>(in Data.SampleRef));
                break;
            case Workload.Large:
                TryOnSerializer.WriteRequestBody(_destination, new ReadOnlySpan<LargeSuit>(in Data.LargeRef));
                break;
            default:
                TryOnSerializer.WriteRequestBody(_destination, Data.Batch.AsSpan());
                break;
        }
    }

    [Benchmark(Description = "STJ reflection, two passes")]
    public byte[] ReflectionTwoPass() => Peers.ReflectionTwoPass(_dtos);

    [Benchmark(Description = "STJ source generation, two passes")]
    public byte[] SourceGeneratedTwoPass() => Peers.SourceGeneratedTwoPass(_dtos);

    [Benchmark(Description = "JsonNode by hand")]
    public byte[] JsonNodeByHand() => Peers.JsonNodes(Workload);

    [Benchmark(Description = "Utf8JsonWriter by hand")]
    public void Utf8JsonWriterSinglePass()
    {
        _destination.ResetWrittenCount();
        Peers.Utf8JsonWriterPass(Workload, _inner, _destination);
    }

    [Benchmark(Description = "Hand-optimised single pass")]
    public void HandOptimisedSinglePass()
    {
        _destination.ResetWrittenCount();
        HandOptimised.Write(Workload, _destination);
    }

    [Benchmark(Description = "memcpy of the finished body")]
    public void MemcpyFloor()
    {
        _destination.ResetWrittenCount();
        _expected.CopyTo(_destination.GetSpan(_expected.Length));
        _destination.Advance(_expected.Length);
    }

    private void Check(string variant, byte[] actual)
    {
        if (!actual.AsSpan().SequenceEqual(_expected))
        {
            throw new InvalidOperationException(
                $"{variant} wrote other bytes than the generated serializer for {Workload}:\n{System.Text.Encoding.UTF8.GetString(actual)}\n{System.Text.Encoding.UTF8.GetString(_expected)}");
        }
    }
}
