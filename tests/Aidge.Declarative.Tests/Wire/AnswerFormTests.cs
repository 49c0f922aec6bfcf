using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Xunit;

namespace Aidge.Declarative.Tests.Wire;

/// <summary>
/// The client against every answer form it claims to read: first the contract's own fixtures, served verbatim,
/// then the fake server in each of its forms.
/// </summary>
public sealed class AnswerFormTests : IAsyncLifetime
{
    private FakeAidgeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAidgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(ContractFixtures.SubmitAnswerReferencePage)]
    [InlineData(ContractFixtures.SubmitAnswerObject)]
    public async Task Both_submit_answer_forms_of_the_contract_give_the_task_id(string answer)
    {
        _server.InjectFault(FakeAidgeFault.RawBody(answer), FakeAidgeApi.Submit);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop("https://shop.example/tee.jpg"));

        Assert.Equal((ContractFixtures.TaskId, "212cd83017085872506144758e3fca"), (operation.TaskId, operation.RequestId));
    }

    [Theory]
    [InlineData(ContractFixtures.QueryAnswerNested)]
    [InlineData(ContractFixtures.QueryAnswerStatusInside)]
    [InlineData(ContractFixtures.QueryAnswerFlat)]
    public async Task Every_query_answer_form_gives_each_picture_with_its_garment(string answer)
    {
        _server.InjectFault(FakeAidgeFault.RawBody(answer), FakeAidgeApi.Query);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        TryOnResult result = await client.GetResultAsync(ContractFixtures.TaskId);

        Assert.Equal(TryOnTaskStatus.Finished, result.Status);
        TryOnSubTaskResult subTask = Assert.Single(result.SubTasks);
        Assert.Equal(TryOnTaskStatus.Finished, subTask.Status);
        Assert.Equal(
            new[] { new TryOnPicture("https://img.example/p0.jpg", "https://shop.example/tee.jpg"), new TryOnPicture("https://img.example/p1.jpg", "https://shop.example/tee.jpg") },
            subTask.Pictures);
        Assert.Null(subTask.Problem);
        Assert.Equal("2101a8f417...", result.RequestId);
    }

    [Fact]
    public async Task The_pictures_of_a_suit_are_told_apart_by_the_garment_each_names()
    {
        _server.InjectFault(FakeAidgeFault.RawBody(ContractFixtures.QueryAnswerTwoSubTasks), FakeAidgeApi.Query);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        TryOnResult result = await client.GetResultAsync(ContractFixtures.TaskId);

        Assert.Equal(
            new[] { ("https://img.example/p0.jpg", "https://shop.example/tee.jpg"), ("https://img.example/p1.jpg", "https://shop.example/shorts.jpg") },
            result.SubTasks[0].Pictures.Select(p => (p.Url, p.GarmentUrl!)));
        Assert.Equal(new[] { ("https://img.example/p2.jpg", "https://shop.example/dress.jpg") }, result.SubTasks[1].Pictures.Select(p => (p.Url, p.GarmentUrl!)));
    }

    [Fact]
    public async Task The_raw_data_keeps_what_the_SDK_does_not_model()
    {
        _server.InjectFault(FakeAidgeFault.RawBody(ContractFixtures.QueryAnswerNested.Replace("\"taskStatus\":\"finished\",", "\"taskStatus\":\"finished\",\"progress\":{\"percent\":100},", StringComparison.Ordinal)), FakeAidgeApi.Query);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        TryOnResult result = await client.GetResultAsync(ContractFixtures.TaskId);

        Assert.Equal(100, result.RawData.GetProperty("progress").GetProperty("percent").GetInt32());
        Assert.Equal(ContractFixtures.TaskId, result.RawData.GetProperty("taskId").GetString());
    }

    [Fact]
    public async Task An_answer_about_another_task_is_not_taken_for_this_one()
    {
        _server.InjectFault(FakeAidgeFault.RawBody(ContractFixtures.QueryAnswerNested), FakeAidgeApi.Query);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        var error = await Assert.ThrowsAsync<AidgeException>(() => client.GetResultAsync("another-task"));

        Assert.Equal(AidgeErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("another task", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ContractFixtures.TaskId, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<FakeAidgeSubmitForm, FakeAidgeQueryForm> FakeForms()
    {
        var forms = new TheoryData<FakeAidgeSubmitForm, FakeAidgeQueryForm>();
        foreach (FakeAidgeSubmitForm submit in Enum.GetValues<FakeAidgeSubmitForm>())
        {
            foreach (FakeAidgeQueryForm query in Enum.GetValues<FakeAidgeQueryForm>())
            {
                forms.Add(submit, query);
            }
        }

        return forms;
    }

    [Theory]
    [MemberData(nameof(FakeForms))]
    public async Task The_client_reads_the_fake_server_in_every_form_it_offers(FakeAidgeSubmitForm submitForm, FakeAidgeQueryForm queryForm)
    {
        await using FakeAidgeServer server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions
        {
            SubmitForm = submitForm, QueryForm = queryForm, SubmittedFor = TimeSpan.FromMilliseconds(20), RunningFor = TimeSpan.FromMilliseconds(20),
        });
        TryOnClientOptions options = server.CreateClientOptions();
        options.PollingInterval = TimeSpan.FromMilliseconds(20);
        using var client = new TryOnClient(server.Credential, options);

        TryOnOperation operation = await client.SubmitBatchAsync(new ITryOnRequest[]
        {
            new SummerSuit("https://shop.example/tee.jpg", "https://shop.example/shorts.jpg"),
            new CountWithFallback("https://shop.example/dress.jpg", 2),
        });
        TryOnResult result = await operation.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal(new[] { TryOnTaskStatus.Finished, TryOnTaskStatus.Finished }, result.SubTasks.Select(s => s.Status));
        Assert.Equal(new[] { 4, 2 }, result.SubTasks.Select(s => s.Pictures.Count));
        Assert.All(result.SubTasks[0].Pictures, p => Assert.Equal("https://shop.example/tee.jpg", p.GarmentUrl));
        Assert.All(result.SubTasks[1].Pictures, p => Assert.Equal("https://shop.example/dress.jpg", p.GarmentUrl));
        Assert.Equal(6, result.SubTasks.SelectMany(s => s.Pictures).Select(p => p.Url).Distinct().Count());
    }
}
