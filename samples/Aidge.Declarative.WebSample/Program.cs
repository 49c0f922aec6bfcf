using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Aidge.Declarative;
using Aidge.Declarative.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// A minimal API over Aidge: POST a suit, GET its task. The TryOnClient comes from dependency injection,
// configured from the "Aidge" section (Aidge__AccessKey, Aidge__Secret, Aidge__Region, ...). With no key
// configured, a fake Aidge server runs in this process.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddAidgeTryOnClient(builder.Configuration);

// With ConnectionStrings:AidgeBudget set, every submit takes its permit from the key's budget in PostgreSQL, shared with the
// shop's other instances and with catalogue workers on the same database (Aidge:SubmitsPerWindow and Aidge:BudgetWindow size it).
if (builder.Configuration.GetConnectionString("AidgeBudget") is { Length: > 0 } budget && builder.Configuration["Aidge:AccessKey"] is { Length: > 0 } key)
{
    var called = new TryOnClientOptions { ServiceName = builder.Configuration["Aidge:ServiceName"] };
    if (builder.Configuration["Aidge:Endpoint"] is { Length: > 0 } endpoint)
    {
        called.Endpoint = new Uri(endpoint);
    }
    else if (string.Equals(builder.Configuration["Aidge:Region"], "China", StringComparison.OrdinalIgnoreCase))
    {
        called.Region = AidgeRegion.China;
    }

    builder.Services.AddAidgePostgreSqlSubmitBudget(budget, called.GetServiceName(), key, options =>
    {
        options.SubmitsPerWindow = int.TryParse(builder.Configuration["Aidge:SubmitsPerWindow"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int perWindow) ? perWindow : null;
        options.Window = TimeSpan.TryParse(builder.Configuration["Aidge:BudgetWindow"], System.Globalization.CultureInfo.InvariantCulture, out TimeSpan window) ? window : TimeSpan.FromSeconds(60);
    });
}

builder.Services.AddTryOnApi<IShopLookbook>();

// Every error the framework itself answers (a body that is not JSON, say) is a problem document too, as the endpoints' own are.
builder.Services.AddProblemDetails();

// The client's traces and metrics, here on the console; any OpenTelemetry exporter takes them the same way.
// ASP.NET Core's own source is traced too: the default sampler keeps a span only when its parent (here the
// incoming request) is kept.
builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource("Microsoft.AspNetCore", AidgeTelemetry.SourceName).AddConsoleExporter())
    .WithMetrics(metrics => metrics
        .AddMeter(AidgeTelemetry.SourceName)
        // The durations are in seconds; the SDK's default buckets are sized for milliseconds.
        .AddView("aidge.client.*.duration", new ExplicitBucketHistogramConfiguration { Boundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] })
        .AddConsoleExporter());
WebApplication app = builder.Build();
app.UseStatusCodePages();

// Configuration stays live after the build, so the fake server's settings still reach the client.
if (string.IsNullOrEmpty(app.Configuration["Aidge:AccessKey"]))
{
    FakeAidgeServer fake = await FakeAidgeServer.StartAsync();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Aidge:AccessKey"] = fake.Credential.AccessKey,
        ["Aidge:Secret"] = FakeAidgeServerOptions.DefaultSecret,
        ["Aidge:Endpoint"] = fake.BaseAddress.ToString(),
        ["Aidge:PollingInterval"] = "00:00:00.200",
    });
    app.Logger.LogFakeServer(fake.BaseAddress);
    app.Lifetime.ApplicationStopped.Register(() => fake.DisposeAsync().AsTask().GetAwaiter().GetResult());
}

app.MapPost("/looks/suit", async (HttpContext http, IShopLookbook lookbook, ILogger<Program> logger, CancellationToken cancellationToken) =>
{
    // The body is read here, so that one that is not the form's JSON is told why, rather than a bare 400.
    if (!http.Request.HasJsonContentType())
    {
        return Results.Problem("Send the suit as JSON: Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type");
    }

    SuitForm? form;
    try
    {
        form = await http.Request.ReadFromJsonAsync<SuitForm>(cancellationToken);
    }
    catch (System.Text.Json.JsonException malformed)
    {
        return Results.ValidationProblem(new Dictionary<string, string[]>
        {
            ["body"] = ["The body is not the suit's JSON, {\"top\": \"https://...\", \"bottom\": \"https://...\"}: " + malformed.Message.Split(" Path:", 2)[0]],
        });
    }

    // A suit is two garments: a form missing one is refused here, before a lone top is paid for.
    var missing = new Dictionary<string, string[]>();
    if (string.IsNullOrWhiteSpace(form?.Top))
    {
        missing["top"] = ["The top's image URL is required."];
    }

    if (string.IsNullOrWhiteSpace(form?.Bottom))
    {
        missing["bottom"] = ["The bottom's image URL is required."];
    }

    if (missing.Count != 0)
    {
        return Results.ValidationProblem(missing);
    }

    try
    {
        TryOnOperation<SummerSuit> operation = await lookbook.SubmitAsync(new SummerSuit(form!.Top!, form.Bottom!), cancellationToken);
        return Results.Accepted("/tasks/" + operation.TaskId, new { operation.TaskId });
    }
    catch (TryOnValidationException invalid)
    {
        // The request broke the API's rules; nothing was sent, no call was paid for.
        // Keyed by the form's own field names (the rule's message still names the C# member).
        return Results.ValidationProblem(invalid.Problems
            .GroupBy(problem => problem.Member is { } member ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member) : "look")
            .ToDictionary(group => group.Key, group => group.Select(problem => problem.ToString()).ToArray()));
    }
    catch (AidgeException failed)
    {
        return Upstream(failed, http, logger);
    }
});

app.MapGet("/tasks/{taskId}", async (string taskId, TryOnClient client, HttpContext http, ILogger<Program> logger, CancellationToken cancellationToken) =>
{
    try
    {
        TryOnResult result = await client.GetResultAsync(taskId, cancellationToken);
        return Results.Ok(new
        {
            result.TaskId,
            Status = result.Status.ToString(),
            Pictures = result.SubTasks.SelectMany(subTask => subTask.Pictures).Select(picture => new { picture.Url, Garment = picture.GarmentUrl }).ToArray(),
        });
    }
    catch (ArgumentException malformed)
    {
        // Not a task id at all: refused before anything is sent.
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["taskId"] = [malformed.Message.Split(" (Parameter", 2)[0]] });
    }
    catch (AidgeException unknown) when (unknown.Kind == AidgeErrorKind.InvalidInput)
    {
        // The query's only input is the task id: the service does not know it for this key.
        return Results.Problem("No task " + taskId + " is known to Aidge for this key.", statusCode: StatusCodes.Status404NotFound, title: "Unknown task");
    }
    catch (AidgeException failed)
    {
        return Upstream(failed, http, logger);
    }
});

// A budget other than the one recorded for the key, or a database out of reach, stops the storefront here, as it starts, rather
// than fail its first shoppers.
if (app.Services.GetService<ITryOnSubmitBudget>() is Aidge.Declarative.PostgreSql.PostgreSqlSubmitBudget shared)
{
    try
    {
        await shared.CheckAsync(app.Lifetime.ApplicationStopping);
    }
    catch (Exception refused) when (refused is InvalidOperationException or Npgsql.NpgsqlException or System.IO.IOException)
    {
        Console.Error.WriteLine(refused is InvalidOperationException
            ? "The storefront did not start: " + refused.Message + " Here: give Aidge:SubmitsPerWindow and Aidge:BudgetWindow as recorded, or leave them out to take the recorded budget."
            : "The storefront did not start: the budget's database (ConnectionStrings:AidgeBudget): " + refused.Message);
        Environment.ExitCode = 1;
        return;
    }
}

app.Run();

// How the storefront answers when Aidge could not serve a call: a status a web client can act on (with Retry-After where waiting
// helps), a detail that says what happened without the storefront's insides (an upstream address, a gateway's words), and the
// id to give the vendor's support. The whole failure goes to the storefront's log.
static IResult Upstream(AidgeException failed, HttpContext http, ILogger logger)
{
    (int status, string title, string detail) = failed.Kind switch
    {
        AidgeErrorKind.Timeout => (StatusCodes.Status504GatewayTimeout, "Aidge did not answer in time", "The try-on service did not answer in time. Try again later."),
        AidgeErrorKind.RateLimited => (StatusCodes.Status429TooManyRequests, "Aidge: too many calls for this key; try again later", "Too many try-ons at once. Try again in a minute."),
        AidgeErrorKind.QuotaExhausted => (StatusCodes.Status503ServiceUnavailable, "Aidge: the account has no quota left", "Try-ons are not available at the moment."),
        _ => (StatusCodes.Status502BadGateway, "Aidge: " + failed.Kind, "The try-on service could not serve the call. Try again later."),
    };
    if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
    {
        http.Response.Headers.RetryAfter = "60";
    }

    logger.LogUpstreamFailure(failed.Kind, failed.RequestId, status, failed);
    var extensions = new Dictionary<string, object?>();
    if (failed.RequestId is { } requestId)
    {
        extensions["requestId"] = requestId;
    }

    return Results.Problem(detail, statusCode: status, title: title, extensions: extensions);
}

/// <summary>The form a shop posts: the two garments of a suit (both required).</summary>
public sealed record SuitForm(string? Top, string? Bottom);

/// <summary>The guide's summer suit.</summary>
[TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]
[TryOnModel(Base = "General", Name = "James")]
public partial record SummerSuit(
    [Garment(GarmentType.Tops)] string Top,
    [Garment(GarmentType.Bottoms)] string Bottom);

/// <summary>The shop's declared client, implemented by the generator and injected into the endpoint.</summary>
[TryOnApi]
public interface IShopLookbook
{
    /// <summary>Submits one suit.</summary>
    System.Threading.Tasks.Task<TryOnOperation<SummerSuit>> SubmitAsync(SummerSuit look, CancellationToken cancellationToken = default);
}

/// <summary>Makes the entry point visible to the sample's tests.</summary>
public partial class Program;
