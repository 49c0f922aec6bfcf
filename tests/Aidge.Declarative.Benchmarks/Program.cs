using System;
using System.IO;
using BenchmarkDotNet.Running;

// Benchmarks: dotnet run -c Release --project tests/Aidge.Declarative.Benchmarks -- --filter '*'
// (--job short for a quick look). The build-cost projects: ... -- corpus <directory> <count> <repository root>.
if (args.Length == 4 && args[0] == "corpus")
{
    Aidge.Declarative.Benchmarks.Corpus.WriteProjects(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), Path.GetFullPath(args[3]));
    Console.WriteLine("Wrote " + args[2] + " records into the projects with, without and floor under " + args[1]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Aidge.Declarative.Benchmarks.SerializerBenchmarks).Assembly).Run(args);
