using System.Globalization;
using Aidge.Declarative.Catalogue;

namespace Aidge.Declarative.CatalogueSample;

/// <summary>The command line: the catalogue, where its ledger and pictures go, and what to do about looks in doubt.</summary>
internal sealed record Arguments(
    string Catalogue,
    string Ledger,
    string Output,
    int? Budget,
    TimeSpan? Window,
    int? InFlight,
    bool AdoptLedger,
    bool ListInDoubt,
    IReadOnlyList<string> Resubmit,
    IReadOnlyList<(string Key, string TaskId)> Attach,
    string? Postgres,
    TimeSpan? Lease,
    int? ServeFake,
    string? CatalogueName = null,
    TimeSpan? AnswerGrace = null,
    bool SetBudget = false,
    bool IsBundledDemo = false,
    bool CheckBalance = false,
    string? Pictures = null)
{
    /// <summary>The contact sheet, an HTML page beside the results' CSV.</summary>
    public string Sheet => Path.ChangeExtension(Output, ".html");

    public const string Usage =
        "usage: Aidge.Declarative.Catalogue <catalogue.csv> [--ledger FILE] [--out FILE] [--budget N] [--window SECONDS] [--in-flight N]\n" +
        "         [--in-doubt] [--resubmit KEY]... [--attach KEY=TASK_ID]... [--adopt-ledger] [--check-balance] [--pictures DIR]\n" +
        "         [--postgres CONNECTION_STRING [--catalogue NAME] [--lease SECONDS] [--answer-grace SECONDS] [--set-budget]]\n" +
        "       Aidge.Declarative.Catalogue --serve-fake PORT [--budget N --window SECONDS]\n" +
        "  --in-doubt        list the looks in doubt (sent, perhaps paid for, no task id recorded), and stop: costs nothing\n" +
        "  --resubmit KEY    submit this look in doubt again: it may be paid for twice\n" +
        "  --attach KEY=ID   give this look in doubt the task id its submit made (from the vendor's console): costs one query, then it is polled\n" +
        "  --check-balance   ask the account's quota balance once before the first submit, and stop if it cannot pay even for\n" +
        "                    the looks in flight (the vendor asks for at most one balance call a day)\n" +
        "  --pictures DIR    save every finished look's pictures in DIR (fetched again where missing on the next run, never paid\n" +
        "                    again); the contact sheet (beside the CSV, .html) then shows the saved files\n" +
        "  --adopt-ledger    take over a ledger filled under another access key or service (a renewed key of the same account)\n" +
        "  --postgres CS     keep the ledger and the key's submit budget in PostgreSQL (an Npgsql connection string): any number of\n" +
        "                    workers given the same CS and catalogue share the catalogue and the key\n" +
        "  --catalogue NAME  the shared catalogue's name (the CSV's name without .csv): workers that give the same name share it\n" +
        "  --lease SECONDS   how long a worker's claim on a look lasts unless renewed (30)\n" +
        "  --answer-grace S  how long a look submitted by a worker that went quiet is left to it before it is in doubt (120)\n" +
        "  --set-budget      record --budget and --window as the key's budget for every worker (a budget is recorded once, by\n" +
        "                    the first worker; a later one that gives another is refused unless it says so)\n" +
        "  --serve-fake PORT run only a fake Aidge server on 127.0.0.1:PORT, for workers to share (until Ctrl-C)";

    public static Arguments Parse(string[] args)
    {
        string? catalogue = null, ledger = null, output = null;
        int? budget = null, inFlight = null;
        TimeSpan? window = null;
        bool adopt = false, inDoubt = false, checkBalance = false;
        string? pictures = null;
        string? postgres = null;
        TimeSpan? lease = null, answerGrace = null;
        int? serveFake = null;
        string? catalogueName = null;
        bool setBudget = false;
        var resubmit = new List<string>();
        var attach = new List<(string, string)>();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--ledger": ledger = Value(); break;
                case "--out": output = Value(); break;
                case "--budget": budget = Number(Value(), "--budget"); break;
                case "--window": window = TimeSpan.FromSeconds(Number(Value(), "--window")); break;
                case "--in-flight": inFlight = Number(Value(), "--in-flight"); break;
                case "--adopt-ledger": adopt = true; break;
                case "--in-doubt": inDoubt = true; break;
                case "--resubmit": resubmit.Add(Value()); break;
                case "--postgres": postgres = Value(); break;
                case "--lease": lease = TimeSpan.FromSeconds(Number(Value(), "--lease")); break;
                case "--serve-fake": serveFake = Number(Value(), "--serve-fake"); break;
                case "--catalogue": catalogueName = Value(); break;
                case "--answer-grace": answerGrace = TimeSpan.FromSeconds(Number(Value(), "--answer-grace")); break;
                case "--set-budget": setBudget = true; break;
                case "--check-balance": checkBalance = true; break;
                case "--pictures": pictures = Value(); break;
                case "--attach":
                    string pair = Value();
                    int equals = pair.LastIndexOf('=');
                    attach.Add(equals > 0 && equals < pair.Length - 1 ? (pair[..equals], pair[(equals + 1)..]) : throw new ArgumentException($"--attach takes KEY=TASK_ID, not '{pair}'."));
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || catalogue is not null)
                    {
                        throw new ArgumentException($"Unknown argument '{args[i]}'.");
                    }

                    catalogue = args[i];
                    break;
            }
        }

        foreach ((string flag, bool given) in new[] { ("--lease", lease is not null), ("--catalogue", catalogueName is not null), ("--answer-grace", answerGrace is not null), ("--set-budget", setBudget) })
        {
            if (given && postgres is null)
            {
                throw new ArgumentException($"{flag} is of a catalogue shared in PostgreSQL: it goes with --postgres.");
            }
        }

        if (setBudget && budget is null)
        {
            throw new ArgumentException("--set-budget records --budget (and --window) as the key's budget: give --budget.");
        }

        if (serveFake is > 65535)
        {
            throw new ArgumentException($"--serve-fake takes a TCP port, 1 to 65535, not {serveFake}.");
        }

        if (serveFake is not null)
        {
            return new Arguments(string.Empty, string.Empty, string.Empty, budget, window, inFlight, adopt, inDoubt, resubmit, attach, postgres, lease, serveFake);
        }

        (string csv, bool demo) = Resolve(catalogue ?? BundledDemo);
        string stem = Path.GetFileNameWithoutExtension(csv);
        ledger ??= stem + ".ledger.db";
        output ??= stem + ".looks.csv";

        // The results replace their file whole: never the catalogue's, nor the ledger's or one beside it.
        string results = Path.GetFullPath(output);
        string journal = Path.GetFullPath(ledger);
        if (string.Equals(results, Path.GetFullPath(csv), StringComparison.Ordinal) ||
            (postgres is null && (string.Equals(results, journal, StringComparison.Ordinal) || results.StartsWith(journal + ".", StringComparison.Ordinal) || results.StartsWith(journal + "-", StringComparison.Ordinal))))
        {
            throw new ArgumentException($"--out {output} would replace the catalogue or the ledger (or a file of the ledger's): give the results a file of their own.");
        }

        if (pictures is not null && pictures.Trim().Length == 0)
        {
            throw new ArgumentException("--pictures needs a folder's path: it was empty.");
        }

        if (pictures is not null && (string.Equals(Path.GetFullPath(pictures), results, StringComparison.Ordinal) || string.Equals(Path.GetFullPath(pictures), journal, StringComparison.Ordinal) || File.Exists(pictures)))
        {
            throw new ArgumentException($"--pictures {pictures} is a file: give a folder (it is created when missing).");
        }

        return new Arguments(csv, ledger, output, budget, window, inFlight, adopt, inDoubt, resubmit, attach, postgres, lease, serveFake, catalogueName ?? stem, answerGrace, setBudget, demo, checkBalance, pictures);
    }

    /// <summary>The demo catalogue copied beside the sample: 200 looks, four of them wrong on purpose.</summary>
    public const string BundledDemo = "garments.csv";

    // A path is read as given. Only the demo's own name, not found here, is taken from beside the sample (and the program lets a
    // real service be paid for it only when it is named by a path).
    private static (string Path, bool Demo) Resolve(string path)
    {
        if (File.Exists(path))
        {
            return (path, false);
        }

        string beside = Path.Combine(AppContext.BaseDirectory, path);
        return string.Equals(path, BundledDemo, StringComparison.Ordinal) && File.Exists(beside)
            ? (beside, true)
            : throw new ArgumentException($"No catalogue at {Path.GetFullPath(path)}.");
    }

    private static int Number(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{name} takes a positive whole number, not '{text}'.");
}

/// <summary>Live progress: one line rewritten in a terminal; a line every 2 s when the output is a file or a CI log.</summary>
internal sealed class ConsoleStatus : IProgress<TryOnCatalogueProgress>
{
    private readonly object _lock = new();
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private DateTime _lastLine;
    private bool _open;

    public TryOnCatalogueProgress? Last { get; private set; }

    public void Report(TryOnCatalogueProgress value)
    {
        lock (_lock)
        {
            for (int i = Last?.Balances.Count ?? 0; i < value.Balances.Count; i++)
            {
                if (_open)
                {
                    Console.WriteLine();
                    _open = false;
                }

                Console.WriteLine($"Quota: {value.Balances[i]}.");
            }

            Last = value;
            string eta = value.EstimatedTimeLeft is { } left ? $", about {left.TotalSeconds:0} s left" : string.Empty;
            string line = $"{value.Ended}/{value.Read} ended: {value.Finished} finished, {value.Failed} failed, {value.InDoubt} in doubt; {value.Running} running, {value.Waiting} waiting; " +
                $"{value.Submits} paid, {value.RateLimited} x 501, {value.SubmitsPerWindow}/window{eta}";
            if (_interactive)
            {
                int width = Math.Max(20, Console.WindowWidth - 1);
                Console.Write("\r" + (line.Length > width ? line[..width] : line.PadRight(width)));
                _open = true;
            }
            else if (DateTime.UtcNow - _lastLine >= TimeSpan.FromSeconds(2))
            {
                Console.WriteLine(line);
                _lastLine = DateTime.UtcNow;
            }
        }
    }

    public void Done()
    {
        lock (_lock)
        {
            if (_open)
            {
                Console.WriteLine();
                _open = false;
            }
        }
    }
}
