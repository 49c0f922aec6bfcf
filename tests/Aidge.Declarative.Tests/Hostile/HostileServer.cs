using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Tests.Hostile;

/// <summary>
/// A server on 127.0.0.1 that answers however the test tells it to, as a hostile service or a broken proxy
/// would, and counts what it received.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Call> _calls = new();

    private HostileServer(WebApplication app) => _app = app;

    /// <summary>Scheme, host and port.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<Call> Calls => _calls.ToArray();

    public int Posts => _calls.Count(c => c.Method == "POST");

    /// <summary>Starts a server whose every answer is written by <paramref name="answer"/> (given the call's number, from 1).</summary>
    public static async Task<HostileServer> StartAsync(Func<HttpContext, int, Task> answer)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var server = new HostileServer(app);
        int number = 0;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            server._calls.Enqueue(new Call(
                context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.Headers["x-iop-trial"].ToString(), body.Length));
            try
            {
                await answer(context, Interlocked.Increment(ref number));
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ConnectionAbortedException)
            {
                // The client went away mid-answer: what a capped or cancelled read does.
            }
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>Writes a JSON answer.</summary>
    public static Task JsonAsync(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A call received: method, path with query, the trial header, and the body's length.</summary>
    internal sealed record Call(string Method, string Target, string Trial, long BodyLength);
}
