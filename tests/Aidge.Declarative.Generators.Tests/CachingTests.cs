using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Aidge.Declarative.Generators.Tests;

/// <summary>The incremental pipeline caches: same input, same models; an unrelated edit, no new work; a real edit, new output.</summary>
public class CachingTests
{
    private static readonly string[] s_trackedSteps = { TrackingNames.Requests, TrackingNames.EmittableRequests };

    private const string Unrelated = """
        namespace Shop.Services;
        public static class Prices { public static decimal Of(string sku) => 1m; }
        """;

    [Fact]
    public void Running_twice_on_the_same_compilation_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(LanguageVersion.Latest, Sources.SummerSuit, Sources.ModelImages, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        GeneratorRunResult second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertEveryOutput(second, IncrementalStepRunReason.Cached);
        Assert.All(second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void An_unrelated_edit_leaves_outputs_cached_or_unchanged()
    {
        GeneratorRunResult second = AfterAnUnrelatedEdit(Sources.SummerSuit, Sources.ModelImages);

        AssertEveryOutput(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }

    // Runs the generator over the sources and an unrelated file, edits that file, and runs it again.
    private static GeneratorRunResult AfterAnUnrelatedEdit(params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(LanguageVersion.Latest, sources.Append(Unrelated).ToArray());
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree unrelated = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            unrelated,
            unrelated.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Unrelated.Replace("1m", "2m", StringComparison.Ordinal))));
        return driver.RunGenerators(edited).GetRunResult().Results.Single();
    }

    [Fact]
    public void Editing_an_annotated_record_marks_it_modified()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(LanguageVersion.Latest, Sources.SummerSuit, Sources.ModelImages);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree suit = compilation.SyntaxTrees.First();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            suit,
            suit.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Sources.SummerSuit.Replace("GenerateCount = 4", "GenerateCount = 6", StringComparison.Ordinal))));

        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        IncrementalStepRunReason[] reasons = second.TrackedSteps[TrackingNames.EmittableRequests]
            .SelectMany(run => run.Outputs).Select(output => output.Reason).ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        // The JSON as a u8 literal: its quotes escaped in C#.
        Assert.Contains("\\\"generateCount\\\":6", string.Concat(second.GeneratedSources.Select(s => s.SourceText.ToString())));
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_declared_clients_output_cached()
    {
        GeneratorRunResult second = AfterAnUnrelatedEdit(Sources.SummerSuit, Sources.Lookbook);

        Assert.All(second.TrackedSteps[TrackingNames.EmittableApis].SelectMany(run => run.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        Assert.Contains(second.GeneratedSources, source => source.HintName == "Shop.Clients.ILookbook.TryOnApi.g.cs");
    }

    [Fact]
    public void Editing_a_request_record_the_client_uses_updates_the_client()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(LanguageVersion.Latest, Sources.SummerSuit, Sources.Lookbook);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree suit = compilation.SyntaxTrees.First();

        // The record is no longer a request: the client can no longer send it, and is not generated.
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            suit,
            suit.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Sources.SummerSuit.Replace("[TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]", string.Empty, StringComparison.Ordinal))));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, second.TrackedSteps[TrackingNames.Apis].SelectMany(run => run.Outputs).Select(output => output.Reason));
        Assert.DoesNotContain(second.GeneratedSources, source => source.HintName == "Shop.Clients.ILookbook.TryOnApi.g.cs");
    }

    [Fact]
    public void The_model_holds_no_symbol_syntax_node_location_or_compilation()
    {
        GeneratorRun run = GeneratorHarness.Run(
            LanguageVersion.Latest,
            Sources.ModelImages + "\n" + Sources.GenerateCounts.Replace("namespace Shop.Looks", "namespace Shop.Counts", StringComparison.Ordinal),
            Sources.SummerSuit.Replace("namespace Shop.Looks;", "namespace Shop.Suits;", StringComparison.Ordinal),
            Sources.Lookbook.Replace("Shop.Looks.SummerSuit", "Shop.Suits.SummerSuit", StringComparison.Ordinal));
        object[] models = new[] { TrackingNames.Requests, TrackingNames.Apis }
            .SelectMany(name => run.Result.Results.Single().TrackedSteps[name])
            .SelectMany(step => step.Outputs).Select(output => output.Value).ToArray();
        Assert.Contains(models, model => model is Model.ApiSpec);

        Assert.NotEmpty(models);
        foreach (object model in models)
        {
            Walk(model, "model", new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static void Walk(object? node, string path, HashSet<object> visited)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || !visited.Add(node))
        {
            return;
        }

        Assert.False(
            node is ISymbol or SyntaxNode or SyntaxTree or Location or Compilation or SemanticModel or SyntaxToken or AttributeData,
            $"{path} holds a {node.GetType().Name}, which defeats the generator's cache.");

        if (node is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence)
            {
                Walk(item, $"{path}[{i++}]", visited);
            }
        }

        foreach (FieldInfo field in node.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(node), path + "." + field.Name, visited);
        }
    }

    private static void AssertEveryOutput(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        foreach (string step in s_trackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"No step is tracked as {step}.");
            Assert.All(
                result.TrackedSteps[step].SelectMany(run => run.Outputs),
                output => Assert.True(allowed.Contains(output.Reason), $"{step}: {output.Reason}"));
        }
    }
}
