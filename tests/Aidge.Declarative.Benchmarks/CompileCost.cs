extern alias Generators;
extern alias Analyzers;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TryOnApiAnalyzer = Analyzers::Aidge.Declarative.Analyzers.TryOnApiAnalyzer;
using TryOnRequestAnalyzer = Analyzers::Aidge.Declarative.Analyzers.TryOnRequestAnalyzer;
using TryOnRequestGenerator = Generators::Aidge.Declarative.Generators.TryOnRequestGenerator;

namespace Aidge.Declarative.Benchmarks;

/// <summary>
/// <c>compile-cost [rounds] [records] [--doc] [--save directory] [--compare directory]</c>: the build cost of <c>build-cost.sh</c>,
/// timed inside one warm process, where a clean <c>dotnet build</c> on a shared machine moves by seconds between runs. Each
/// round compiles the same records, from their text to an assembly in memory, one way after another: without any component;
/// with our generator and analyzers; our generator's output as plain source (the compiler's share, apart from the
/// components'); with System.Text.Json's source generator over a <c>JsonSerializerContext</c> naming each record (the one the
/// installed SDK's reference pack ships). A round's ratio is what ours adds over what STJ adds, both against that round's
/// plain compilation; the figure is the median over the rounds, with the spread.
/// <c>--save</c> writes our generator's output into a directory; <c>--compare</c> compiles a directory so saved (say, by
/// another commit) as plain source in every round too, so two versions of the generated code are timed side by side; it is
/// compiled against this commit's runtime library, so it must use only members that library still has.
/// </summary>
/// <remarks>
/// The compiler runs analyzers on the bound tree its emit builds, on threads of their own; a pass of our own would bind every
/// method a second time. So the analyzers run after the timed emit, untimed, and what counts is their own execution time as
/// the compiler reports it (what <c>/p:ReportAnalyzer=true</c> prints). The references are the installed SDK's net10.0
/// reference pack, as in <c>build-cost.sh</c>; a compilation with an error stops the run, as an emit that fails early would
/// time nothing.
/// </remarks>
internal static class CompileCost
{
    private const int WarmupRounds = 2;

    // Within the "with" compilations: our generator's time and our analyzers' time as the driver and the compiler report them.
    private static readonly List<double> s_generatorSeconds = new();
    private static readonly List<double> s_analyzerSeconds = new();

    public static int Run(string[] args)
    {
        string[] positional = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        int rounds = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 10;
        int count = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 1000;
        string? save = Option(args, "--save");
        string? compare = Option(args, "--compare");
        bool documentation = args.Contains("--doc");
        Console.WriteLine("# " + MachineInfo.Describe());

        string pack = ReferencePack();
        string stjGenerator = Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        MetadataReference[] references = Directory.GetFiles(Path.Combine(pack, "ref", "net10.0"), "*.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(ITryOnRequest).Assembly.Location))
            .ToArray();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, documentation ? DocumentationMode.Diagnose : DocumentationMode.None);
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release, deterministic: true);

        string records = Corpus.Records(count);
        string context = Corpus.StjContext(count);
        ISourceGenerator[] stj = new AnalyzerFileReference(stjGenerator, new Loader()).GetGenerators(LanguageNames.CSharp).ToArray();
        ISourceGenerator[] ours = { new TryOnRequestGenerator().AsSourceGenerator() };
        ImmutableArray<DiagnosticAnalyzer> analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new TryOnRequestAnalyzer(), new TryOnApiAnalyzer());
        string[] emitted = GeneratedSources(records, ours, references, parseOptions, options);
        Console.WriteLine($"# doc comments: {parseOptions.DocumentationMode} ({(documentation ? "a project with GenerateDocumentationFile" : "a default SDK build: no /doc")})");
        Console.WriteLine($"# {count} records; references: the {Path.GetFileName(pack)} reference pack (net10.0); STJ's generator: {stjGenerator}");
        Console.WriteLine($"# our generator's output: {emitted.Length} files, {emitted.Sum(s => s.Length):N0} chars");
        if (save is not null)
        {
            Directory.CreateDirectory(save);
            for (int i = 0; i < emitted.Length; i++)
            {
                File.WriteAllText(Path.Combine(save, i.ToString("D5", CultureInfo.InvariantCulture) + ".g.cs"), emitted[i]);
            }

            Console.WriteLine("# saved into " + save);
        }

        if (rounds <= 0)
        {
            return 0;
        }

        var variants = new List<(string Name, Func<double> Compile)>
        {
            ("without", () => Compile(options, parseOptions, references, new[] { records })),
            ("with", () => Compile(options, parseOptions, references, new[] { records }, ours, analyzers)),
            ("emitted", () => Compile(options, parseOptions, references, new[] { records }.Concat(emitted).ToArray())),
            ("stj", () => Compile(options, parseOptions, references, new[] { records, context }, stj)),
        };
        if (compare is not null)
        {
            string[] other = Directory.GetFiles(compare, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
            Console.WriteLine($"# compared: {compare}, {other.Length} files, {other.Sum(s => s.Length):N0} chars");
            variants.Add(("compared", () => Compile(options, parseOptions, references, new[] { records }.Concat(other).ToArray())));
        }

        var times = variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (int round = -WarmupRounds; round < rounds; round++)
        {
            foreach ((string name, Func<double> compile) in variants)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                double seconds = compile();
                if (round >= 0)
                {
                    times[name].Add(seconds);
                }
            }

            if (round < 0)
            {
                s_generatorSeconds.Clear();
                s_analyzerSeconds.Clear();
            }
            else
            {
                Console.WriteLine($"round {round + 1}: " + string.Join(", ", variants.Select(v => $"{v.Name} {times[v.Name][round]:F3} s")));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| compilation | median | lowest-highest | added to the plain compilation (median of the rounds' own) |");
        Console.WriteLine("| --- | --- | --- | --- |");
        List<double> plain = times["without"];
        foreach ((string name, _) in variants)
        {
            List<double> own = times[name];
            string added = name == "without" ? "-" : Spread.Describe(Enumerable.Range(0, rounds).Select(r => (own[r] - plain[r]) * 100 / plain[r]).ToList(), "%", "F1");
            Console.WriteLine($"| {name} | {Spread.Median(own):F3} s | {own.Min():F3}-{own.Max():F3} s | {added} |");
        }

        Console.WriteLine();
        Console.WriteLine($"within 'with': our generator {Spread.Median(s_generatorSeconds):F3} s, our analyzers {Spread.Median(s_analyzerSeconds):F3} s (medians; the rest is compiling)");
        Console.WriteLine("ours against System.Text.Json's, of the time each adds: " + Spread.Describe(Ratios("with"), "x", "F2"));
        Console.WriteLine("our output compiled alone, against System.Text.Json's: " + Spread.Describe(Ratios("emitted"), "x", "F2"));
        if (compare is not null)
        {
            Console.WriteLine("the compared output compiled alone, against System.Text.Json's: " + Spread.Describe(Ratios("compared"), "x", "F2"));
            Console.WriteLine("compiling our output against compiling the compared output, of the time each adds: " + Spread.Describe(
                Enumerable.Range(0, rounds).Select(r => (times["emitted"][r] - plain[r]) / (times["compared"][r] - plain[r])).ToList(), "x", "F2"));
        }

        return 0;

        List<double> Ratios(string name) =>
            Enumerable.Range(0, rounds).Select(r => (times[name][r] - plain[r]) / (times["stj"][r] - plain[r])).ToList();
    }

    private static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null;
    }

    // One compilation from text to an assembly in memory, timed: parse, run the generators, emit; then the analyzers' own time.
    private static double Compile(
        CSharpCompilationOptions options,
        CSharpParseOptions parseOptions,
        MetadataReference[] references,
        string[] sources,
        ISourceGenerator[]? generators = null,
        ImmutableArray<DiagnosticAnalyzer> analyzers = default)
    {
        var watch = Stopwatch.StartNew();
        Compilation compilation = CSharpCompilation.Create(
            "Corpus",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, "Source" + i + ".cs")),
            references,
            options);
        if (generators is not null)
        {
            GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, parseOptions: parseOptions)
                .RunGeneratorsAndUpdateCompilation(compilation, out compilation, out ImmutableArray<Diagnostic> generatorDiagnostics);
            Fail("a generator reported an error", generatorDiagnostics);
            if (!analyzers.IsDefault)
            {
                s_generatorSeconds.Add(driver.GetTimingInfo().ElapsedTime.TotalSeconds);
            }
        }

        using (var stream = new MemoryStream())
        {
            Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(stream);
            Fail("the compilation failed", result.Diagnostics);
        }

        double seconds = watch.Elapsed.TotalSeconds;
        if (!analyzers.IsDefault)
        {
            // Untimed: see the remarks on the class.
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
            Fail("an analyzer reported an error", withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult());
            double analyzerSeconds = analyzers.Sum(analyzer => withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalSeconds);
            s_analyzerSeconds.Add(analyzerSeconds);
            seconds += analyzerSeconds;
        }

        return seconds;
    }

    private static string[] GeneratedSources(string records, ISourceGenerator[] ours, MetadataReference[] references, CSharpParseOptions parseOptions, CSharpCompilationOptions options)
    {
        var compilation = CSharpCompilation.Create("Corpus", new[] { CSharpSyntaxTree.ParseText(records, parseOptions) }, references, options);
        return CSharpGeneratorDriver.Create(ours, parseOptions: parseOptions).RunGenerators(compilation).GetRunResult()
            .GeneratedTrees.Select(tree => tree.GetText().ToString()).ToArray();
    }

    private static void Fail(string what, IEnumerable<Diagnostic> diagnostics)
    {
        Diagnostic[] errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException($"{what}: {errors.Length} errors, the first: {errors[0]}");
        }
    }

    // The newest Microsoft.NETCore.App.Ref pack beside the running runtime: its reference assemblies and its STJ generator.
    private static string ReferencePack()
    {
        string dotnet = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        return Directory.GetDirectories(Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref"))
            .Where(d => File.Exists(Path.Combine(d, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll")))
            .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out Version? v) ? v : new Version())
            .Last();
    }

    // Loads an analyzer assembly into the default context, as the benchmark's own Roslyn is what it binds to.
    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
