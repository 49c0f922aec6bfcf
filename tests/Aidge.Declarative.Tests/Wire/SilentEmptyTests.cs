using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Xunit;

namespace Aidge.Declarative.Tests.Wire;

/// <summary>A finished task whose answer the client cannot find pictures in is never reported as success.</summary>
public sealed class SilentEmptyTests : IAsyncLifetime
{
    private const string DocumentedPlace = "data.taskResult[].taskResult.result.imageList[].imageUrl";
    private const string FlatPlace = "data.taskResult[].result.imageList[].imageUrl";

    private FakeAidgeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAidgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(ContractFixtures.FinishedWithEmptyImageList, "req-empty-1", DocumentedPlace)]
    [InlineData(ContractFixtures.FinishedWithPicturesElsewhere, "req-elsewhere-2", FlatPlace)]
    [InlineData(ContractFixtures.FinishedWithNoSubTasks, "req-none-3", "no sub-task at data.taskResult[]")]
    public async Task A_finished_task_with_no_picture_where_the_contract_puts_them_is_InvalidResponse(string answer, string requestId, string namedPath)
    {
        _server.InjectFault(FakeAidgeFault.RawBody(answer), FakeAidgeApi.Query, times: int.MaxValue);
        TryOnClientOptions options = _server.CreateClientOptions();
        options.PollingInterval = TimeSpan.FromMilliseconds(10);
        using var client = new TryOnClient(_server.Credential, options);

        var error = await Assert.ThrowsAsync<AidgeException>(() =>
            client.GetOperation(ContractFixtures.TaskId).WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token));

        Assert.Equal(AidgeErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(requestId, error.RequestId);
        Assert.Contains(requestId, error.Message, StringComparison.Ordinal);
        Assert.Contains(namedPath, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Requests.Count(r => r.IsQuery));
    }

    [Fact]
    public async Task A_finished_sub_task_without_pictures_beside_others_shows_on_it_and_is_logged_at_Warning()
    {
        _server.InjectFault(FakeAidgeFault.RawBody(ContractFixtures.FinishedWithOneEmptySubTask), FakeAidgeApi.Query);
        var logs = new LogCapture();
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions(), logger: logs.For<TryOnClient>());

        TryOnResult result = await client.GetResultAsync(ContractFixtures.TaskId);

        Assert.Null(result.SubTasks[0].Problem);
        Assert.Single(result.SubTasks[0].Pictures);
        Assert.Empty(result.SubTasks[1].Pictures);
        Assert.Contains("data.taskResult[1].taskResult.result.imageList[].imageUrl", result.SubTasks[1].Problem, StringComparison.Ordinal);
        string warning = Assert.Single(logs.Lines, line => line.StartsWith("Warning: ", StringComparison.Ordinal));
        Assert.Contains("sub-task 1", warning, StringComparison.Ordinal);
        Assert.Contains(ContractFixtures.TaskId, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sub_task_that_failed_beside_a_finished_one_is_no_problem()
    {
        _server.InjectFault(
            FakeAidgeFault.RawBody(ContractFixtures.FinishedWithOneEmptySubTask.Replace("{\"taskStatus\":\"finished\",\"taskResult\":{\"result\":{\"imageList\":[]}}}", "{\"taskStatus\":\"failed\",\"taskResult\":{\"result\":{\"imageList\":[]}}}", StringComparison.Ordinal)),
            FakeAidgeApi.Query);
        var logs = new LogCapture();
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions(), logger: logs.For<TryOnClient>());

        TryOnResult result = await client.GetResultAsync(ContractFixtures.TaskId);

        Assert.Equal(TryOnTaskStatus.Failed, result.SubTasks[1].Status);
        Assert.Null(result.SubTasks[1].Problem);
        Assert.DoesNotContain(logs.Lines, line => line.StartsWith("Warning: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_still_running_with_no_picture_yet_is_no_problem()
    {
        _server.InjectFault(
            FakeAidgeFault.RawBody(ContractFixtures.FinishedWithEmptyImageList.Replace("finished", "running", StringComparison.Ordinal)), FakeAidgeApi.Query);
        using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());

        TryOnResult result = await client.GetResultAsync(ContractFixtures.TaskId);

        Assert.Equal(TryOnTaskStatus.Running, result.Status);
        Assert.Null(Assert.Single(result.SubTasks).Problem);
    }
}
