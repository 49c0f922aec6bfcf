using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.PostgreSql;
using Aidge.Declarative.PostgreSql.Tests;
using Aidge.Declarative.Testing;

namespace Aidge.Declarative.Benchmarks
{
    /// <summary>A look of the measured catalogues: one top on the library's model.</summary>
    [TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]
    [TryOnModel(Base = "General", Name = "James")]
    public partial record MeasuredLook([Garment(GarmentType.Tops)] string Top);

    /// <summary>
    /// The catalogue's measurements, each against the fake server, with what the server saw as the figures' source:
    /// <list type="bullet">
    /// <item><c>catalogue-budget [looks] [submits per window] [window ms]</c>: the share of the budget used and of submits answered
    /// 501, with the budget given and with it learned.</item>
    /// <item><c>catalogue-memory [looks...]</c>: the peak working set of a child process running each catalogue against an instant
    /// fake server in this process; <c>catalogue-memory-shared [looks...]</c> the same with the child's ledger in a throwaway PostgreSQL.</item>
    /// <item><c>catalogue-ledger [looks]</c>: the SQLite ledger's own cost: synced saves per second, each its own transaction, and the
    /// time to open (and so check whole) a ledger of that many finished looks.</item>
    /// </list>
    /// </summary>
    internal static class CatalogueMeasurements
    {
        public static async Task<int> RunAsync(string[] args)
        {
            if (args[0] != "catalogue-child")
            {
                PrintMachine();
            }

            switch (args[0])
            {
                case "catalogue-budget":
                    int looks = args.Length > 1 ? Parse(args[1]) : 1000;
                    int budget = args.Length > 2 ? Parse(args[2]) : 34;
                    TimeSpan window = TimeSpan.FromMilliseconds(args.Length > 3 ? Parse(args[3]) : 2000);
                    await BudgetAsync(looks, budget, window, told: true);
                    await BudgetAsync(looks, budget, window, told: false);
                    return 0;
                case "catalogue-memory":
                    foreach (int count in args.Length > 1 ? args.Skip(1).Select(Parse) : new[] { 10_000, 100_000 })
                    {
                        await MemoryAsync(count, postgres: null);
                    }

                    return 0;
                case "catalogue-memory-pictures":
                    // The same child, without and then with its pictures saved, in one run: the peers side by side.
                    foreach (int count in args.Length > 1 ? args.Skip(1).Select(Parse) : new[] { 2_000, 10_000 })
                    {
                        await MemoryAsync(count, postgres: null);
                        await MemoryAsync(count, postgres: null, pictures: true);
                    }

                    return 0;
                case "catalogue-memory-shared":
                    await using (PostgresServer postgres = await PostgresServer.StartAsync())
                    {
                        foreach (int count in args.Length > 1 ? args.Skip(1).Select(Parse) : new[] { 10_000, 100_000 })
                        {
                            await MemoryAsync(count, postgres);
                        }
                    }

                    return 0;
                case "catalogue-sheet":
                    await SheetAsync(args.Length > 1 ? Parse(args[1]) : 1000, args.Length > 2 ? Parse(args[2]) : 5);
                    return 0;
                case "catalogue-ledger":
                    await LedgerAsync(args.Length > 1 ? Parse(args[1]) : 100_000);
                    return 0;
                case "catalogue-child":
                    return await ChildAsync(new Uri(args[1]), Parse(args[2]), args[3], args.Length > 4 ? args[4] : null);
                default:
                    return 2;
            }
        }

        public static void PrintMachine() => Console.WriteLine("# " + MachineInfo.Describe());

        private static async Task BudgetAsync(int looks, int budget, TimeSpan window, bool told)
        {
            await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions
            {
                SubmitsPerWindow = budget,
                RateLimitWindow = window,
                SubmittedFor = TimeSpan.FromMilliseconds(200),
                RunningFor = TimeSpan.FromMilliseconds(300),
            });
            string directory = Directory.CreateTempSubdirectory("aidge-budget-").FullName;
            try
            {
                using var client = new TryOnClient(server.Credential, server.CreateClientOptions());
                await using SqliteTryOnLedger ledger = await SqliteTryOnLedger.OpenAsync(Path.Combine(directory, "ledger.db"));
                var run = new TryOnCatalogueRun<MeasuredLook>(client, ledger, new TryOnCatalogueOptions
                {
                    SubmitsPerWindow = told ? budget : null,
                    Window = window,
                    PollingInterval = TimeSpan.FromMilliseconds(250),
                    MaxPollingInterval = TimeSpan.FromSeconds(1),
                });
                var clock = Stopwatch.StartNew();
                int finished = 0;
                await foreach (TryOnCatalogueItem<MeasuredLook> item in run.RunAsync(Enumerable.Range(0, looks).Select(i => new TryOnCatalogueLook<MeasuredLook>("L" + i, new MeasuredLook(Url(i))))))
                {
                    finished += item.State == TryOnLookState.Finished ? 1 : 0;
                }

                // The server's view: when each paid submit arrived, and how many were answered 501.
                FakeAidgeRequest[] submits = server.Requests.Where(r => r.IsSubmit).ToArray();
                DateTimeOffset[] paid = submits.Where(r => r.ResCode == AidgeResCodes.Success).Select(r => r.ReceivedAt).OrderBy(t => t).ToArray();
                int refused = submits.Count(r => r.ResCode == AidgeResCodes.RateLimitExceeded);
                TimeSpan span = paid[^1] - paid[0];
                double rateUse = (paid.Length - 1) / (budget * (span / window));
                double windowsUse = paid.Length / (budget * (Math.Floor(span / window) + 1));
                int maxInWindow = MaxInAnyWindow(paid, window);
                Console.WriteLine(
                    $"budget {(told ? "given" : "learned")}: {looks} looks, {finished} finished in {clock.Elapsed.TotalSeconds:0.0} s; {paid.Length} paid submits over {span.TotalSeconds:0.0} s " +
                    $"= {rateUse:P1} of {budget}/{window.TotalSeconds:0.##} s (by rate), {windowsUse:P1} (by whole windows, n*(floor(span/w)+1)); " +
                    $"{refused} answered 501 = {refused / (double)submits.Length:P2} of {submits.Length} submits; most in any window {maxInWindow}");
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        private static int MaxInAnyWindow(DateTimeOffset[] sorted, TimeSpan window)
        {
            int most = 0;
            for (int first = 0, last = 0; last < sorted.Length; last++)
            {
                while (sorted[last] - sorted[first] >= window)
                {
                    first++;
                }

                most = Math.Max(most, last - first + 1);
            }

            return most;
        }

        // The child's ledger is a file in a folder of its own, or (given a server) a database of its own on that server.
        private static async Task MemoryAsync(int looks, PostgresServer? postgres, bool pictures = false)
        {
            await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions
            {
                SubmittedFor = TimeSpan.Zero,
                RunningFor = TimeSpan.Zero,
                RecordRequests = false,
            });
            string directory = Directory.CreateTempSubdirectory("aidge-memory-").FullName;
            try
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
                string ledger = postgres is null ? Path.Combine(directory, "ledger.db") : await postgres.CreateDatabaseAsync();
                foreach (string argument in new[] { typeof(CatalogueMeasurements).Assembly.Location, "catalogue-child", server.BaseAddress.ToString(), looks.ToString(CultureInfo.InvariantCulture), ledger })
                {
                    start.ArgumentList.Add(argument);
                }

                if (pictures)
                {
                    start.ArgumentList.Add(Path.Combine(directory, "pictures"));
                }

                using Process child = Process.Start(start)!;
                string report = await child.StandardOutput.ReadToEndAsync();
                await child.WaitForExitAsync();
                Console.WriteLine($"{looks,7} looks{(pictures ? ", pictures saved" : string.Empty)}: {report.Trim()}");
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        // The child: a catalogue generated one look at a time (never held), run against the server given, then its peak memory. Its
        // ledger is the SQLite file at the path given, or the PostgreSQL database of the connection string given.
        private static async Task<int> ChildAsync(Uri endpoint, int looks, string ledgerPath, string? pictures)
        {
            var clock = Stopwatch.StartNew();
            using var client = new TryOnClient(new AidgeCredential(FakeAidgeServerOptions.DefaultAccessKey, FakeAidgeServerOptions.DefaultSecret), new TryOnClientOptions { Endpoint = endpoint });
            bool shared = ledgerPath.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);
            await using ITryOnLedger ledger = shared
                ? await PostgreSqlTryOnLedger.OpenAsync(ledgerPath, "memory")
                : await SqliteTryOnLedger.OpenAsync(ledgerPath);
            var run = new TryOnCatalogueRun<MeasuredLook>(client, ledger, new TryOnCatalogueOptions
            {
                SubmitsPerWindow = 1_000_000,
                Window = TimeSpan.FromSeconds(1),
                PollingInterval = TimeSpan.FromMilliseconds(1),
                MaxPollingInterval = TimeSpan.FromMilliseconds(5),
                Pictures = pictures is null ? null : TryOnPictureOptions.InFolder(pictures),
            });
            int finished = 0;
            int saved = 0;
            long heapPeak = 0;
            await foreach (TryOnCatalogueItem<MeasuredLook> item in run.RunAsync(Enumerable.Range(0, looks).Select(i => new TryOnCatalogueLook<MeasuredLook>("L" + i, new MeasuredLook(Url(i))))))
            {
                saved += item.SavedPictures.Count(p => p.IsSaved);
                if (item.State == TryOnLookState.Finished && ++finished % 1000 == 0)
                {
                    heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: false));
                    if (Environment.GetEnvironmentVariable("AIDGE_RETAINED") == "1")
                    {
                        Console.Error.WriteLine($"{finished}: retained {GC.GetTotalMemory(forceFullCollection: true) / 1024} KiB");
                    }
                }
            }

            using Process self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine(
                $"{finished} finished in {clock.Elapsed.TotalSeconds:0} s; peak working set {self.PeakWorkingSet64 / (1024.0 * 1024):0.0} MiB; " +
                $"managed heap at most {heapPeak / (1024.0 * 1024):0.0} MiB (sampled every 1,000 looks)" + (shared ? "; ledger in PostgreSQL" : $"; ledger {new FileInfo(ledgerPath).Length / (1024.0 * 1024):0.0} MiB") +
                (pictures is null ? string.Empty : $"; {saved} pictures saved, {saved / clock.Elapsed.TotalSeconds:0} per s"));
            return finished == looks ? 0 : 1;
        }

        // The sample's contact sheet for a catalogue of that many looks, pictures saved, against an instant fake in this process: its size,
        // then its load in Debian's chromium (headless), a new browser each time: DOMContentLoaded and load, from navigation start.
        private static async Task SheetAsync(int looks, int loads)
        {
            await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { SubmittedFor = TimeSpan.Zero, RunningFor = TimeSpan.Zero, RecordRequests = false });
            string directory = Directory.CreateTempSubdirectory("aidge-sheet-").FullName;
            try
            {
                string catalogue = Path.Combine(directory, "catalogue.csv");
                await File.WriteAllLinesAsync(catalogue, new[] { "sku,top,bottom,pictures" }.Concat(Enumerable.Range(0, looks).Select(i => "SKU-" + i + "," + Url(i) + ",,")));
                (int code, string log) = await Aidge.Declarative.Tests.Catalogue.SampleProcess.RunAsync(
                    directory, Aidge.Declarative.Tests.Catalogue.SampleProcess.CallingServer(server), catalogue, "--pictures", Path.Combine(directory, "pictures"), "--budget", "100000", "--window", "1");
                if (code != 0)
                {
                    Console.WriteLine(log);
                    return;
                }

                var sheet = new FileInfo(Path.Combine(directory, "catalogue.looks.html"));
                Console.WriteLine($"contact sheet of {looks} looks ({Directory.GetFiles(Path.Combine(directory, "pictures")).Length} pictures saved): {sheet.Length / 1024.0:0} KiB");
                var ready = new List<double>();
                var loaded = new List<double>();
                long decoded = 0;
                long images = 0;
                if (!File.Exists("/usr/bin/chromium") || !File.Exists("/usr/bin/chromedriver"))
                {
                    Console.WriteLine("The load is measured in Debian's chromium: apt-get install chromium chromium-driver.");
                    return;
                }

                for (int i = 0; i < loads; i++)
                {
                    var service = OpenQA.Selenium.Chrome.ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
                    service.SuppressInitialDiagnosticInformation = true;
                    var options = new OpenQA.Selenium.Chrome.ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
                    options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1400");
                    using var browser = new OpenQA.Selenium.Chrome.ChromeDriver(service, options);
                    browser.Navigate().GoToUrl(new Uri(sheet.FullName).AbsoluteUri);
                    var timing = (IReadOnlyDictionary<string, object>)browser.ExecuteScript(
                        "const t = performance.getEntriesByType('navigation')[0]; return { ready: t.domContentLoadedEventEnd, load: t.loadEventEnd, images: Array.from(document.images).filter(i => i.naturalWidth > 0).length, all: document.images.length };")!;
                    ready.Add(Convert.ToDouble(timing["ready"], CultureInfo.InvariantCulture));
                    loaded.Add(Convert.ToDouble(timing["load"], CultureInfo.InvariantCulture));
                    decoded = Convert.ToInt64(timing["images"], CultureInfo.InvariantCulture);
                    images = Convert.ToInt64(timing["all"], CultureInfo.InvariantCulture);
                }

                Console.WriteLine($"DOMContentLoaded {Spread.Describe(ready, " ms", "0")}; load {Spread.Describe(loaded, " ms", "0")}; over {loads} browsers; {decoded} of the page's {images} images decoded when it was loaded (the rest are lazy)");
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        // Each save as a run makes it: one finished look with four pictures, committed and synced before the next.
        private static async Task LedgerAsync(int looks)
        {
            string directory = Directory.CreateTempSubdirectory("aidge-ledger-").FullName;
            try
            {
                string path = Path.Combine(directory, "ledger.db");
                var owner = new TryOnLedgerOwner("https://api.aidc-ai.com", "measured-key");
                var clock = Stopwatch.StartNew();
                await using (SqliteTryOnLedger ledger = await SqliteTryOnLedger.OpenAsync(path))
                await using (ITryOnLedgerSession session = await ledger.BeginSessionAsync(owner))
                {
                    for (int i = 0; i < looks; i++)
                    {
                        string task = "1ce4fd33-b9d5-4e21-a24c-" + i.ToString("D12", CultureInfo.InvariantCulture);
                        TryOnPicture[] pictures = Enumerable.Range(0, 4).Select(n => new TryOnPicture("https://img.example/results/" + task + "/" + n + ".png?Expires=1883910332&Signature=ebJZT4eoEN3kpsSiSpK4minOdRM%3D", Url(i))).ToArray();
                        await session.SaveAsync(new TryOnLedgerClaim("L" + i, null, 1, isHeld: true), new TryOnLedgerEntry("L" + i, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", TryOnLedgerState.Finished, task, TryOnEdition.Standard, pictures, updatedAt: DateTimeOffset.UtcNow, submittedAt: DateTimeOffset.UtcNow));
                        if ((i + 1) % 10_000 == 0)
                        {
                            Console.WriteLine($"  {i + 1} saved, {(i + 1) / clock.Elapsed.TotalSeconds:0} saves/s so far");
                        }
                    }
                }

                Console.WriteLine($"{looks} synced saves in {clock.Elapsed.TotalSeconds:0.0} s: {looks / clock.Elapsed.TotalSeconds:0} per second, {clock.Elapsed.TotalMilliseconds / looks:0.00} ms each; file {new FileInfo(path).Length / (1024.0 * 1024):0.0} MiB");
                for (int round = 0; round < 3; round++)
                {
                    clock.Restart();
                    await using SqliteTryOnLedger opened = await SqliteTryOnLedger.OpenAsync(path);
                    Console.WriteLine($"open, checked whole: {clock.Elapsed.TotalMilliseconds:0} ms");
                }
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        private static string Url(int i) => "https://shop.example/aw26/look-" + i.ToString("D6", CultureInfo.InvariantCulture) + ".jpg";

        private static int Parse(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
