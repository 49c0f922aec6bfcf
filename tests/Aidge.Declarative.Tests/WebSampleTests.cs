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
        JsonElement problem = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("AIDGE007", problem.GetProperty("errors").GetProperty("top")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("""{"top":"https://img.example/t.jpg"}""", "bottom")]
    [InlineData("""{"bottom":"https://img.example/b.jpg"}""", "top")]
    [InlineData("""{"top":"https://img.example/t.jpg","bottom":"  "}""", "bottom")]
    [InlineData("""{}""", "top")]
    public async Task A_suit_form_missing_a_garment_is_400_and_nothing_is_paid(string form, string field)
    {
        HttpClient http = _factory.CreateClient();

        HttpResponseMessage posted = await http.PostAsync("/looks/suit", new StringContent(form, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        JsonElement problem = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("task%20with%20spaces")]
    [InlineData("t%C3%A4sk")]
    public async Task A_malformed_task_id_is_400_and_nothing_is_sent(string taskId)
    {
        HttpClient http = _factory.CreateClient();

        HttpResponseMessage answer = await http.GetAsync("/tasks/" + taskId);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("taskId", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_unknown_task_is_404()
    {
        HttpClient http = _factory.CreateClient();

        HttpResponseMessage answer = await http.GetAsync("/tasks/1ce4fd33-b9d5-4e21-a24c-0c4027d2b105");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_rate_limit_that_outlasts_the_retries_is_429_with_the_request_id()
    {
        _server.InjectFault(FakeAidgeFault.Error(501), FakeAidgeApi.Submit, times: int.MaxValue);
        HttpClient http = _factory.WithWebHostBuilder(host => host.UseSetting("Aidge:MaxRetries", "0")).CreateClient();

        HttpResponseMessage posted = await http.PostAsJsonAsync("/looks/suit", new { Top = "https://img.example/t.jpg", Bottom = "https://img.example/b.jpg" });

        Assert.Equal((HttpStatusCode)429, posted.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), posted.Headers.RetryAfter?.Delta);
        JsonElement problem = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("fake", problem.GetProperty("requestId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aidge_out_of_reach_is_502_and_the_shopper_is_not_told_where_it_was()
    {
        HttpClient http = _factory.WithWebHostBuilder(host => host.UseSetting("Aidge:Endpoint", "http://127.0.0.1:9/").UseSetting("Aidge:MaxRetries", "0")).CreateClient();

        HttpResponseMessage posted = await http.PostAsJsonAsync("/looks/suit", new { Top = "https://img.example/t.jpg", Bottom = "https://img.example/b.jpg" });

        Assert.Equal(HttpStatusCode.BadGateway, posted.StatusCode);
        string body = await posted.Content.ReadAsStringAsync();
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.Contains("could not serve the call", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"top": "https://img.example/t.jpg", """, "The body is not the suit's JSON")]
    [InlineData("""{"top": 42, "bottom": "https://img.example/b.jpg"}""", "The body is not the suit's JSON")]
    public async Task A_body_that_is_not_the_forms_JSON_is_400_saying_why(string body, string said)
    {
        HttpClient http = _factory.CreateClient();

        HttpResponseMessage posted = await http.PostAsync("/looks/suit", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        JsonElement problem = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(said, problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }
}
