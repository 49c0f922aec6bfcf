using System;
using System.IO;
using BenchmarkDotNet.Running;

// Benchmarks: dotnet run -c Release --project tests/Aidge.Declarative.Benchmarks -- --filter '*'
// (--job short for a quick look). The build-cost projects: ... -- corpus <directory> <count> <repository root>.
if (args.Length == 4 && args[0] == "corpus")
{
    Aidge.Declarative.Benchmarks.Corpus.WriteProjects(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), Path.GetFullPath(args[3]));
    Console.WriteLine("Wrote " + args[2] + " records into the projects with, without and floor under " + args[1]);
    return 0;
}

// The catalogue's measurements (budget use and 501s; memory over 10,000 and 100,000 looks; the ledger's saves and open): ... -- catalogue-budget | catalogue-memory | catalogue-memory-shared (its ledger in PostgreSQL) | catalogue-ledger.
// Saving pictures: ... -- catalogue-memory-pictures [looks...] (the same child without and with its pictures saved: time, pictures per second,
// peak memory) | catalogue-sheet [looks] [loads] (the contact sheet's size, and its load in headless chromium).
// The shared catalogue in PostgreSQL (three workers' budget use and transactions per look; the cost of a permit): ... -- catalogue-shared | catalogue-permits.
if (args.Length > 0 && args[0] is "catalogue-shared" or "catalogue-permits")
{
    return await Aidge.Declarative.Benchmarks.SharedCatalogueMeasurements.RunAsync(args);
}

if (args.Length > 0 && args[0].StartsWith("catalogue-", StringComparison.Ordinal))
{
    return await Aidge.Declarative.Benchmarks.CatalogueMeasurements.RunAsync(args);
}

// The serializer's ratios as published, the median of several runs: ... -- ratios 5 [BenchmarkDotNet job arguments].
if (args.Length > 0 && args[0] == "ratios")
{
    return Aidge.Declarative.Benchmarks.RatioRuns.Run(args);
}

// The build cost timed in one warm process, against System.Text.Json's generator: ... -- compile-cost [rounds] [records].
if (args.Length > 0 && args[0] == "compile-cost")
{
    return Aidge.Declarative.Benchmarks.CompileCost.Run(args);
}

// Where the serializer's time goes, one step at a time (the vendor sample against the hand-optimised pass, the large body against memcpy): ... -- steps [rounds].
if (args.Length > 0 && args[0] == "steps")
{
    return Aidge.Declarative.Benchmarks.SerializerSteps.Run(args);
}

// The serializer's ratios taken within each round of one process (the machine's speed flips between spells): ... -- interleaved [rounds].
if (args.Length > 0 && args[0] == "interleaved")
{
    return Aidge.Declarative.Benchmarks.InterleavedRatios.Run(args);
}

Console.WriteLine("# " + Aidge.Declarative.Benchmarks.MachineInfo.Describe());
BenchmarkSwitcher.FromAssembly(typeof(Aidge.Declarative.Benchmarks.SerializerBenchmarks).Assembly).Run(args);
return 0;
