using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aidge.Declarative.Serialization;
using BenchmarkDotNet.Attributes;

namespace Aidge.Declarative.Benchmarks;

/// <summary>
/// The <c>requestParams</c> array alone, in one pass, against System.Text.Json at its fastest: the same array serialized by its
/// source generator (and by reflection) into a reused <see cref="Utf8JsonWriter"/> with the relaxed encoder and
/// <c>SkipValidation</c>. What users write is the two-pass body of <see cref="SerializerBenchmarks"/>; this is STJ's best.
/// Every variant writes the same bytes: checked in setup.
/// </summary>
[MemoryDiagnoser]
public class SinglePassBenchmarks
{
    private readonly ArrayBufferWriter<byte> _destination = new(64 * 1024);
    private Utf8JsonWriter _writer = null!;
    private List<SubTaskDto> _dtos = null!;
    private byte[] _expected = null!;

    [Params(Workload.VendorSample, Workload.Large, Workload.Batch16)]
    public Workload Workload { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dtos = Peers.Dtos(Workload);
        _writer = new Utf8JsonWriter(_destination, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        Generated();
        _expected = _destination.WrittenSpan.ToArray();
        foreach ((string name, Action variant) in new (string, Action)[] { (nameof(SourceGeneratedSinglePass), SourceGeneratedSinglePass), (nameof(ReflectionSinglePass), ReflectionSinglePass), (nameof(MemcpyFloor), MemcpyFloor) })
        {
            variant();
            if (!_destination.WrittenSpan.SequenceEqual(_expected))
            {
                throw new InvalidOperationException($"{name} wrote other bytes than the generated serializer for {Workload}:\n{System.Text.Encoding.UTF8.GetString(_destination.WrittenSpan)}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark(Baseline = true, Description = "Generated WriteRequestParams")]
    public void Generated()
    {
        _destination.ResetWrittenCount();
        switch (Workload)
        {
            case Workload.VendorSample:
                TryOnSerializer.WriteRequestParams(_destination, new ReadOnlySpan<VendorSample>(in Data.SampleRef));
                break;
            case Workload.Large:
                TryOnSerializer.WriteRequestParams(_destination, new ReadOnlySpan<LargeSuit>(in Data.LargeRef));
                break;
            default:
                TryOnSerializer.WriteRequestParams(_destination, Data.Batch.AsSpan());
                break;
        }
    }

    // The context's own options, as its [JsonSourceGenerationOptions] made them, so that STJ takes its fast path (the generated
    // serialize handler); the writer's relaxed encoder escapes the values. A context given other options at run time (an encoder
    // of its own, as Peers.SourceGenerated is) falls back to the metadata path: 1,147 ns and 312 B for the vendor sample here,
    // against the fast path's figures in the README.
    [Benchmark(Description = "STJ source generation, single pass")]
    public void SourceGeneratedSinglePass()
    {
        _destination.ResetWrittenCount();
        _writer.Reset(_destination);
        JsonSerializer.Serialize(_writer, _dtos, PeerJsonContext.Default.ListSubTaskDto);
        _writer.Flush();
    }

    [Benchmark(Description = "STJ reflection, single pass")]
    public void ReflectionSinglePass()
    {
        _destination.ResetWrittenCount();
        _writer.Reset(_destination);
        JsonSerializer.Serialize(_writer, _dtos, Peers.ReflectionOptions);
        _writer.Flush();
    }

    [Benchmark(Description = "memcpy of the finished array")]
    public void MemcpyFloor()
    {
        _destination.ResetWrittenCount();
        _expected.CopyTo(_destination.GetSpan(_expected.Length));
        _destination.Advance(_expected.Length);
    }
}
