using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Xunit;

namespace Aidge.Declarative.Tests
{
    /// <summary>What a caller pacing its own submits needs from the client: each 501 at once, and whether a failed submit may have been paid.</summary>
    public sealed class PacedSubmitTests : IAsyncLifetime
    {
        private static readonly TryOnSubmitOptions Paced = new() { RetryRateLimited = false };
        private FakeAidgeServer _server = null!;

        public async Task InitializeAsync() => _server = await FakeAidgeServer.StartAsync();

        public async Task DisposeAsync() => await _server.DisposeAsync();

        [Fact]
        public async Task A_paced_submit_meets_501_once_and_is_told_at_once()
        {
            using var client = new TryOnClient(_server.Credential, Options());
            _server.InjectFault(FakeAidgeFault.Error(AidgeResCodes.RateLimitExceeded, "rate limit exceeded"), FakeAidgeApi.Submit, times: 5);

            AidgeException refused = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitBatchAsync(new[] { Look() }, Paced));

            Assert.Equal(AidgeErrorKind.RateLimited, refused.Kind);
            Assert.False(refused.MayHaveCreatedTask);
            Assert.Equal(1, _server.SubmitCount);
        }

        [Fact]
        public async Task The_default_submit_still_retries_501()
        {
            using var client = new TryOnClient(_server.Credential, Options());
            _server.InjectFault(FakeAidgeFault.Error(AidgeResCodes.RateLimitExceeded, "rate limit exceeded"), FakeAidgeApi.Submit, times: 2);

            TryOnOperation operation = await client.SubmitBatchAsync(new[] { Look() }, new TryOnSubmitOptions());

            Assert.NotNull(operation.TaskId);
            Assert.Equal(3, _server.SubmitCount);
        }

        [Theory]
        [InlineData(AidgeResCodes.SystemError, true)]
        [InlineData(AidgeResCodes.ModelFailed, true)]
        [InlineData(AidgeResCodes.InvalidInput, false)]
        [InlineData(AidgeResCodes.ImageNotFlatLay, false)]
        [InlineData(AidgeResCodes.SensitiveContent, false)]
        [InlineData(4242, true)]
        public async Task A_failed_submit_says_whether_it_may_have_created_a_task(int resCode, bool mayHave)
        {
            using var client = new TryOnClient(_server.Credential, Options());
            _server.InjectFault(FakeAidgeFault.Error(resCode, "refused"), FakeAidgeApi.Submit);

            AidgeException failure = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(Look()));

            Assert.Equal(mayHave, failure.MayHaveCreatedTask);
        }

        [Fact]
        public async Task A_connection_dropped_after_sending_may_have_created_a_task_and_one_never_made_did_not()
        {
            using (var client = new TryOnClient(_server.Credential, Options()))
            {
                _server.InjectFault(FakeAidgeFault.DropConnection(), FakeAidgeApi.Submit);
                AidgeException dropped = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(Look()));
                Assert.Equal((AidgeErrorKind.Transport, true), (dropped.Kind, dropped.MayHaveCreatedTask));
            }

            // A port nothing listens on: the connection is refused, so nothing was sent.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            TryOnClientOptions closed = Options();
            closed.Endpoint = new Uri("http://127.0.0.1:" + port);
            using (var client = new TryOnClient(_server.Credential, closed))
            {
                AidgeException refused = await Assert.ThrowsAsync<AidgeException>(() => client.SubmitAsync(Look()));
                Assert.Equal((AidgeErrorKind.Transport, false), (refused.Kind, refused.MayHaveCreatedTask));
            }
        }

        [Fact]
        public async Task A_failed_query_never_claims_a_task_was_made()
        {
            using var client = new TryOnClient(_server.Credential, Options());
            _server.InjectFault(FakeAidgeFault.Error(AidgeResCodes.SystemError, "system error"), FakeAidgeApi.Query, times: 10);

            AidgeException failure = await Assert.ThrowsAsync<AidgeException>(() => client.GetResultAsync("some-task"));

            Assert.False(failure.MayHaveCreatedTask);
            Assert.True(_server.Requests.All(r => r.IsQuery));
        }

        private TryOnClientOptions Options()
        {
            TryOnClientOptions options = _server.CreateClientOptions();
            options.RetryDelay = TimeSpan.FromMilliseconds(5);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
            return options;
        }

        private static NamedModelTop Look() => new("https://shop.example/paced-top.jpg");
    }
}
