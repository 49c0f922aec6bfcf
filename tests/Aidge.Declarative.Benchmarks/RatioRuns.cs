using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Aidge.Declarative.Benchmarks;

/// <summary>
/// <c>ratios [runs]</c>: the serializer's figures as published, each the median over several separate benchmark runs with its
/// spread. Each run (a BenchmarkDotNet process of its own) measures the generated serializer, the hand-optimised single pass and
/// the memcpy floor (the whole body), and the single-pass comparison with System.Text.Json (the array alone); the ratios are taken
/// within each run, minutes apart at most, and only then summarised across runs. Within a run BenchmarkDotNet still gives every
/// case (method and workload) a process of its own, so each side of a ratio brings its own process's JIT decisions.
/// </summary>
internal static class RatioRuns
{
    private static readonly string[] Filters =
    {
        "*SerializerBenchmarks.Generated*", "*SerializerBenchmarks.HandOptimisedSinglePass*", "*SerializerBenchmarks.MemcpyFloor*", "*SinglePassBenchmarks*",
    };

    public static int Run(string[] args)
    {
        int processes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        string[] extra = args.Skip(2).ToArray();   // e.g. --warmupCount 8 --iterationCount 15
        Console.WriteLine("# " + MachineInfo.Describe());
        string root = Directory.CreateTempSubdirectory("aidge-ratios-").FullName;
        var runs = new List<Dictionary<(string Class, string Method, string Workload), double>>();
        for (int i = 1; i <= processes; i++)
        {
            string artifacts = Path.Combine(root, "run-" + i);
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
            start.ArgumentList.Add(typeof(RatioRuns).Assembly.Location);
            start.ArgumentList.Add("--filter");
            foreach (string filter in Filters)
            {
                start.ArgumentList.Add(filter);
            }

            start.ArgumentList.Add("--artifacts");
            start.ArgumentList.Add(artifacts);
            foreach (string argument in extra)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Dictionary<(string, string, string), double> means = Read(Path.Combine(artifacts, "results"));
            runs.Add(means);
            Console.WriteLine($"run {i}: {means.Count} results" + (process.ExitCode != 0 ? ", exit " + process.ExitCode : string.Empty));
        }

        Console.WriteLine();
        Console.WriteLine("| workload | generated body | hand-optimised body | generated / hand-optimised | generated / memcpy (body) | generated array | STJ source-gen single pass | STJ single pass / generated | STJ reflection single pass / generated |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (string workload in new[] { "VendorSample", "Large", "Batch16" })
        {
            double[] Ratio(string classA, string a, string classB, string b) =>
                runs.Select(r => r[(classA, a, workload)] / r[(classB, b, workload)]).ToArray();

            double[] Abs(string cls, string m) => runs.Select(r => r[(cls, m, workload)]).ToArray();

            const string S = "SerializerBenchmarks", P = "SinglePassBenchmarks";
            Console.WriteLine(
                $"| {workload} | {Ns(Abs(S, "Generated serializer"))} | {Ns(Abs(S, "Hand-optimised single pass"))} | {X(Ratio(S, "Generated serializer", S, "Hand-optimised single pass"))} | " +
                $"{X(Ratio(S, "Generated serializer", S, "memcpy of the finished body"))} | {Ns(Abs(P, "Generated WriteRequestParams"))} | {Ns(Abs(P, "STJ source generation, single pass"))} | " +
                $"{X(Ratio(P, "STJ source generation, single pass", P, "Generated WriteRequestParams"))} | {X(Ratio(P, "STJ reflection, single pass", P, "Generated WriteRequestParams"))} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Each cell: the median of {processes} runs [lowest-highest]. Raw results: {root}");
        return 0;
    }

    private static string X(double[] values) => Spread.Describe(values, "x", "0.00");

    private static string Ns(double[] values) => Spread.Describe(values, " ns", "0.0");

    // The CSV exporter's report of each class: the method (its description, quoted), the workload and the mean with its unit.
    private static Dictionary<(string, string, string), double> Read(string results)
    {
        var means = new Dictionary<(string, string, string), double>();
        foreach (string file in Directory.GetFiles(results, "*-report.csv"))
        {
            string cls = Path.GetFileName(file).Split('.').Reverse().Skip(1).First().Replace("-report", string.Empty, StringComparison.Ordinal);
            string[] lines = File.ReadAllLines(file);
            string[] header = Split(lines[0]);
            int method = Array.IndexOf(header, "Method"), workload = Array.IndexOf(header, "Workload"), mean = Array.IndexOf(header, "Mean");
            foreach (string line in lines.Skip(1))
            {
                string[] cells = Split(line);
                means[(cls, cells[method].Trim('\''), cells[workload])] = Nanoseconds(cells[mean]);
            }
        }

        return means;
    }

    private static double Nanoseconds(string text)
    {
        string[] parts = text.Split(' ');
        double value = double.Parse(parts[0], NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        return parts[1] switch
        {
            "ns" => value,
            "μs" or "us" => value * 1e3,
            "ms" => value * 1e6,
            _ => throw new FormatException("Unknown unit in '" + text + "'."),
        };
    }

    // Comma-separated, with double-quoted cells that may hold commas.
    private static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells.ToArray();
    }
}
