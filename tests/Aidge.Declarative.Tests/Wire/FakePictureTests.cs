using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Xunit;

namespace Aidge.Declarative.Tests.Wire;

/// <summary>
/// The fake server's pictures: real PNGs it serves itself, on its own loopback address, one of its own per picture; and the
/// faults a test of a picture saver needs (a 404, HTML sent as an image, a picture too large, a redirect).
/// </summary>
public sealed class FakePictureTests : IAsyncLifetime
{
    private static readonly HttpClient s_http = new(new HttpClientHandler { AllowAutoRedirect = false });

    private FakeAidgeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAidgeServer.StartAsync(new FakeAidgeServerOptions
    {
        SubmittedFor = TimeSpan.FromMilliseconds(10), RunningFor = TimeSpan.FromMilliseconds(10),
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_finished_tasks_pictures_are_real_PNGs_on_the_fakes_own_address_each_its_own()
    {
        TryOnResult first = await FinishedAsync("https://shop.example/tee.jpg");
        TryOnResult second = await FinishedAsync("https://shop.example/shirt.jpg");
        string[] urls = first.SubTasks.Concat(second.SubTasks).SelectMany(s => s.Pictures).Select(p => p.Url).ToArray();

        byte[][] pictures = await Task.WhenAll(urls.Select(url => s_http.GetByteArrayAsync(url)));
        byte[] again = await s_http.GetByteArrayAsync(urls[0]);

        Assert.Equal(8, urls.Length);
        Assert.All(urls, url => Assert.Equal(new Uri(url).GetLeftPart(UriPartial.Authority), _server.BaseAddress.GetLeftPart(UriPartial.Authority)));
        Assert.All(pictures, png =>
        {
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8));
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            Assert.Equal((48, 64), (BigEndian(png, 16), BigEndian(png, 20)));
        });
        Assert.Equal(pictures.Length, pictures.Select(Convert.ToBase64String).Distinct().Count());
        Assert.Equal(pictures[0], again);
        Assert.Equal(9, _server.PictureFetches);
    }

    [Fact]
    public async Task A_picture_of_no_finished_task_is_404()
    {
        string root = _server.BaseAddress.GetLeftPart(UriPartial.Authority) + "/results/";
        TryOnResult result = await FinishedAsync("https://shop.example/tee.jpg");

        foreach (string url in new[] { root + "no-such-task/0/1.png", root + result.TaskId + "/0/5.png", root + result.TaskId + "/1/1.png", root + result.TaskId + "/0/x.png" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await s_http.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task Each_picture_fault_does_what_it_says_once_then_the_picture_is_served()
    {
        string url = (await FinishedAsync("https://shop.example/tee.jpg")).SubTasks[0].Pictures[0].Url;
        _server.InjectPictureFault(FakeAidgePictureFault.NotFound());
        _server.InjectPictureFault(FakeAidgePictureFault.NotAnImage());
        _server.InjectPictureFault(FakeAidgePictureFault.TooLarge(5 * 1024 * 1024));
        _server.InjectPictureFault(FakeAidgePictureFault.RedirectTo(new Uri("http://10.0.0.1/picture.png")));

        HttpResponseMessage missing = await s_http.GetAsync(url);
        HttpResponseMessage html = await s_http.GetAsync(url);
        HttpResponseMessage large = await s_http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        long declared = large.Content.Headers.ContentLength ?? -1;
        byte[] largeStart = new byte[8];
        await (await large.Content.ReadAsStreamAsync()).ReadExactlyAsync(largeStart);
        large.Dispose();
        HttpResponseMessage redirect = await s_http.GetAsync(url);
        HttpResponseMessage served = await s_http.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(("image/jpeg", true), (html.Content.Headers.ContentType?.MediaType, (await html.Content.ReadAsStringAsync()).StartsWith("<html", StringComparison.Ordinal)));
        Assert.Equal(5 * 1024 * 1024, declared);
        Assert.Equal(0x89, largeStart[0]);
        Assert.Equal((HttpStatusCode.Found, "http://10.0.0.1/picture.png"), (redirect.StatusCode, redirect.Headers.Location?.ToString()));
        Assert.Equal(("image/png", HttpStatusCode.OK), (served.Content.Headers.ContentType?.MediaType, served.StatusCode));
    }

    [Fact]
    public void A_fault_for_no_call_at_all_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _server.InjectPictureFault(FakeAidgePictureFault.NotFound(), times: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _server.InjectFault(FakeAidgeFault.Error(501), FakeAidgeApi.Submit, times: -1));
    }

    private async Task<TryOnResult> FinishedAsync(string garment)
    {
        TryOnClientOptions options = _server.CreateClientOptions();
        options.PollingInterval = TimeSpan.FromMilliseconds(20);
        using var client = new TryOnClient(_server.Credential, options);
        TryOnOperation operation = await client.SubmitAsync(new NamedModelTop(garment));
        return await operation.WaitForCompletionAsync(cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }

    private static int BigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
}
