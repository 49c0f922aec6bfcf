using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace Aidge.Declarative.PackageTests;

/// <summary>
/// Packs the packages from a copy of the sources (so the solution's own build is never raced), restores
/// them from a folder feed into a brand-new console project with its own package folder, and checks what
/// a user gets: the generator, the analyzer's build errors, and a client that works against the fake server.
/// </summary>
public sealed class PackageTests(ITestOutputHelper output)
{
    private static readonly string s_root = Path.GetFullPath(typeof(PackageTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!);

    private static readonly string[] s_sources = { "src", "generators", "analyzers", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "README.md" };

    [Fact]
    public void A_new_console_project_with_only_the_package_gets_the_generator_the_errors_and_a_working_client()
    {
        string work = Path.Combine(Path.GetTempPath(), "aidge-package-" + Guid.NewGuid().ToString("N"));
        try
        {
            string repository = Path.Combine(work, "repository");
            string feed = Path.Combine(work, "feed");
            foreach (string source in s_sources)
            {
                Copy(Path.Combine(s_root, source), Path.Combine(repository, source));
            }

            Run(repository, "pack src/Aidge.Declarative -c Release -o " + Quote(feed));
            Run(repository, "pack src/Aidge.Declarative.Testing -c Release -o " + Quote(feed));
            Run(repository, "pack src/Aidge.Declarative.Catalogue -c Release -o " + Quote(feed));
            Run(repository, "pack src/Aidge.Declarative.PostgreSql -c Release -o " + Quote(feed));
            Assert.True(File.Exists(Path.Combine(feed, "Aidge.Declarative.0.1.0.nupkg")));
            Assert.True(File.Exists(Path.Combine(feed, "Aidge.Declarative.0.1.0.snupkg")));
            Assert.True(File.Exists(Path.Combine(feed, "Aidge.Declarative.Catalogue.0.1.0.nupkg")));
            Assert.True(File.Exists(Path.Combine(feed, "Aidge.Declarative.PostgreSql.0.1.0.nupkg")));

            string consumer = WriteConsumer(work, feed);
            (int runExit, string runOutput) = Run(consumer, "run -c Release", check: false);
            Assert.True(runExit == 0, runOutput);
            Assert.Contains("""[{"clothesList":[{"imageUrl":"https://img.example/top.jpg","type":"tops"},{"imageUrl":"https://img.example/bottom.jpg","type":"bottoms"}],"model":{"base":"General","name":"James"},"viewType":"mixed","generateCount":4}]""", runOutput);
            Assert.Matches(new Regex(@"task \S+ Finished with 4 pictures"), runOutput);
            Assert.Contains("declared client: 1 look, 4 pictures of https://img.example/top.jpg", runOutput, StringComparison.Ordinal);
            Assert.Contains("netstandard2.0 library's client: 2 pictures", runOutput, StringComparison.Ordinal);
            Assert.Contains("catalogue: 2 finished, 2 paid; again: 2 from the ledger, 0 paid", runOutput, StringComparison.Ordinal);
            Assert.Contains("postgresql budget: 3 per 60 s", runOutput, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(consumer, "Invalid.cs"), """
                using Aidge.Declarative;

                [TryOnRequest]
                public partial record TwoTops([Garment(GarmentType.Tops)] string A, [Garment(GarmentType.Tops)] string B);
                """);
            (int buildExit, string buildOutput) = Run(consumer, "build -c Release", check: false);
            Assert.NotEqual(0, buildExit);
            Assert.Matches(new Regex(@"Invalid\.cs\(4,70\): error AIDGE001: 'A' \(Tops\) and 'B' \(Tops\) do not make a suit"), buildOutput);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static string WriteConsumer(string work, string feed)
    {
        string consumer = Path.Combine(work, "consumer");
        Directory.CreateDirectory(consumer);
        string library = Path.Combine(work, "library");
        Directory.CreateDirectory(library);
        string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        // The package comes from the folder feed into a folder of its own: never a stale copy from the cache.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(work, "packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{globalPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.Copy(Path.Combine(consumer, "nuget.config"), Path.Combine(library, "nuget.config"));

        // A netstandard2.0 library (no ModuleInitializerAttribute in its framework) that declares a request and a client:
        // the generator must declare the attribute, and the consumer must find the client the library registers.
        File.WriteAllText(Path.Combine(library, "Library.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Aidge.Declarative" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(library, "Library.cs"), """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Aidge.Declarative;

            namespace Library
            {
                [TryOnRequest(GenerateCount = 2)]
                public partial class LibraryTop
                {
                    public LibraryTop(string top) => Top = top;

                    [Garment(GarmentType.Tops)] public string Top { get; }
                }

                [TryOnApi]
                public interface ILibraryLookbook
                {
                    Task<TryOnResult<LibraryTop>> TryOnAsync(LibraryTop look, IProgress<TryOnResult<LibraryTop>>? progress = null, CancellationToken cancellationToken = default);
                }
            }
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Aidge.Declarative" Version="0.1.0" />
                <PackageReference Include="Aidge.Declarative.Testing" Version="0.1.0" />
                <PackageReference Include="Aidge.Declarative.Catalogue" Version="0.1.0" />
                <PackageReference Include="Aidge.Declarative.PostgreSql" Version="0.1.0" />
                <ProjectReference Include="../library/Library.csproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using Aidge.Declarative;
            using Aidge.Declarative.Testing;

            var suit = new SummerSuit("https://img.example/top.jpg", "https://img.example/bottom.jpg");
            Console.WriteLine(suit.ToRequestParams());

            await using var server = await FakeAidgeServer.StartAsync();
            var options = server.CreateClientOptions();
            options.PollingInterval = TimeSpan.FromMilliseconds(100);
            using var client = new TryOnClient(server.Credential, options);
            TryOnOperation operation = await client.SubmitAsync(suit);
            TryOnResult result = await operation.WaitForCompletionAsync();
            Console.WriteLine($"task {operation.TaskId} {result.Status} with {result.SubTasks[0].Pictures.Count} pictures");

            ILookbook lookbook = client.CreateApi<ILookbook>();
            TryOnResult<SummerSuit> typed = await lookbook.TryOnAsync(suit);
            Console.WriteLine($"declared client: {typed.Looks.Count} look, {typed.Looks[0].Pictures.Count} pictures of {typed.Looks[0].Pictures[0].GarmentUrl}");

            // The interface is the first thing of the library this program touches.
            Library.ILibraryLookbook fromLibrary = client.CreateApi<Library.ILibraryLookbook>();
            TryOnResult<Library.LibraryTop> libraryResult = await fromLibrary.TryOnAsync(new Library.LibraryTop("https://img.example/library-top.jpg"));
            Console.WriteLine($"netstandard2.0 library's client: {libraryResult.Looks[0].Pictures.Count} pictures");

            // The companion package: a catalogue of two looks, run twice on one SQLite ledger (its native library from the package).
            string ledgerPath = Path.Combine(Path.GetTempPath(), "aidge-package-ledger-" + Guid.NewGuid().ToString("N") + ".db");
            var looks = new[] { new SummerSuit("https://img.example/c1.jpg", "https://img.example/c1b.jpg"), new SummerSuit("https://img.example/c2.jpg", "https://img.example/c2b.jpg") };
            var catalogueOptions = new Aidge.Declarative.Catalogue.TryOnCatalogueOptions { SubmitsPerWindow = 100, Window = TimeSpan.FromSeconds(1), PollingInterval = TimeSpan.FromMilliseconds(100) };
            int finished = 0, fromLedger = 0;
            int submitsBefore = server.SubmitCount;
            await using (var ledger = await Aidge.Declarative.Catalogue.SqliteTryOnLedger.OpenAsync(ledgerPath))
            {
                await foreach (var item in new Aidge.Declarative.Catalogue.TryOnCatalogueRun<SummerSuit>(client, ledger, catalogueOptions).RunAsync(looks))
                    finished += item.State == Aidge.Declarative.Catalogue.TryOnLookState.Finished ? 1 : 0;
            }
            int firstPaid = server.SubmitCount - submitsBefore;
            await using (var ledger = await Aidge.Declarative.Catalogue.SqliteTryOnLedger.OpenAsync(ledgerPath))
            {
                await foreach (var item in new Aidge.Declarative.Catalogue.TryOnCatalogueRun<SummerSuit>(client, ledger, catalogueOptions).RunAsync(looks))
                    fromLedger += item.FromLedger ? 1 : 0;
            }
            Console.WriteLine($"catalogue: {finished} finished, {firstPaid} paid; again: {fromLedger} from the ledger, {server.SubmitCount - submitsBefore - firstPaid} paid");

            // The PostgreSQL package resolves with its Npgsql; a budget is made without a database until it is first asked for a permit.
            await using var shared = new Aidge.Declarative.PostgreSql.PostgreSqlSubmitBudget(Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1"), client.ServiceName, client.AccessKey, new Aidge.Declarative.PostgreSql.PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = 3 });
            Console.WriteLine($"postgresql budget: {shared.SubmitsPerWindow} per {shared.Window.TotalSeconds} s");

            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnResult<SummerSuit>> TryOnAsync(SummerSuit look, IProgress<TryOnResult<SummerSuit>>? progress = null, CancellationToken cancellationToken = default);
            }

            [TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]
            [TryOnModel(Base = "General", Name = "James")]
            public partial record SummerSuit(
                [Garment(GarmentType.Tops)] string Top,
                [Garment(GarmentType.Bottoms)] string Bottom);
            """);
        return consumer;
    }

    private (int ExitCode, string Output) Run(string directory, string arguments, bool check = true)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + arguments + " did not finish in 8 minutes.");
        }

        text += error.Result;
        output.WriteLine("$ dotnet " + arguments + " (exit " + process.ExitCode + ")");
        output.WriteLine(text.Length > 4000 ? text[^4000..] : text);
        Assert.True(!check || process.ExitCode == 0, "dotnet " + arguments + " failed:\n" + text);
        return (process.ExitCode, text);
    }

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            return;
        }

        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            Copy(file, Path.Combine(to, relative));
        }
    }

    private static string Quote(string path) => "\"" + path + "\"";
}
