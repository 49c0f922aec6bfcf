using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>
/// What a user's IDE and CI show: <c>dotnet build</c> of a small project that references the analyzers
/// as analyzers, through the real MSBuild and compiler of the installed SDK.
/// </summary>
public class MSBuildTests
{
    [Fact]
    public void Dotnet_build_fails_with_the_rules_at_their_file_line_and_column()
    {
        string directory = Path.Combine(Path.GetTempPath(), "aidge-msbuild-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string bin = AppContext.BaseDirectory;
            File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="{Path.Combine(bin, "Aidge.Declarative.dll")}" />
                    <Analyzer Include="{Path.Combine(bin, "Aidge.Declarative.Generators.dll")}" />
                    <Analyzer Include="{Path.Combine(bin, "Aidge.Declarative.Analyzers.dll")}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, "Looks.cs"), """
                using Aidge.Declarative;

                namespace Consumer;

                [TryOnRequest(GenerateCount = 9)]
                public partial record Look(
                    [Garment(GarmentType.Tops)] string Shirt,
                    [Garment(GarmentType.Tops)] string Jacket);

                public static class Use
                {
                    public static string Params() => new Look("https://a.example/s.jpg", "https://a.example/j.jpg").ToRequestParams();
                }
                """);

            // A declared client that sends a type with no [TryOnRequest]: the build says so (AIDGE023), not CS0311 about ITryOnRequest,
            // which, as a declaration error, would stop the build before the analyzers ran.
            File.WriteAllText(Path.Combine(directory, "Client.cs"), """
                using System.Threading;
                using System.Threading.Tasks;
                using Aidge.Declarative;
                namespace Consumer;
                public record Shirt([Garment(GarmentType.Tops)] string Url);
                [TryOnApi]
                public interface ILookbook
                {
                    Task<TryOnOperation<Shirt>> SubmitAsync(Shirt look, CancellationToken cancellationToken = default);
                }
                """);
            (int exitCode, string output) = Run("dotnet", $"build \"{directory}\" -nologo -v:q -p:UseSharedCompilation=false", directory);

            Assert.NotEqual(0, exitCode);
            Assert.Matches(new Regex(@"Looks\.cs\(8,6\): error AIDGE001: 'Shirt' \(Tops\) and 'Jacket' \(Tops\) do not make a suit"), output);
            Assert.Matches(new Regex(@"Looks\.cs\(5,31\): error AIDGE002: generateCount is 9"), output);
            Assert.Matches(new Regex(@"Client\.cs\(9,45\): error AIDGE023: 'SubmitAsync' sends 'Shirt' through 'look', but Shirt has no \[TryOnRequest\]"), output);
            // The generator ran: ToRequestParams exists, so nothing else fails.
            Assert.DoesNotMatch(new Regex(@"error CS"), output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(string fileName, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build did not finish in 4 minutes:\n" + output);
        }

        return (process.ExitCode, output + error.Result);
    }
}
