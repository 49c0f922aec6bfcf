using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Aidge.Declarative.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>The catalogue of diagnostics: unique ids, one category, a docs page and a release entry each.</summary>
public class CatalogueTests
{
    private static readonly string s_analyzers = typeof(CatalogueTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AnalyzersDirectory").Value!;

    private static readonly DiagnosticDescriptor[] s_descriptors =
        new TryOnRequestAnalyzer().SupportedDiagnostics.Concat(new TryOnApiAnalyzer().SupportedDiagnostics).Distinct().ToArray();   // AIDGE012 is both's

    public static TheoryData<string> Ids => new(s_descriptors.Select(d => d.Id));

    [Fact]
    public void Ids_are_unique_and_numbered_without_gaps()
    {
        string[] ids = s_descriptors.Select(d => d.Id).ToArray();

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => $"AIDGE{i:000}"), ids.OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_field_of_the_catalogue_is_supported()
    {
        DiagnosticDescriptor[] declared = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();

        Assert.Equal(declared.Select(d => d.Id).Order(), s_descriptors.Select(d => d.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_has_one_category_a_help_link_to_its_page_and_an_invalid_and_valid_example(string id)
    {
        DiagnosticDescriptor descriptor = s_descriptors.Single(d => d.Id == id);
        string page = Path.Combine(s_analyzers, "docs", id + ".md");

        Assert.Equal("Aidge.TryOn", descriptor.Category);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal(DiagnosticDescriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.EndsWith("/analyzers/docs/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(File.Exists(page), $"No docs page {page}.");
        string text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
        Assert.Contains("## Invalid", text, StringComparison.Ordinal);
        Assert.Contains("## Valid", text, StringComparison.Ordinal);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_is_tracked_in_the_release_files(string id)
    {
        DiagnosticDescriptor descriptor = s_descriptors.Single(d => d.Id == id);
        string[] lines = File.ReadAllLines(Path.Combine(s_analyzers, "Aidge.Declarative.Analyzers", "AnalyzerReleases.Unshipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(s_analyzers, "Aidge.Declarative.Analyzers", "AnalyzerReleases.Shipped.md")))
            .ToArray();

        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", lines);
    }

    [Fact]
    public void Every_page_belongs_to_a_rule()
    {
        IEnumerable<string> pages = Directory.GetFiles(Path.Combine(s_analyzers, "docs"), "AIDGE*.md").Select(Path.GetFileNameWithoutExtension)!;

        Assert.Equal(s_descriptors.Select(d => d.Id).Order(), pages.Order());
    }

    [Fact]
    public void Code_fixes_cover_the_rules_the_issue_asks_for_and_fix_all()
    {
        CodeFixProvider[] fixes = { new MakePartialCodeFix(), new FixSuitCodeFix(), new ClampGenerateCountCodeFix(), new KeepFirstModelImagesCodeFix(), new AddCancellationTokenCodeFix() };

        Assert.Equal(new[] { "AIDGE001", "AIDGE002", "AIDGE003", "AIDGE004", "AIDGE021" }, fixes.SelectMany(f => f.FixableDiagnosticIds).Order());
        Assert.All(fixes, fix => Assert.Same(WellKnownFixAllProviders.BatchFixer, fix.GetFixAllProvider()));
    }
}
