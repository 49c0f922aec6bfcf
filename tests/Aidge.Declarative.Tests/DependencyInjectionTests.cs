using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>AddAidgeTryOnClient: options bound from the Aidge section, validated at start, a typed HttpClient.</summary>
public sealed class DependencyInjectionTests : IAsyncLifetime
{
    private FakeAidgeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAidgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_host_resolves_a_working_client_from_configuration()
    {
        using IHost host = Build(new Dictionary<string, string?>
        {
            ["Aidge:AccessKey"] = FakeAidgeServerOptions.DefaultAccessKey,
            ["Aidge:Secret"] = FakeAidgeServerOptions.DefaultSecret,
            ["Aidge:Endpoint"] = _server.BaseAddress.ToString(),
            ["Aidge:Region"] = "China",
            ["Aidge:UseTrialResource"] = "true",
            ["Aidge:PollingInterval"] = "00:00:00.020",
            ["Aidge:MaxRetries"] = "1",
        });
        await host.StartAsync();

        TryOnClient client = host.Services.GetRequiredService<TryOnClient>();
        TryOnOperation operation = await client.SubmitAsync(new SummerSuit("https://img.example/t.jpg", "https://img.example/b.jpg"));
        TryOnClientOptions options = host.Services.GetRequiredService<IOptions<TryOnClientOptions>>().Value;

        Assert.NotEmpty(operation.TaskId);
        Assert.True(Assert.Single(_server.Requests).Trial);
        Assert.Equal((AidgeRegion.China, TimeSpan.FromMilliseconds(20), 1), (options.Region, options.PollingInterval, options.MaxRetries));
        await host.StopAsync();
    }

    [Fact]
    public async Task Missing_credentials_and_bad_values_stop_the_host_at_start_with_every_reason()
    {
        using IHost host = Build(new Dictionary<string, string?>
        {
            ["Aidge:Region"] = "Europe",
            ["Aidge:RequestTimeout"] = "soon",
            ["Aidge:Endpoint"] = "https://api.example/with/a/path",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Aidge:Region is 'Europe', but it must be Global or China.", error.Failures);
        Assert.Contains("Aidge:RequestTimeout is 'soon', but it must be a time span such as 00:00:30.", error.Failures);
        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<AidgeCredential>());
    }

    [Theory]
    [InlineData("k", null)]
    [InlineData(null, "s")]
    [InlineData(" ", "s")]
    public async Task A_credential_half_given_stops_the_host_at_start_not_at_the_first_call(string? accessKey, string? secret)
    {
        using IHost host = Build(new Dictionary<string, string?> { ["Aidge:AccessKey"] = accessKey, ["Aidge:Secret"] = secret, ["Aidge:Endpoint"] = _server.BaseAddress.ToString() });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, failure => failure.Contains("Aidge:AccessKey and Aidge:Secret", StringComparison.Ordinal));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Options_that_bind_but_cannot_work_are_refused_at_start()
    {
        using IHost host = Build(new Dictionary<string, string?>
        {
            ["Aidge:AccessKey"] = "k",
            ["Aidge:Secret"] = "s",
            ["Aidge:Endpoint"] = "https://api.example/with/a/path",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, failure => failure.Contains("scheme, host and port only", StringComparison.Ordinal));
    }

    [Fact]
    public void A_credential_in_code_and_a_registered_TimeProvider_are_used()
    {
        var services = new ServiceCollection();
        var time = new FakeTimeProvider();
        services.AddSingleton<TimeProvider>(time);
        services.AddAidgeTryOnClient(_server.Credential, options => options.Endpoint = _server.BaseAddress);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(time, provider.GetRequiredService<IOptions<TryOnClientOptions>>().Value.TimeProvider);
        Assert.NotNull(provider.GetRequiredService<TryOnClient>());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAidgeTryOnClient(builder.Configuration);
        return builder.Build();
    }
}
