using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime;

namespace Aidge.Declarative.Benchmarks;

/// <summary>
/// <c>interleaved [rounds]</c>: the serializer's ratios to the hand-optimised pass and to memcpy, each taken within one
/// round of one process, where the three variants run one after another a few milliseconds apart.
/// </summary>
/// <remarks>
/// On this project's shared machine the same binary's speed flips between two levels (the vendor sample's body at about
/// 19 ns or about 37 ns a call, for the generated and the hand-optimised code alike, on either core) for tens of seconds
/// at a time. BenchmarkDotNet runs each case in a process of its own, one after another, so a ratio of two of its figures
/// can pair a fast spell with a slow one. Here a ratio pairs measurements taken within milliseconds of each other, and the
/// figure is the median over the rounds, with the spread. The variants are <see cref="SerializerBenchmarks"/>' own, which
/// check in their setup that all write the same bytes.
/// </remarks>
internal static class InterleavedRatios
{
    private const double RoundMilliseconds = 4;

    // The warm-up ends once the JIT has compiled nothing for this long, or at the most after the other.
    private const int QuietMilliseconds = 1000;
    private const int MostWarmUpMilliseconds = 20_000;

    public static int Run(string[] args)
    {
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 41;
        Console.WriteLine("# " + MachineInfo.Describe());
        Console.WriteLine("| workload | generated | hand-optimised | memcpy | generated / hand-optimised | generated / memcpy |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (Workload workload in Enum.GetValues<Workload>())
        {
            var benchmarks = new SerializerBenchmarks { Workload = workload };
            benchmarks.Setup();
            List<double>[] times = Measure(new Action[] { benchmarks.Generated, benchmarks.HandOptimisedSinglePass, benchmarks.MemcpyFloor }, rounds);
            List<double> toHand = Enumerable.Range(0, rounds).Select(r => times[0][r] / times[1][r]).ToList();
            List<double> toMemcpy = Enumerable.Range(0, rounds).Select(r => times[0][r] / times[2][r]).ToList();
            Console.WriteLine($"| {workload} | {Spread.Describe(times[0], " ns", "F1")} | {Spread.Describe(times[1], " ns", "F1")} | {Spread.Describe(times[2], " ns", "F1")} | " +
                $"{Spread.Describe(toHand, "x", "F2")} | {Spread.Describe(toMemcpy, "x", "F2")} |");
        }

        Console.WriteLine($"Each cell: the median over {rounds} rounds [lowest-highest]; a ratio is taken within each round.");
        return 0;
    }

    /// <summary>
    /// Times each variant for about <see cref="RoundMilliseconds"/>, one after another, for <paramref name="rounds"/> rounds,
    /// once the JIT has finished with all of them (see <see cref="WarmUp"/>).
    /// </summary>
    /// <returns>For each variant, its nanoseconds per call in each round.</returns>
    public static List<double>[] Measure(Action[] variants, int rounds)
    {
        WarmUp(variants);
        int[] counts = variants.Select(v => Calibrate(v)).ToArray();
        var times = variants.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                times[v].Add(Time(variants[v], counts[v]));
            }
        }

        return times;
    }

    /// <summary>
    /// Calls every variant in turn until the JIT has compiled nothing for <see cref="QuietMilliseconds"/> (at least a second,
    /// at most <see cref="MostWarmUpMilliseconds"/>), so that every method they run is at its final tier.
    /// </summary>
    /// <remarks>
    /// A fixed warm-up of each variant alone was not enough. In a process timing the vendor sample, the benchmark's own method
    /// and the serializer's shared generic entry (<c>WriteRequestBody</c>, the writer's constructor, <c>EndBody</c>) were still
    /// the unoptimised Tier0 code after the second's warm-up and half of the 41 rounds (<c>DOTNET_JitDisasmSummary=1</c>
    /// listed their Tier1 code only then): the generated variant took 31-34 ns a call in the first 20 rounds and 27-29 ns
    /// after, in one process. The JIT's call counting starts only once no new method has been compiled for 100 ms, and the
    /// promotions that follow are compiled on a background thread: hence the JIT's own count as the signal.
    /// </remarks>
    private static void WarmUp(Action[] variants)
    {
        var watch = Stopwatch.StartNew();
        long compiled = JitInfo.GetCompiledMethodCount();
        TimeSpan lastCompile = TimeSpan.Zero;
        while (watch.ElapsedMilliseconds < MostWarmUpMilliseconds)
        {
            foreach (Action variant in variants)
            {
                for (int i = 0; i < 100; i++)
                {
                    variant();
                }
            }

            long now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                lastCompile = watch.Elapsed;
            }
            else if (watch.ElapsedMilliseconds >= 1000 && (watch.Elapsed - lastCompile).TotalMilliseconds >= QuietMilliseconds)
            {
                return;
            }
        }

        Console.Error.WriteLine($"# warning: the JIT was still compiling after {MostWarmUpMilliseconds / 1000} s of warm-up; the first rounds may time code below its final tier.");
    }

    // Returns how many calls of the variant take about a round's time.
    private static int Calibrate(Action variant)
    {
        var watch = Stopwatch.StartNew();
        long calls = 0;
        while (watch.ElapsedMilliseconds < 200)
        {
            for (int i = 0; i < 1000; i++)
            {
                variant();
            }

            calls += 1000;
        }

        return (int)Math.Max(100, calls * RoundMilliseconds / watch.Elapsed.TotalMilliseconds);
    }

    // Nanoseconds per call over count calls.
    private static double Time(Action variant, int count)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            variant();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / count;
    }
}
