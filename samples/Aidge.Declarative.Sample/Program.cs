using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative;
using Aidge.Declarative.Sample;
using Aidge.Declarative.Testing;

// Submits three declared looks to Aidge, follows them while they run, and prints the pictures.
// With AIDGE_ACCESS_KEY and AIDGE_ACCESS_SECRET set it calls the real service (AIDGE_REGION=China for
// keys from the Chinese site, AIDGE_TRIAL=1 for the trial quota); without them, a fake Aidge server
// runs in this process. Half a pair is an error.
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(15));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

AidgeCredential? credential;
try
{
    credential = AidgeCredential.FromEnvironmentIfSet();
}
catch (InvalidOperationException halfSet)
{
    Console.Error.WriteLine(halfSet.Message);
    return 2;
}

FakeAidgeServer? fake = null;
TryOnClientOptions options;
if (credential is null)
{
    fake = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { SubmittedFor = TimeSpan.FromSeconds(1), RunningFor = TimeSpan.FromSeconds(2) }, cancel.Token);
    credential = fake.Credential;
    options = fake.CreateClientOptions();
    options.PollingInterval = TimeSpan.FromMilliseconds(500);
    Console.WriteLine($"No AIDGE_ACCESS_KEY or AIDGE_ACCESS_SECRET set: using the embedded fake Aidge server at {fake.BaseAddress} (its pictures are small placeholder PNGs it serves while this runs).");
}
else
{
    options = new TryOnClientOptions
    {
        Region = string.Equals(Environment.GetEnvironmentVariable("AIDGE_REGION"), "China", StringComparison.OrdinalIgnoreCase) ? AidgeRegion.China : AidgeRegion.Global,
        UseTrialResource = Environment.GetEnvironmentVariable("AIDGE_TRIAL") == "1",
    };
    Console.WriteLine($"Calling the real Aidge service at {options.Endpoint} with access key {credential.AccessKey}{(options.UseTrialResource ? " (trial quota)" : string.Empty)}.");
}

try
{
    using var client = new TryOnClient(credential, options);

    // The typed client the generator implemented from ILookbook (Lookbook.cs).
    ILookbook lookbook = client.CreateApi<ILookbook>();
    var top = new LibraryModelTop("https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg");
    SummerSuit[] suits =
    {
        new("https://img.example.com/linen-shirt.jpg", "https://img.example.com/chino-shorts.jpg"),
        new("https://img.example.com/polo-shirt.jpg", "https://img.example.com/denim-shorts.jpg"),
    };
    var dress = new DressOnOwnPhotos(
        new Uri("https://img.example.com/summer-dress.jpg"),
        new[] { "https://photos.example.com/me-front.jpg", "https://photos.example.com/me-side.jpg" },
        Pictures: 2);

    Console.WriteLine();
    Console.WriteLine("The requestParams each look sends:");
    foreach ((string name, ITryOnRequest request) in new (string, ITryOnRequest)[] { ("One top, library model", top), ("Two suits, one task", suits[0]), ("Dress on my photos (pro)", dress) })
    {
        Console.WriteLine($"  {name,-26} {request.ToRequestParams()}");
    }

    Console.WriteLine();
    var clock = Stopwatch.StartNew();
    Task<TryOnResult<LibraryModelTop>> topResult = lookbook.TryOnAsync(top, new ConsoleProgress<LibraryModelTop>("One top, library model", clock), cancel.Token);
    Task<TryOnResult<SummerSuit>> suitsResult = SubmitAndWaitAsync(lookbook, suits, clock, cancel.Token);
    Task<TryOnResult<DressOnOwnPhotos>> dressResult = lookbook.TryOnAsync(dress, new ConsoleProgress<DressOnOwnPhotos>("Dress on my photos (pro)", clock), cancel.Token);
    await Task.WhenAll(topResult, suitsResult, dressResult);

    // Each look comes back with its own pictures, told apart by the garment each was made from.
    Console.WriteLine();
    Console.WriteLine($"{"Look",-26} {"Garment",-60} Picture");
    Console.WriteLine(new string('-', 26) + " " + new string('-', 60) + " " + new string('-', 60));
    Print("One top, library model", topResult.Result);
    Print("Summer suit", suitsResult.Result);
    Print("Dress on my photos (pro)", dressResult.Result);
    return 0;
}
catch (TryOnValidationException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    return 2;
}
catch (AidgeException failed)
{
    Console.Error.WriteLine($"Aidge said no ({failed.Kind}, resCode {failed.ResCode}, request id {failed.RequestId}): {failed.Message}");
    return 1;
}
finally
{
    if (fake is not null)
    {
        await fake.DisposeAsync();
    }
}

static string Shorten(string text, int width) => text.Length <= width ? text : "..." + text[^(width - 3)..];

static void Print<TRequest>(string name, TryOnResult<TRequest> result)
    where TRequest : ITryOnRequest
{
    for (int i = 0; i < result.Looks.Count; i++)
    {
        string look = result.Looks.Count == 1 ? name : name + " " + (i + 1);
        foreach (TryOnPicture picture in result.Looks[i].Pictures)
        {
            Console.WriteLine($"{look,-26} {Shorten(picture.GarmentUrl ?? "-", 60),-60} {picture.Url}");
        }
    }

    foreach (TryOnPicture picture in result.UnmatchedPictures)
    {
        Console.WriteLine($"{name + " (unmatched)",-26} {Shorten(picture.GarmentUrl ?? "-", 60),-60} {picture.Url}");
    }
}

static async Task<TryOnResult<SummerSuit>> SubmitAndWaitAsync(ILookbook lookbook, SummerSuit[] suits, Stopwatch clock, CancellationToken cancellationToken)
{
    TryOnOperation<SummerSuit> operation = await lookbook.SubmitAsync(suits, cancellationToken);
    Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0.0}s  {"Two suits, one task",-26} submitted as task {operation.TaskId} ({operation.Edition})");
    return await operation.WaitForCompletionAsync(new ConsoleProgress<SummerSuit>("Two suits, one task", clock), cancellationToken);
}

/// <summary>Prints each status change of a task as it is seen.</summary>
internal sealed class ConsoleProgress<TRequest>(string name, Stopwatch clock) : IProgress<TryOnResult<TRequest>>
    where TRequest : ITryOnRequest
{
    private TryOnTaskStatus _last;

    public void Report(TryOnResult<TRequest> value)
    {
        if (value.Status != _last)
        {
            _last = value.Status;
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0.0}s  {name,-26} {value.Status.ToString().ToLowerInvariant()}");
        }
    }
}
