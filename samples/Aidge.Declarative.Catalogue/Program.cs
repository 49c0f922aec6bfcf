using System.Collections.Concurrent;
using System.Diagnostics;
using Aidge.Declarative;
using Aidge.Declarative.Catalogue;
using Aidge.Declarative.CatalogueSample;
using Aidge.Declarative.PostgreSql;
using Aidge.Declarative.Testing;
using CsvHelper;
using Microsoft.Extensions.Logging;
using Npgsql;

// Tries on every look of a catalogue CSV (columns sku, top, bottom, pictures, in any order) under the key's submit budget, and
// writes every look's pictures to a CSV. Kill it at any moment and start it again: looks that ended are not paid for again, tasks
// in flight are polled again, and a look whose submit may have been sent with no task id recorded is reported in doubt, never
// paid twice (--in-doubt lists them; --attach and --resubmit are the two ways out).
//
//   dotnet run --project samples/Aidge.Declarative.Catalogue -- garments.csv [--ledger FILE] [--out FILE] [--budget N --window SECONDS]
//
// With AIDGE_ACCESS_KEY and AIDGE_ACCESS_SECRET set it calls the real service (AIDGE_REGION=China, AIDGE_TRIAL=1 as in the
// other sample; AIDGE_ENDPOINT for another address, such as a fake server in a test); with neither, a fake Aidge server runs
// in this process, with a budget of 30 submits per 3 s. Half a pair is an error. AIDGE_SERVICE_NAME names the service the ledger
// records (by default the endpoint's address), as for a fake server that --serve-fake started.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

// SIGTERM (a container or a service manager stopping the worker) stops it as Ctrl-C does: what is on the wire is let finish and recorded.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    cancel.Cancel();
});

Arguments arguments;
AidgeCredential? credential;
try
{
    arguments = Arguments.Parse(args);
    credential = AidgeCredential.FromEnvironmentIfSet();
}
catch (Exception problem) when (problem is ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine(problem.Message);
    Console.Error.WriteLine(Arguments.Usage);
    return 2;
}

if (arguments.ServeFake is { } port)
{
    return await FakeServerAsync(port, arguments, cancel.Token);
}

if (arguments.Postgres is not null && credential is null)
{
    Console.Error.WriteLine(
        "--postgres shares a catalogue and a key between processes, which must all call one service: set AIDGE_ACCESS_KEY and AIDGE_ACCESS_SECRET " +
        "(and AIDGE_ENDPOINT for a fake server the workers share: start one with --serve-fake PORT, whose key is fake-access-key and secret fake-secret-not-for-production).");
    return 2;
}

// The whole file is checked before anything is started or paid for.
int expected;
try
{
    expected = await CatalogueCsv.CheckAsync(arguments.Catalogue, cancel.Token);
}
catch (Exception problem) when (problem is FormatException or IOException or UnauthorizedAccessException)
{
    Console.WriteLine($"The catalogue cannot be read: {problem.Message}");
    return 1;
}

string? endpoint = Environment.GetEnvironmentVariable("AIDGE_ENDPOINT");
FakeAidgeServer? fake = null;
TryOnClientOptions clientOptions;
TryOnPictureFolder? pictureFolder = arguments.Pictures is { } picturesPath ? new TryOnPictureFolder(picturesPath) : null;
var runOptions = new TryOnCatalogueOptions
{
    SubmitsPerWindow = arguments.Budget,
    Window = arguments.Window ?? TimeSpan.FromSeconds(60),
    MaxTasksInFlight = arguments.InFlight ?? 200,
    ExpectedLooks = expected,
    ResubmitInDoubtKeys = arguments.Resubmit.ToList(),
    CheckBalance = arguments.CheckBalance,
    Pictures = pictureFolder is null ? null : new TryOnPictureOptions(pictureFolder),
};
if (credential is null)
{
    var fakeOptions = new FakeAidgeServerOptions
    {
        SubmitsPerWindow = 30,
        RateLimitWindow = TimeSpan.FromSeconds(3),
        SubmittedFor = TimeSpan.FromMilliseconds(300),
        RunningFor = TimeSpan.FromMilliseconds(700),

        // So that a restarted sample can still ask about its tasks, as it could the service; the log also keeps the fake's name,
        // so that the ledger knows it for the same service next time, and for no other.
        TaskLogPath = arguments.Ledger + ".fake-tasks.jsonl",
        RecordRequests = false,
    };
    fake = await FakeAidgeServer.StartAsync(fakeOptions, cancel.Token);
    credential = fake.Credential;
    clientOptions = fake.CreateClientOptions();
    runOptions.SubmitsPerWindow ??= fakeOptions.SubmitsPerWindow;
    runOptions.Window = arguments.Window ?? fakeOptions.RateLimitWindow;
    runOptions.PollingInterval = TimeSpan.FromMilliseconds(500);
    Console.WriteLine($"No AIDGE_ACCESS_KEY or AIDGE_ACCESS_SECRET set: using the embedded fake Aidge server at {fake.BaseAddress} ({fake.ServiceName}; its pictures are small placeholder PNGs it serves while this runs).");
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

    if (Environment.GetEnvironmentVariable("AIDGE_SERVICE_NAME") is { Length: > 0 } serviceName)
    {
        clientOptions.ServiceName = serviceName;
    }

    Console.WriteLine($"Calling Aidge at {clientOptions.Endpoint} with access key {credential.AccessKey}{(clientOptions.UseTrialResource ? " (trial quota)" : string.Empty)}.");
    if (arguments.CheckBalance && clientOptions.UseTrialResource)
    {
        Console.WriteLine("--check-balance asks the balance of the paid quota, but AIDGE_TRIAL=1 sends on the trial quota, which that balance does not count: leave one of them out.");
        return 2;
    }
}

// Warnings and worse go to standard error as they happen: above all a paid submit's task id that the ledger could not keep.
using ILoggerFactory logging = LoggerFactory.Create(builder => builder
    .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; })
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
    .SetMinimumLevel(LogLevel.Warning));

var clock = Stopwatch.StartNew();
var status = new ConsoleStatus();
var notEnded = new List<string>();

// Paid submits whose task id the ledger could not record (the database out of reach, a disk full): each is written to a file of
// its own at once, synced, and said again at the end, so that it is attached rather than paid for again.
var unrecorded = new List<(string Key, string TaskId)>();
string unrecordedPath = Path.GetFullPath(arguments.Output + ".unrecorded-tasks.txt");
var badRows = new ConcurrentQueue<CatalogueRow>();
int badRowCount = 0;
string temporary = arguments.Output + ".tmp";
bool writing = false;
bool complete = false;
TimeSpan budgetWindow = runOptions.Window;
int exitCode = 0;
try
{
    if (arguments.ListInDoubt && arguments.Postgres is null && !File.Exists(arguments.Ledger))
    {
        // Listing costs nothing, and makes nothing: no ledger is created to say it holds nothing.
        Console.WriteLine($"There is no ledger at {Path.GetFullPath(arguments.Ledger)}, so no look is in doubt.");
        return 0;
    }

    // With --postgres the ledger and the key's submit budget are shared with every worker given the same connection string and
    // catalogue. The ledger is opened and its owner checked first, so that a run refused the ledger touches nothing else.
    var owner = new TryOnLedgerOwner(clientOptions.GetServiceName(), credential.AccessKey);
    if (arguments.IsBundledDemo && !owner.IsFakeServer)
    {
        // The demo costs a real key about 196 paid submits: only a catalogue named by its path is paid for.
        Console.WriteLine($"No catalogue {Arguments.BundledDemo} here ({Environment.CurrentDirectory}), and {owner} is no fake server: the sample's own demo is not paid for unless named by its path ({arguments.Catalogue}). Give the path of the catalogue to try on.");
        return 2;
    }

    await using ITryOnLedger ledger = arguments.Postgres is { } shared
        ? await PostgreSqlTryOnLedger.OpenAsync(shared, arguments.CatalogueName!, new PostgreSqlLedgerOptions { Lease = arguments.Lease ?? TimeSpan.FromSeconds(30), AnswerGrace = arguments.AnswerGrace ?? TimeSpan.FromMinutes(2) }, cancel.Token)
        : await SqliteTryOnLedger.OpenAsync(arguments.Ledger, cancel.Token);
    TryOnLedgerOwner? recorded = ledger switch
    {
        SqliteTryOnLedger file => file.Owner,
        PostgreSqlTryOnLedger database => await database.GetOwnerAsync(cancel.Token),
        _ => null,
    };
    if (arguments.AdoptLedger && recorded is not null && !recorded.Equals(owner))
    {
        runOptions.AdoptLedgerFrom = recorded;
    }

    TryOnLedgerOwner.Admit(Describe(ledger), recorded, owner, runOptions.AdoptLedgerFrom);
    if (runOptions.AdoptLedgerFrom is not null)
    {
        Console.WriteLine($"Adopting the ledger {Describe(ledger)} of {recorded} for {owner}, as asked (--adopt-ledger).");
    }

    PostgreSqlSubmitBudget? opened = null;
    if (arguments.Postgres is { } connection && !arguments.ListInDoubt)
    {
        try
        {
            opened = await PostgreSqlSubmitBudget.OpenAsync(
                connection,
                owner.ServiceName,
                owner.AccessKey,
                new PostgreSqlSubmitBudgetOptions { SubmitsPerWindow = arguments.Budget, Window = arguments.Window ?? TimeSpan.FromSeconds(60), Reconfigure = arguments.SetBudget },
                cancel.Token);
        }
        catch (InvalidOperationException other)
        {
            status.Done();
            Console.WriteLine($"The run did not start: {other.Message}");
            Console.WriteLine("With this sample: give the recorded --budget and --window, or leave --budget out to take them, or add --set-budget to record yours for every worker.");
            return 1;
        }
    }

    await using PostgreSqlSubmitBudget? sharedBudget = opened;
    if (sharedBudget is not null)
    {
        clientOptions.SubmitBudget = sharedBudget;
        runOptions.SubmitsPerWindow = null;   // the budget's own
        budgetWindow = sharedBudget.Window;
    }

    using var client = new TryOnClient(credential, clientOptions, logger: logging.CreateLogger<TryOnClient>());
    var run = new TryOnCatalogueRun<ProductLook>(client, ledger, runOptions, logging.CreateLogger<TryOnCatalogueRun<ProductLook>>());
    if (arguments.ListInDoubt)
    {
        IReadOnlyList<TryOnLedgerEntry> doubts = await run.GetInDoubtAsync(cancel.Token);
        Console.WriteLine(doubts.Count == 0 ? $"The ledger {Describe(ledger)} holds no look in doubt." : $"The ledger {Describe(ledger)} holds {doubts.Count} looks in doubt (sent, perhaps paid for, no task id recorded):");
        foreach (TryOnLedgerEntry doubt in doubts)
        {
            string sent = doubt.SubmittedAt is { } at ? at.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "at an unknown time";
            Console.WriteLine($"  {doubt.Key,-14} sent {sent}, request id {doubt.Error?.RequestId ?? "none"}: {doubt.Error?.Message}");
        }

        if (doubts.Count != 0)
        {
            Console.WriteLine("Find each in the vendor's console by its time: --attach KEY=TASK_ID if it made a task (costs one query), --resubmit KEY if it did not (pays again).");
        }

        return 0;
    }

    if (arguments.Resubmit.Count != 0)
    {
        // Resubmitting pays again: each key named must be a look in doubt, or nothing is sent at all.
        var doubts = new HashSet<string>((await run.GetInDoubtAsync(cancel.Token)).Select(d => d.Key), StringComparer.Ordinal);
        string[] notInDoubt = arguments.Resubmit.Where(key => !doubts.Contains(TryOnCatalogueKeys.Normalize(key))).ToArray();
        if (notInDoubt.Length != 0)
        {
            Console.WriteLine($"--resubmit names {string.Join(", ", notInDoubt)}, which the ledger does not hold in doubt (--in-doubt lists those it does): nothing was sent.");
            return 2;
        }
    }

    foreach ((string key, string taskId) in arguments.Attach)
    {
        await run.AttachTaskIdAsync(key, taskId, cancel.Token);
        Console.WriteLine($"Attached the task {taskId} to the look {key}: this run polls it.");
    }

    Console.WriteLine($"Catalogue {arguments.Catalogue}: {expected} looks; ledger {Describe(ledger)}; results to {arguments.Output} and {arguments.Sheet}{(pictureFolder is null ? string.Empty : $"; pictures saved in {pictureFolder.Path}")}.");
    Console.WriteLine(sharedBudget is not null
        ? $"Budget: shared in PostgreSQL with every process of this key, {(sharedBudget.IsKnown ? sharedBudget.SubmitsPerWindow + " submits" : "learned from the service's 501 answers, now " + sharedBudget.SubmitsPerWindow)} per {sharedBudget.Window.TotalSeconds:0.#} s."
        : runOptions.SubmitsPerWindow is { } budget
            ? $"Budget: {budget} submits per {runOptions.Window.TotalSeconds:0.#} s."
            : $"Budget: not given; learned from the service's 501 answers, per {runOptions.Window.TotalSeconds:0.#} s.");

    // The results go to a file of their own, which replaces the last one only once the run is complete: a run that stops leaves it
    // whole. Only the run that holds the ledger writes it (a run refused the ledger never touches it).
    writing = true;
    await using ContactSheet sheet = ContactSheet.Create(arguments.Sheet, pictureFolder);
    await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
    await using (var text = new StreamWriter(stream))
    await using (CsvWriter output = CsvWriter.Create(text))
    {
        output.WriteRecord(CatalogueCsv.ResultColumns);
        await foreach (TryOnCatalogueItem<ProductLook> item in run.RunAsync(LooksOf(arguments.Catalogue, badRows, cancel.Token), status, cancel.Token))
        {
            badRowCount += WriteBadRows(output, sheet, badRows, notEnded);
            CatalogueCsv.WriteRow(output, item, pictureFolder);
            sheet.Add(item);
            if (item.State == TryOnLookState.InDoubt && item.TaskId is { } paidTask)
            {
                unrecorded.Add((item.Key, paidTask));
                KeepUnrecorded(unrecordedPath, item.Key, paidTask);
            }

            if (item.State != TryOnLookState.Finished)
            {
                notEnded.Add($"  {Printable(item.Key),-12} line {item.Request.Line,-4} {item.State,-12} {item.Error?.ToString().ReplaceLineEndings(" ")}");
            }
        }

        badRowCount += WriteBadRows(output, sheet, badRows, notEnded);
        await output.FlushAsync(CancellationToken.None);
        await text.FlushAsync(CancellationToken.None);
        stream.Flush(flushToDisk: true);
    }

    File.Move(temporary, arguments.Output, overwrite: true);
    await sheet.CompleteAsync("Try-on looks of " + Path.GetFileName(arguments.Catalogue), CancellationToken.None);
    complete = true;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    status.Done();
    Console.WriteLine("Stopped. What was recorded stays recorded: run the same command again to go on.");
    exitCode = 130;
}
catch (TryOnLedgerOwnerException refused)
{
    status.Done();
    Console.WriteLine($"The run did not start: {refused.Message}");
    Console.WriteLine(arguments.Postgres is null
        ? "With this sample: --ledger ANOTHER_FILE for this service and key, or --adopt-ledger if the ledger is truly this account's."
        : "With this sample: --catalogue ANOTHER_NAME for this service and key, or --adopt-ledger if the catalogue is truly this account's.");
    exitCode = 1;
}
catch (AidgeException stopped)
{
    status.Done();
    Console.WriteLine($"The run stopped: {stopped.Kind}: {stopped.Message}");
    if (stopped.Kind == AidgeErrorKind.QuotaExhausted)
    {
        Console.WriteLine("With this sample: AIDGE_TRIAL=1 sends on the trial quota; --in-flight N submits fewer looks at once. What was recorded stays recorded: the next run goes on from there.");
    }

    exitCode = 1;
}
catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.InvalidCatalogName)
{
    status.Done();
    Console.WriteLine($"The run did not start: the database named in --postgres does not exist ({missing.MessageText}). Create it (createdb NAME), or name one that does.");
    exitCode = 1;
}
catch (PostgresException refused) when (refused.SqlState.StartsWith("28", StringComparison.Ordinal) || refused.SqlState == PostgresErrorCodes.TooManyConnections)
{
    // Not the database going away: its login refused (28...), or no connection left for this worker (53300).
    status.Done();
    Console.WriteLine(refused.SqlState == PostgresErrorCodes.TooManyConnections
        ? $"The run stopped: PostgreSQL has no connection left for this worker ({refused.MessageText}). Each worker keeps at most {PostgreSqlTryOnLedger.DefaultMaxPoolSize} for the ledger and {PostgreSqlSubmitBudget.DefaultMaxPoolSize} for the budget unless --postgres sets Maximum Pool Size: lower it, or raise the server's max_connections. Nothing recorded is paid for again."
        : $"The run did not start: PostgreSQL refused the login of --postgres ({refused.MessageText}). Check its Username and Password.");
    exitCode = 1;
}
catch (NpgsqlException database)
{
    // The database went away for longer than the run's retries (about 20 s), or refused the connection string: what was recorded
    // stays recorded, and a look whose submit was on its way is in doubt, or mended, when the run is started again.
    status.Done();
    Console.WriteLine($"The run stopped: PostgreSQL: {database.Message}");
    Console.WriteLine("Run the same command again once the database is back: nothing recorded is paid for again.");
    exitCode = 1;
}
catch (Exception failure) when (failure is IOException or FormatException or InvalidOperationException or ArgumentException)
{
    status.Done();
    Console.WriteLine($"The run stopped: {failure.Message}");
    exitCode = 1;
}
catch (Exception unexpected)
{
    // A bug, ours or a library's: said in full, after what the run did so far (below).
    status.Done();
    Console.WriteLine($"The run stopped on an unexpected {unexpected.GetType().Name}: {unexpected.Message}");
    Console.Error.WriteLine(unexpected);
    exitCode = 70;
}
finally
{
    if (writing && !complete)
    {
        File.Delete(temporary);
    }

    if (fake is not null)
    {
        await fake.DisposeAsync();
    }
}

status.Done();
if (status.Last is { } last)
{
    Console.WriteLine();
    Console.WriteLine($"{"state",-14} {"looks",6}");
    Console.WriteLine($"{"finished",-14} {last.Finished,6}");
    Console.WriteLine($"{"failed",-14} {last.Failed + badRowCount,6}{(badRowCount != 0 ? $"   ({badRowCount} of them rows that are no look)" : string.Empty)}");
    Console.WriteLine($"{"in doubt",-14} {last.InDoubt,6}");
    Console.WriteLine($"{"still running",-14} {last.StillRunning,6}");
    Console.WriteLine($"{"all",-14} {last.Ended + badRowCount,6}   ({last.FromLedger} of them from the ledger, free)");
    Console.WriteLine();
    if (arguments.Pictures is not null)
    {
        Console.WriteLine($"{"pictures saved",-14} {last.PicturesSaved,6}   this run, in {Path.GetFullPath(arguments.Pictures)}{(last.PicturesNotSaved != 0 ? $"; {last.PicturesNotSaved} could not be saved (their looks are finished: the next run fetches them again, free, while their URLs last)" : string.Empty)} (pictures still whole from an earlier run are kept, not counted)");
    }

    Console.WriteLine($"Paid submits this run: {last.Submits}; answered 501: {last.RateLimited}; budget {last.SubmitsPerWindow} per {budgetWindow.TotalSeconds:0.#} s{(last.BudgetKnown ? string.Empty : " (learned)")}, {last.BudgetUse:P0} of it used{(arguments.Postgres is null ? string.Empty : " by this worker")}; {clock.Elapsed.TotalSeconds:0.0} s.");
}

if (notEnded.Count != 0)
{
    Console.WriteLine();
    Console.WriteLine("Looks that did not finish:");
    foreach (string line in notEnded.Take(20))
    {
        Console.WriteLine(line.Length > 220 ? line[..200] + "... (in full in the CSV)" : line);
    }

    if (notEnded.Count > 20)
    {
        Console.WriteLine($"  ... and {notEnded.Count - 20} more, in {arguments.Output}");
    }
}

if (unrecorded.Count != 0)
{
    Console.WriteLine();
    Console.WriteLine($"Paid for, their task ids not recorded in the ledger (also in {unrecordedPath}): attach each once the ledger is back, or it stays in doubt and a resubmit pays again:");
    foreach ((string key, string taskId) in unrecorded)
    {
        Console.WriteLine($"  --attach {key}={taskId}");
    }
}

Console.WriteLine();
Console.WriteLine(complete
    ? $"Every look's pictures: {Path.GetFullPath(arguments.Output)}; the contact sheet: {Path.GetFullPath(arguments.Sheet)}"
    : $"The run did not complete: {Path.GetFullPath(arguments.Output)} and {Path.GetFullPath(arguments.Sheet)} were left as they were.");
return exitCode;

// The catalogue's looks for the run; rows that are no look are set aside, each with its line, and reported as failed.
static async IAsyncEnumerable<TryOnCatalogueLook<ProductLook>> LooksOf(string path, ConcurrentQueue<CatalogueRow> bad, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
{
    await foreach (CatalogueRow row in CatalogueCsv.ReadAsync(path, cancellationToken))
    {
        if (row.Look is { } look)
        {
            yield return look;
        }
        else
        {
            bad.Enqueue(row);
        }
    }
}

static int WriteBadRows(CsvWriter output, ContactSheet sheet, ConcurrentQueue<CatalogueRow> bad, List<string> notEnded)
{
    int written = 0;
    while (bad.TryDequeue(out CatalogueRow? row))
    {
        CatalogueCsv.WriteRow(output, row);
        sheet.Add(row);
        notEnded.Add($"  {Printable(row.Sku ?? "?"),-12} line {row.Line,-4} {"Failed",-12} {row.Problem}");
        written++;
    }

    return written;
}

// One line a paid submit whose task id the ledger could not keep: appended and synced before the run goes on.
static void KeepUnrecorded(string path, string key, string taskId)
{
    using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    byte[] line = System.Text.Encoding.UTF8.GetBytes($"{DateTimeOffset.UtcNow:O} --attach {key}={taskId}\n");
    file.Write(line);
    file.Flush(flushToDisk: true);
}

// A key as the summary shows it: a key may hold anything, and the table is one line a look.
static string Printable(string key) => new(key.Select(c => char.IsControl(c) ? '?' : c).ToArray());

static string Describe(ITryOnLedger ledger) => ledger is SqliteTryOnLedger file ? file.Path : ledger.ToString()!;

// A fake Aidge server alone, for workers in other processes to share as their service, until Ctrl-C; what it was paid, at the end.
static async Task<int> FakeServerAsync(int port, Arguments arguments, CancellationToken stop)
{
    var options = new FakeAidgeServerOptions
    {
        Port = port,
        SubmitsPerWindow = arguments.Budget ?? 30,
        RateLimitWindow = arguments.Window ?? TimeSpan.FromSeconds(3),
        SubmittedFor = TimeSpan.FromMilliseconds(300),
        RunningFor = TimeSpan.FromMilliseconds(700),
    };
    FakeAidgeServer server;
    try
    {
        server = await FakeAidgeServer.StartAsync(options, stop);
    }
    catch (IOException taken)
    {
        Console.WriteLine($"--serve-fake {port}: no fake server could listen on 127.0.0.1:{port} ({taken.Message}). Give another port.");
        return 1;
    }

    await using FakeAidgeServer _ = server;
    Console.WriteLine($"A fake Aidge server at {server.BaseAddress} ({options.SubmitsPerWindow} submits per {options.RateLimitWindow.TotalSeconds:0.#} s per key), until Ctrl-C. Call it with:");
    Console.WriteLine($"  AIDGE_ACCESS_KEY={server.Credential.AccessKey} AIDGE_ACCESS_SECRET={FakeAidgeServerOptions.DefaultSecret} AIDGE_ENDPOINT={server.BaseAddress} AIDGE_SERVICE_NAME={server.ServiceName}");
    Console.WriteLine("  (AIDGE_SERVICE_NAME tells the ledger this is a fake server, whose tasks no real service knows, and this one, not the next fake on the port.)");
    try
    {
        await Task.Delay(Timeout.Infinite, stop);
    }
    catch (OperationCanceledException)
    {
    }

    int paid = server.Requests.Count(r => r.IsSubmit && r.ResCode == AidgeResCodes.Success);
    int refused = server.Requests.Count(r => r.IsSubmit && r.ResCode == AidgeResCodes.RateLimitExceeded);
    Console.WriteLine($"The fake server was paid for {paid} submits and answered {refused} with 501.");
    return 0;
}
