using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Aidge.Declarative.Generators.Tests;

/// <summary>
/// Snapshot files of generated code, with Verify's file conventions (Verify.SourceGenerators is not
/// served by our package registry): one file per hint name, <c>{TestClass}.{Method}#{HintName}.verified.cs</c>,
/// committed and reviewed like code. On a mismatch the new text goes to <c>.received.cs</c> beside it
/// and the test fails; set <c>AIDGE_ACCEPT_SNAPSHOTS=1</c> to accept what is generated.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "AIDGE_ACCEPT_SNAPSHOTS";

    private static readonly string s_directory = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "SnapshotDirectory").Value!;

    public static void Verify(
        GeneratorDriverRunResult result,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "") => VerifyOnly(result, hintNameEnding: string.Empty, testFile, testMethod);

    /// <summary>Verifies the generated files whose hint names end with <paramref name="hintNameEnding"/> only.</summary>
    public static void VerifyOnly(
        GeneratorDriverRunResult result,
        string hintNameEnding,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "")
    {
        GeneratedSourceResult[] sources = result.Results.SelectMany(r => r.GeneratedSources)
            .Where(source => source.HintName.EndsWith(hintNameEnding, StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(sources);
        string prefix = Path.GetFileNameWithoutExtension(testFile) + "." + testMethod + "#";

        // Every file is compared (and every .received.cs written) before the test fails.
        string[] mismatches = sources
            .Select(source => Match(prefix + Path.GetFileNameWithoutExtension(source.HintName), source.SourceText.ToString()))
            .OfType<string>()
            .ToArray();
        Assert.True(mismatches.Length == 0, string.Join(Environment.NewLine, mismatches));
    }

    // Null when the snapshot matches (or was accepted); otherwise what is wrong.
    private static string? Match(string name, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        string verified = Path.Combine(s_directory, name + ".verified.cs");
        string received = Path.Combine(s_directory, name + ".received.cs");
        string? expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;

        if (expected == actual)
        {
            File.Delete(received);
            return null;
        }

        Directory.CreateDirectory(s_directory);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return null;
        }

        File.WriteAllText(received, actual);
        return expected is null
            ? $"No snapshot {Path.GetFileName(verified)} yet. Review {received} and rename it, or run with {AcceptVariable}=1."
            : $"The generated {name} differs from its snapshot ({FirstDifference(expected, actual)}). Review {received}, or run with {AcceptVariable}=1 to accept it.";
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string? e = i < expectedLines.Length ? expectedLines[i] : null;
            string? a = i < actualLines.Length ? actualLines[i] : null;
            if (e != a)
            {
                return $"line {i + 1}: expected `{e?.Trim()}`, got `{a?.Trim()}`";
            }
        }

        return "line endings";
    }
}
