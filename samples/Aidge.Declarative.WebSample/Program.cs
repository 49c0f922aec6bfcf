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

// A minimal API over Aidge: POST a suit, GET its task. The TryOnClient comes from dependency injection,
// configured from the "Aidge" section (Aidge__AccessKey, Aidge__Secret, Aidge__Region, ...). With no key
// configured, a fake Aidge server runs in this process.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddAidgeTryOnClient(builder.Configuration);
WebApplication app = builder.Build();

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

app.MapPost("/looks/suit", async (SuitForm form, TryOnClient client, CancellationToken cancellationToken) =>
{
    try
    {
        TryOnOperation operation = await client.SubmitAsync(new SummerSuit(form.Top, form.Bottom), cancellationToken);
        return Results.Accepted("/tasks/" + operation.TaskId, new { operation.TaskId });
    }
    catch (TryOnValidationException invalid)
    {
        // The request broke the API's rules; nothing was sent, no call was paid for.
        return Results.ValidationProblem(new Dictionary<string, string[]>
        {
            ["look"] = invalid.Problems.Select(problem => problem.ToString()).ToArray(),
        });
    }
    catch (AidgeException failed)
    {
        return Results.Problem(failed.Message, statusCode: StatusCodes.Status502BadGateway, title: "Aidge: " + failed.Kind);
    }
});

app.MapGet("/tasks/{taskId}", async (string taskId, TryOnClient client, CancellationToken cancellationToken) =>
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
    catch (AidgeException failed)
    {
        return Results.Problem(failed.Message, statusCode: StatusCodes.Status502BadGateway, title: "Aidge: " + failed.Kind);
    }
});

app.Run();

/// <summary>The form a shop posts: the two garments of a suit.</summary>
public sealed record SuitForm(string Top, string Bottom);

/// <summary>The guide's summer suit.</summary>
[TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]
[TryOnModel(Base = "General", Name = "James")]
public partial record SummerSuit(
    [Garment(GarmentType.Tops)] string Top,
    [Garment(GarmentType.Bottoms)] string Bottom);

/// <summary>Makes the entry point visible to the sample's tests.</summary>
public partial class Program;
