using System.Diagnostics;
using Aidge.Declarative;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.CatalogueSample;
using Aidge.Declarative.Testing;

// Tries on every look of a catalogue CSV (sku,top,bottom,pictures) under the key's submit budget, and writes every look's
// pictures to a CSV. Kill it at any moment and start it again: looks that ended are not paid for again, tasks in flight are
// polled again, and a look whose submit may have been sent with no task id recorded is reported in doubt, never paid twice.
//
//   dotnet run --project samples/Aidge.Declarative.Catalogue -- garments.csv [--ledger FILE] [--out FILE] [--budget N --window SECONDS]
//
// With AIDGE_ACCESS_KEY and AIDGE_ACCESS_SECRET set it calls the real service (AIDGE_REGION=China, AIDGE_TRIAL=1 as in the
// other sample; AIDGE_ENDPOINT for another address, such as a fake server in a test); without them, a fake Aidge server runs
// in this process, with a budget of 30 submits per 3 s.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

Arguments arguments;
try
{
    arguments = Arguments.Parse(args);
}
catch (ArgumentException problem)
{
    Console.Error.WriteLine(problem.Message);
    Console.Error.WriteLine("usage: Aidge.Declarative.Catalogue <catalogue.csv> [--ledger FILE] [--out FILE] [--budget N] [--window SECONDS] [--in-flight N]");
    return 2;
}

AidgeCredential? credential = AidgeCredential.FromEnvironment();
string? endpoint = Environment.GetEnvironmentVariable("AIDGE_ENDPOINT");
FakeAidgeServer? fake = null;
TryOnClientOptions clientOptions;
var runOptions = new TryOnCatalogueOptions
{
    SubmitsPerWindow = arguments.Budget,
    Window = arguments.Window ?? TimeSpan.FromSeconds(60),
    MaxTasksInFlight = arguments.InFlight ?? 200,
    ExpectedLooks = CatalogueCsv.Count(arguments.Catalogue),
};
if (credential is null)
{
    var fakeOptions = new FakeAidgeServerOptions
    {
        SubmitsPerWindow = 30,
        RateLimitWindow = TimeSpan.FromSeconds(3),
        SubmittedFor = TimeSpan.FromMilliseconds(300),
        RunningFor = TimeSpan.FromMilliseconds(700),
        TaskLogPath = arguments.Ledger + ".fake-tasks.jsonl",   // so that a restarted sample can still ask about its tasks
        RecordRequests = false,
    };
    fake = await FakeAidgeServer.StartAsync(fakeOptions, cancel.Token);
    credential = fake.Credential;
    clientOptions = fake.CreateClientOptions();
    runOptions.SubmitsPerWindow ??= fakeOptions.SubmitsPerWindow;
    runOptions.Window = arguments.Window ?? fakeOptions.RateLimitWindow;
    runOptions.PollingInterval = TimeSpan.FromMilliseconds(500);
    Console.WriteLine($"No AIDGE_ACCESS_KEY/AIDGE_ACCESS_SECRET set: using the embedded fake Aidge server at {fake.BaseAddress} (no real pictures are made).");
}
else
{
    clientOptions = new TryOnClientOptions
    {
        Region = string.Equals(Environment.GetEnvironmentVariable("AIDGE_REGION"), "China", StringComparison.OrdinalIgnoreCase) ? AidgeRegion.China : AidgeRegion.Global,
        UseTrialResource = Environment.GetEnvironmentVariable("AIDGE_TRIAL") == "1",
    };
    if (!string.IsNullOrEmpty(endpoint))
    {
        clientOptions.Endpoint = new Uri(endpoint);
        runOptions.PollingInterval = TimeSpan.FromMilliseconds(500);
    }

    Console.WriteLine($"Calling Aidge at {clientOptions.Endpoint} with access key {credential.AccessKey}{(clientOptions.UseTrialResource ? " (trial quota)" : string.Empty)}.");
}

Console.WriteLine($"Catalogue {arguments.Catalogue}: {runOptions.ExpectedLooks} looks; ledger {arguments.Ledger}; pictures to {arguments.Output}.");
Console.WriteLine(runOptions.SubmitsPerWindow is { } budget
    ? $"Budget: {budget} submits per {runOptions.Window.TotalSeconds:0.#} s."
    : $"Budget: not given; learned from the service's 501 answers, per {runOptions.Window.TotalSeconds:0.#} s.");

var clock = Stopwatch.StartNew();
var status = new ConsoleStatus();
var notEnded = new List<string>();
int exitCode = 0;
try
{
    using var client = new TryOnClient(credential, clientOptions);
    await using SqliteTryOnLedger ledger = await SqliteTryOnLedger.OpenAsync(arguments.Ledger, cancel.Token);
    var run = new TryOnCatalogueRun<ProductLook>(client, ledger, runOptions);
    await using (var output = new StreamWriter(arguments.Output, append: false))
    {
        await output.WriteLineAsync(CatalogueCsv.Header);
        await foreach (TryOnCatalogueItem<ProductLook> item in run.RunAsync(CatalogueCsv.ReadAsync(arguments.Catalogue, cancel.Token), status, cancel.Token))
        {
            CatalogueCsv.WriteRow(output, item);
            await output.FlushAsync(CancellationToken.None);
            if (item.State != TryOnLookState.Finished)
            {
                notEnded.Add($"  {item.Key,-12} {item.State,-9} {item.Error}");
            }
        }
    }
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    status.Done();
    Console.WriteLine("Stopped. What was recorded stays recorded: run the same command again to go on.");
    exitCode = 130;
}
catch (AidgeException stopped)
{
    status.Done();
    Console.WriteLine($"The run stopped: {stopped.Kind}: {stopped.Message}");
    exitCode = 1;
}
catch (Exception failure) when (failure is IOException or FormatException)
{
    status.Done();
    Console.WriteLine($"The run stopped: {failure.Message}");
    exitCode = 1;
}
finally
{
    if (fake is not null)
    {
        await fake.DisposeAsync();
    }
}

status.Done();
if (status.Last is { } last)
{
    Console.WriteLine();
    Console.WriteLine($"{"state",-10} {"looks",6}");
    Console.WriteLine($"{"finished",-10} {last.Finished,6}");
    Console.WriteLine($"{"failed",-10} {last.Failed,6}");
    Console.WriteLine($"{"in doubt",-10} {last.InDoubt,6}");
    Console.WriteLine($"{"all",-10} {last.Ended,6}   ({last.FromLedger} of them from the ledger, free)");
    Console.WriteLine();
    Console.WriteLine($"Paid submits this run: {last.Submits}; answered 501: {last.RateLimited}; budget {last.SubmitsPerWindow} per {runOptions.Window.TotalSeconds:0.#} s{(last.BudgetKnown ? string.Empty : " (learned)")}, {last.BudgetUse:P0} of it used; {clock.Elapsed.TotalSeconds:0.0} s.");
}

if (notEnded.Count != 0)
{
    Console.WriteLine();
    Console.WriteLine("Looks that did not finish:");
    foreach (string line in notEnded.Take(20))
    {
        Console.WriteLine(line.Length > 220 ? line[..217] + "..." : line);
    }

    if (notEnded.Count > 20)
    {
        Console.WriteLine($"  ... and {notEnded.Count - 20} more, in {arguments.Output}");
    }
}

Console.WriteLine();
Console.WriteLine($"Every look's pictures: {Path.GetFullPath(arguments.Output)}");
return exitCode;
