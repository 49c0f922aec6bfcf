using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Aidge.Declarative.Tests.Wire;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Aidge.Declarative.Tests
{
    /// <summary>The declared client: generated from <see cref="ILookbook"/>, it submits, waits, and hands back each request with its own pictures.</summary>
    public sealed class TypedClientTests : IAsyncLifetime
    {
        private FakeAidgeServer _server = null!;

        public async Task InitializeAsync() =>
            _server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions { SubmittedFor = TimeSpan.FromMilliseconds(20), RunningFor = TimeSpan.FromMilliseconds(20) });

        public async Task DisposeAsync() => await _server.DisposeAsync();

        [Fact]
        public async Task A_batch_of_looks_comes_back_each_with_its_own_pictures()
        {
            using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));
            ILookbook lookbook = client.CreateApi<ILookbook>();
            SummerSuit[] looks =
            {
                new("https://shop.example/sku-1-top.jpg", "https://shop.example/sku-1-bottom.jpg"),
                new("https://shop.example/sku-2-top.jpg", "https://shop.example/sku-2-bottom.jpg"),
                new("https://shop.example/sku-3-top.jpg", "https://shop.example/sku-3-bottom.jpg"),
            };

            TryOnOperation<SummerSuit> operation = await lookbook.SubmitAsync(looks, Deadline());
            TryOnResult<SummerSuit> result = await operation.WaitForCompletionAsync(cancellationToken: Deadline());

            Assert.Equal(looks, operation.Requests);
            Assert.Equal(looks, result.Looks.Select(look => look.Request));
            Assert.All(result.Looks, look =>
            {
                Assert.Equal(TryOnTaskStatus.Finished, look.Status);
                Assert.Equal(4, look.Pictures.Count);
                Assert.All(look.Pictures, picture => Assert.Equal(look.Request.Top, picture.GarmentUrl));
            });
            Assert.Empty(result.UnmatchedPictures);
            Assert.Equal(1, _server.SubmitCount);
        }

        [Fact]
        public async Task TryOnAsync_submits_waits_and_reports_each_typed_state()
        {
            using var client = new TryOnClient(_server.Credential, Fast(_server.CreateClientOptions()));
            var look = new SummerSuit("https://shop.example/top.jpg", "https://shop.example/bottom.jpg");
            var seen = new List<TryOnTaskStatus>();

            TryOnResult<SummerSuit> result = await client.CreateApi<ILookbook>().TryOnAsync(look, new Progress(r => seen.Add(r.Status)), Deadline());

            Assert.Same(look, Assert.Single(result.Looks).Request);
            Assert.Equal(4, result.Looks[0].Pictures.Count);
            Assert.Equal(TryOnTaskStatus.Finished, seen[^1]);
        }

        [Fact]
        public async Task Pictures_are_paired_by_the_garment_the_service_names_and_a_stranger_is_kept_apart()
        {
            // The contract's answer for two sub-tasks, plus a picture made from a garment neither request sent.
            string answer = ContractFixtures.QueryAnswerTwoSubTasks.Replace(
                "{\"imageUrl\":\"https://img.example/p2.jpg\"", "{\"imageUrl\":\"https://img.example/stranger.jpg\",\"clothes\":\"https://shop.example/unknown.jpg\"},{\"imageUrl\":\"https://img.example/p2.jpg\"", StringComparison.Ordinal);
            _server.InjectFault(FakeAidgeFault.RawBody(answer), FakeAidgeApi.Query);
            using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());
            var suit = new SummerSuit("https://shop.example/tee.jpg", "https://shop.example/shorts.jpg");
            var dress = new SummerSuit("https://shop.example/dress.jpg", "https://shop.example/ignored.jpg");

            TryOnResult<SummerSuit> result = await client.GetOperation(ContractFixtures.TaskId, new[] { dress, suit }).GetResultAsync();

            // Submitted dress first: the pictures follow their garments, not the sub-task order.
            Assert.Equal(new[] { "https://img.example/p2.jpg" }, result.Looks[0].Pictures.Select(p => p.Url));
            Assert.Equal(new[] { "https://img.example/p0.jpg", "https://img.example/p1.jpg" }, result.Looks[1].Pictures.Select(p => p.Url));
            Assert.Equal("https://img.example/stranger.jpg", Assert.Single(result.UnmatchedPictures).Url);
        }

        [Fact]
        public async Task Pictures_with_no_garment_named_are_paired_by_sub_task_order()
        {
            string answer = ContractFixtures.QueryAnswerTwoSubTasks
                .Replace(",\"clothes\":\"https://shop.example/tee.jpg\"", string.Empty, StringComparison.Ordinal)
                .Replace(",\"clothes\":\"https://shop.example/shorts.jpg\"", string.Empty, StringComparison.Ordinal)
                .Replace(",\"clothes\":\"https://shop.example/dress.jpg\"", string.Empty, StringComparison.Ordinal);
            _server.InjectFault(FakeAidgeFault.RawBody(answer), FakeAidgeApi.Query);
            using var client = new TryOnClient(_server.Credential, _server.CreateClientOptions());
            var first = new SummerSuit("https://shop.example/a.jpg", "https://shop.example/b.jpg");
            var second = new SummerSuit("https://shop.example/c.jpg", "https://shop.example/d.jpg");

            TryOnResult<SummerSuit> result = await client.GetOperation(ContractFixtures.TaskId, new[] { first, second }).GetResultAsync();

            Assert.Equal(2, result.Looks[0].Pictures.Count);
            Assert.Equal("https://img.example/p2.jpg", Assert.Single(result.Looks[1].Pictures).Url);
            Assert.Empty(result.UnmatchedPictures);
        }

        [Fact]
        public async Task The_declared_client_comes_from_the_container()
        {
            var services = new ServiceCollection();
            services.AddAidgeTryOnClient(_server.Credential, options =>
            {
                options.Endpoint = _server.BaseAddress;
                options.PollingInterval = TimeSpan.FromMilliseconds(20);
            });
            services.AddTryOnApi<ILookbook>();
            await using ServiceProvider provider = services.BuildServiceProvider();

            TryOnResult<SummerSuit> result = await provider.GetRequiredService<ILookbook>()
                .TryOnAsync(new SummerSuit("https://shop.example/top.jpg", "https://shop.example/bottom.jpg"), cancellationToken: Deadline());

            Assert.Equal(4, result.Looks[0].Pictures.Count);
        }

        [Fact]
        public void An_interface_with_no_generated_implementation_says_how_to_get_one()
        {
            using var client = new TryOnClient(new AidgeCredential("k", "s"));

            var error = Assert.Throws<InvalidOperationException>(() => client.CreateApi<IDisposable>());

            Assert.Contains("[TryOnApi]", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Consumer_code_can_be_tested_with_a_hand_written_fake_lookbook()
        {
            var fake = new FakeLookbook();
            var shop = new Shop(fake);

            string[] pictures = await shop.PicturesForAsync("https://shop.example/t.jpg", "https://shop.example/b.jpg");

            Assert.Equal(new[] { "https://img.example/fake-1.jpg" }, pictures);
            Assert.Equal("https://shop.example/t.jpg", Assert.Single(fake.Tried).Top);
        }

        private static TryOnClientOptions Fast(TryOnClientOptions options)
        {
            options.PollingInterval = TimeSpan.FromMilliseconds(20);
            return options;
        }

        private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

        private sealed class Progress(Action<TryOnResult<SummerSuit>> report) : IProgress<TryOnResult<SummerSuit>>
        {
            public void Report(TryOnResult<SummerSuit> value) => report(value);
        }

        // What a user's own code looks like: it depends on the declared interface, not on the service.
        private sealed class Shop(ILookbook lookbook)
        {
            public async Task<string[]> PicturesForAsync(string top, string bottom)
            {
                TryOnResult<SummerSuit> result = await lookbook.TryOnAsync(new SummerSuit(top, bottom));
                return result.Looks.SelectMany(look => look.Pictures).Select(picture => picture.Url).ToArray();
            }
        }

        // The seam: a fake written by hand, with the public constructors of the results.
        private sealed class FakeLookbook : ILookbook
        {
            public List<SummerSuit> Tried { get; } = new();

            public Task<TryOnOperation<SummerSuit>> SubmitAsync(SummerSuit look, CancellationToken cancellationToken = default) => throw new NotSupportedException();

            public Task<TryOnOperation<SummerSuit>> SubmitAsync(IReadOnlyList<SummerSuit> looks, CancellationToken cancellationToken = default) => throw new NotSupportedException();

            public Task<TryOnResult<SummerSuit>> TryOnAsync(SummerSuit look, IProgress<TryOnResult<SummerSuit>>? progress = null, CancellationToken cancellationToken = default)
            {
                Tried.Add(look);
                var picture = new TryOnPicture("https://img.example/fake-1.jpg", look.Top);
                var untyped = new TryOnResult("task-1", TryOnTaskStatus.Finished, new[] { new TryOnSubTaskResult(TryOnTaskStatus.Finished, new[] { picture }) }, null);
                return Task.FromResult(new TryOnResult<SummerSuit>(untyped, new[] { new TryOnLook<SummerSuit>(look, TryOnTaskStatus.Finished, new[] { picture }) }, Array.Empty<TryOnPicture>()));
            }
        }
    }

    /// <summary>The guide's declared client, implemented by the generator.</summary>
    [TryOnApi]
    public interface ILookbook
    {
        Task<TryOnOperation<SummerSuit>> SubmitAsync(SummerSuit look, CancellationToken cancellationToken = default);

        Task<TryOnOperation<SummerSuit>> SubmitAsync(IReadOnlyList<SummerSuit> looks, CancellationToken cancellationToken = default);

        Task<TryOnResult<SummerSuit>> TryOnAsync(SummerSuit look, IProgress<TryOnResult<SummerSuit>>? progress = null, CancellationToken cancellationToken = default);
    }
}
