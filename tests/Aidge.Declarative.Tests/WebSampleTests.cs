using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>
/// The dependency-injection sample, a minimal API with an injected TryOnClient, hosted in memory and
/// configured (section Aidge) to call a fake server on 127.0.0.1.
/// </summary>
public sealed class WebSampleTests : IAsyncLifetime
{
    private FakeAidgeServer _server = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAidgeServer.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Aidge:AccessKey", FakeAidgeServerOptions.DefaultAccessKey)
            .UseSetting("Aidge:Secret", FakeAidgeServerOptions.DefaultSecret)
            .UseSetting("Aidge:Endpoint", _server.BaseAddress.ToString()));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_posted_suit_becomes_a_task_whose_pictures_can_be_fetched()
    {
        HttpClient http = _factory.CreateClient();

        HttpResponseMessage posted = await http.PostAsJsonAsync("/looks/suit", new { Top = "https://img.example/t.jpg", Bottom = "https://img.example/b.jpg" });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        string location = posted.Headers.Location!.ToString();

        JsonElement task = default;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            task = await http.GetFromJsonAsync<JsonElement>(location);
            if (task.GetProperty("status").GetString() == "Finished")
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Equal("Finished", task.GetProperty("status").GetString());
        Assert.Equal(4, task.GetProperty("pictures").GetArrayLength());
        Assert.All(task.GetProperty("pictures").EnumerateArray(), picture => Assert.Equal("https://img.example/t.jpg", picture.GetProperty("garment").GetString()));
        Assert.Equal(1, _server.SubmitCount);
    }

    [Fact]
    public async Task A_suit_that_breaks_the_rules_is_a_validation_problem_and_is_not_sent()
    {
        HttpClient http = _factory.CreateClient();

        HttpResponseMessage posted = await http.PostAsJsonAsync("/looks/suit", new { Top = "relative/t.jpg", Bottom = "https://img.example/b.jpg" });

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("AIDGE007", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }
}
