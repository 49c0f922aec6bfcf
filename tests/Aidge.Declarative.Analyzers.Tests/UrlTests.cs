using System.Threading.Tasks;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>AIDGE007: a constant image URL must be absolute http or https.</summary>
public class UrlTests
{
    [Fact]
    public async Task Constant_urls_the_service_cannot_download_are_reported_on_the_text()
    {
        await Verify.AnalyzerAsync("""
            using System;
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] string G, [ModelImage] string[]? Photos = null)
            {
                [ModelImage] public Uri? Photo { get; init; }

                public static void Make(string fromDatabase)
                {
                    _ = new Look({|#0:"/images/top.jpg"|});
                    _ = new Look("https://a.example/top.jpg", new[] { "https://a.example/1.jpg", {|AIDGE007:"ftp://a.example/2.jpg"|} });
                    _ = new Look("https://a.example/top.jpg") { Photo = new Uri({|AIDGE007:"file:///c:/me.jpg"|}) };
                    _ = new Look("https://a.example/top.jpg") { Photo = new Uri({|AIDGE007:"me.jpg"|}, UriKind.Relative) };
                    _ = new Look(fromDatabase) { Photo = new Uri("http://a.example/me.jpg") };
                    _ = new Look($"https://a.example/{fromDatabase}.jpg", ["https://a.example/1.jpg"]);
                }
            }
            """,
            Verify.Diagnostic("AIDGE007").WithLocation(0).WithArguments(
                "'G' is \"/images/top.jpg\", which the service cannot download: an image URL must be an absolute http or https URL"));
    }
}
