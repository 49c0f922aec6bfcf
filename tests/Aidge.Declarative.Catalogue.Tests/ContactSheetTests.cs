using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit;
using Xunit.Abstractions;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>
    /// The catalogue sample's contact sheet, opened from disk in a real browser (Debian's chromium, headless, through chromedriver):
    /// every picture on it decodes, and the looks that need the seller are listed with their reasons.
    /// </summary>
    public sealed class ContactSheetTests
    {
        private readonly ITestOutputHelper _output;

        public ContactSheetTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public async Task The_contact_sheet_shows_every_saved_picture_and_lists_the_looks_that_need_the_seller_in_a_real_browser()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string catalogue = files.File("catalogue.csv");
            await File.WriteAllLinesAsync(catalogue, new[] { "sku,top,bottom,pictures" }
                .Concat(Enumerable.Range(0, 12).Select(i => "SKU-" + i + "," + Url(i) + ",,"))
                .Append("BAD-URL,ftp://shop.example/a.jpg,,")
                .Append("BAD-COUNT," + Url(99) + ",,12"));

            // Two pictures cannot be fetched this run: their looks are finished, their pictures listed as not saved.
            server.InjectPictureFault(FakeAidgePictureFault.NotFound(), times: 2);
            (int exitCode, string log) = await SampleProcess.RunAsync(
                files.File(string.Empty), SampleProcess.CallingServer(server), catalogue, "--ledger", files.Path, "--out", files.File("catalogue.looks.csv"), "--pictures", files.File("pictures"), "--budget", "100", "--window", "1");
            Assert.True(exitCode == 0, log);
            string sheet = files.File("catalogue.looks.html");
            int saved = Directory.GetFiles(files.File("pictures")).Length;
            Assert.Equal(12 * 4 - 2, saved);

            using ChromeDriver browser = Browser.Start();
            browser.Navigate().GoToUrl(new Uri(sheet).AbsoluteUri);
            long images = Browser.LoadEveryImage(browser);
            string shot = Path.Combine(AppContext.BaseDirectory, "contact-sheet.png");
            browser.GetScreenshot().SaveAsFile(shot);
            _output.WriteLine("screenshot: " + shot);

            // Every picture of the 12 looks is on the page: the saved ones from their files, the two not saved by their URL.
            Assert.Equal(48, images);
            var broken = (IReadOnlyCollection<object>)browser.ExecuteScript("return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);")!;
            Assert.Empty(broken);
            long fromFiles = (long)browser.ExecuteScript("return Array.from(document.images).filter(i => i.src.startsWith('file:')).length;")!;
            Assert.Equal(saved, fromFiles);

            string attention = browser.FindElement(By.Id("attention")).Text;
            Assert.Contains("BAD-URL", attention, StringComparison.Ordinal);
            Assert.Contains("cannot download", attention, StringComparison.Ordinal);
            Assert.Contains("BAD-COUNT", attention, StringComparison.Ordinal);
            Assert.Contains("generateCount is 12", attention, StringComparison.Ordinal);
            Assert.Contains("pictures not saved", attention, StringComparison.Ordinal);
            Assert.Contains("answered 404", attention, StringComparison.Ordinal);
            byte[] png = await File.ReadAllBytesAsync(shot);
            Assert.True(png.Length > 1000 && png[0] == 0x89 && png[1] == (byte)'P', "The screenshot is no PNG.");
        }

        [Fact]
        public async Task The_contact_sheet_fits_a_phone_and_a_desktop_with_long_skus_and_shows_markup_in_a_sku_as_text()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string catalogue = files.File("catalogue.csv");
            string longSku = "LONG-" + new string('X', 200);
            await File.WriteAllLinesAsync(catalogue, new[]
            {
                "sku,top,bottom,pictures",
                longSku + "," + Url(1) + "," + Url(2) + "?variant=" + new string('v', 150) + ",2",
                "<b>BOLD</b>," + Url(3) + ",,1",
                longSku + "-FAILED,ftp://shop.example/" + new string('f', 150) + ".jpg,,",
                "S-2," + Url(4) + ",,1",
            });
            (int exitCode, string log) = await SampleProcess.RunAsync(
                files.File(string.Empty), SampleProcess.CallingServer(server), catalogue, "--ledger", files.Path, "--out", files.File("catalogue.looks.csv"), "--pictures", files.File("pictures"), "--budget", "100", "--window", "1");
            Assert.True(exitCode == 0, log);
            string sheet = new Uri(files.File("catalogue.looks.html")).AbsoluteUri;

            foreach (int width in new[] { 390, 800, 1200 })
            {
                using ChromeDriver browser = Browser.Start(width, 1000);
                browser.Navigate().GoToUrl(sheet);
                Browser.LoadEveryImage(browser);
                var fit = (IReadOnlyDictionary<string, object>)browser.ExecuteScript(
                    "return { page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth, " +
                    "wider: Array.from(document.querySelectorAll('article, #attention')).filter(e => e.scrollWidth > e.clientWidth + 1).length, " +
                    "shortSkuLines: Math.round(Array.from(document.querySelectorAll('#attention td:first-child, article h2')).filter(e => e.textContent === 'S-2' || e.textContent === '<b>BOLD</b>').map(e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)).reduce((a, b) => Math.max(a, b), 0)), " +
                    "bold: document.querySelectorAll('article b, #attention b').length };")!;
                Assert.True((long)fit["page"] <= (long)fit["view"], $"At {width} px the page is {fit["page"]} px wide, wider than its {fit["view"]} px.");
                Assert.Equal(0L, (long)fit["wider"]);
                Assert.Equal(1L, Convert.ToInt64(fit["shortSkuLines"], System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(0L, (long)fit["bold"]);
            }
        }

        /// <summary>Debian's chromium and chromedriver (CHROMIUM and CHROMEDRIVER name others), headless: .ci/run installs them.</summary>
        internal static class Browser
        {
            public static ChromeDriver Start(int width = 1200, int height = 1400)
            {
                string chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";
                string driver = Environment.GetEnvironmentVariable("CHROMEDRIVER") ?? "/usr/bin/chromedriver";
                Assert.True(File.Exists(chromium) && File.Exists(driver), "This test opens the page in a real browser: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver), as .ci/run does.");
                ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
                service.SuppressInitialDiagnosticInformation = true;
                service.HideCommandPromptWindow = true;
                var options = new ChromeOptions { BinaryLocation = chromium };
                options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", $"--window-size={width},{height}");
                return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
            }

            /// <summary>Scrolls through the page, so that every lazy image is asked for, and waits until each has loaded or failed; returns how many there are.</summary>
            public static long LoadEveryImage(ChromeDriver browser)
            {
                long height = (long)browser.ExecuteScript("return document.documentElement.scrollHeight;")!;
                for (long y = 0; y <= height; y += 600)
                {
                    browser.ExecuteScript("window.scrollTo(0, arguments[0]);", y);
                    Thread.Sleep(30);
                }

                DateTime until = DateTime.UtcNow.AddSeconds(20);
                while ((long)browser.ExecuteScript("return Array.from(document.images).filter(i => !i.complete).length;")! != 0 && DateTime.UtcNow < until)
                {
                    Thread.Sleep(50);
                }

                browser.ExecuteScript("window.scrollTo(0, 0);");
                return (long)browser.ExecuteScript("return document.images.length;")!;
            }
        }
    }
}
