using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;
using Xunit;
using static Aidge.Declarative.Tests.Catalogue.CatalogueFixture;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>
    /// The catalogue sample as a seller runs it, in a process of its own, against a fake server in this process that counts what was
    /// paid for: the CSVs a seller really has, half-set credentials, a ledger of another service, a second run, a run that stops.
    /// </summary>
    public sealed class CatalogueSampleTests
    {
        private const string Top1 = "https://shop.example/aw26/tee-1.jpg";
        private const string Bottom1 = "https://shop.example/aw26/shorts-1.jpg";
        private const string Top2 = "https://shop.example/aw26/shirt,linen-2.jpg";
        private const string Bottom2 = "https://shop.example/aw26/chinos-2.jpg";

        [Fact]
        public async Task Columns_are_found_by_name_so_their_order_does_not_matter()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(files, "sku,bottom,top,pictures", $"S1,{Bottom1},{Top1},2", $"S2,{Bottom2},\"{Top2}\",");

            (int exitCode, string log) = await RunAsync(server, files, csv);

            Assert.True(exitCode == 0, log);
            Assert.Equal(
                new[] { (Top1, "tops"), (Bottom1, "bottoms"), (Top2, "tops"), (Bottom2, "bottoms") }.OrderBy(g => g.Item1),
                PaidGarments(server).Select(g => (g.Url, g.Type!)).OrderBy(g => g.Item1));
        }

        [Fact]
        public async Task Quotes_commas_in_quotes_CRLF_a_BOM_blank_lines_and_spaces_are_read_as_RFC_4180_says()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = files.File("catalogue.csv");
            await File.WriteAllTextAsync(
                csv,
                "# a comment line\r\nsku,top,bottom,pictures\r\n" +
                $"\"Q1\",\"{Top2}\",,\r\n" +             // a quoted cell holding a comma
                $"Q2,\"{Top1}\",,\r\n" +                 // a quoted cell without one: no quotes in the URL
                "   \r\n" +                                // a line of spaces
                "\r\n" +
                $"T3, {Bottom2} ,,1 \r\n",                 // spaces around cells
                new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            (int exitCode, string log) = await RunAsync(server, files, csv);

            Assert.True(exitCode == 0, log);
            Assert.Equal(new[] { Bottom2, Top1, Top2 }.OrderBy(u => u, StringComparer.Ordinal), PaidGarments(server).Select(g => g.Url).OrderBy(u => u, StringComparer.Ordinal));
            Assert.Contains("finished            3", log, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_row_that_is_no_look_fails_with_its_line_and_the_run_goes_on()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(
                files,
                "sku,top,bottom,pictures",
                $"G1,{Top1},,",
                "B2,https://shop.example/a.jpg,https://shop.example/b.jpg,2,extra",   // five cells
                "B3,https://shop.example/\"c.jpg,,",                                   // a stray quote
                "B4,https://shop.example/d.jpg,,four",                                 // not a number
                ",https://shop.example/e.jpg,,",                                        // no sku
                $"G5,,{Bottom1},");

            (int exitCode, string log) = await RunAsync(server, files, csv);

            Assert.True(exitCode == 0, log);
            Assert.Equal(new[] { Bottom1, Top1 }, PaidGarments(server).Select(g => g.Url).OrderBy(u => u, StringComparer.Ordinal));
            string results = await File.ReadAllTextAsync(files.File("catalogue.looks.csv"));
            foreach ((string sku, int line) in new[] { ("B2", 3), ("B3", 4), ("B4", 5), (string.Empty, 6) })
            {
                Assert.Contains(sku + "," + line + ",Failed,", results, StringComparison.Ordinal);
                Assert.Contains("line " + line + ":", results, StringComparison.Ordinal);
            }

            Assert.Contains("failed              4   (4 of them rows that are no look)", log, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_row_that_is_no_look_is_named_by_its_sku_column_wherever_the_header_puts_it()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(
                files,
                "bottom,sku,top,pictures",
                $",G1,{Top1},",
                "https://shop.example/b.jpg,T-1,https://shop.example/\"t.jpg,",        // a stray quote after the sku
                "\"https://shop.example/q.jpg\",T-2,https://shop.example/\"u.jpg,",   // a quoted cell before it: no sku rather than a wrong one
                $",G2,\"{Top2}\",",
                "https://shop.example/c.jpg,T-3,https://shop.example/\"v.jpg,");       // the last row, reported once the file has ended

            (int exitCode, string log) = await RunAsync(server, files, csv);

            Assert.True(exitCode == 0, log);
            string[] results = await File.ReadAllLinesAsync(files.File("catalogue.looks.csv"));
            Assert.Contains(results, row => row.StartsWith("T-1,3,Failed,", StringComparison.Ordinal));
            Assert.Contains(results, row => row.StartsWith(",4,Failed,", StringComparison.Ordinal));
            Assert.Contains(results, row => row.StartsWith("T-3,6,Failed,", StringComparison.Ordinal));
            Assert.DoesNotContain(results, row => row.StartsWith("https:", StringComparison.Ordinal) || row.StartsWith("\"", StringComparison.Ordinal));
            Assert.Equal(new[] { Top2, Top1 }, PaidGarments(server).Select(g => g.Url).OrderBy(u => u, StringComparer.Ordinal));
        }

        [Fact]
        public async Task The_bundled_demo_is_paid_for_by_a_service_only_when_named_by_its_path_and_a_path_is_read_as_given()
        {
            // A server named by its address, as a real service is: the demo found beside the sample is not paid for.
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            (int demo, string demoLog) = await SampleProcess.RunAsync(files.File(string.Empty), SampleProcess.CallingServer(server), "--ledger", files.Path);
            (int named, string namedLog) = await SampleProcess.RunAsync(files.File(string.Empty), SampleProcess.CallingServer(server), "garments.csv", "--ledger", files.Path);
            (int missing, string missingLog) = await SampleProcess.RunAsync(files.File(string.Empty), SampleProcess.CallingServer(server), "spring.csv", "--ledger", files.Path);

            Assert.Equal((2, 2, 2), (demo, named, missing));
            Assert.Contains("is no fake server: the sample's own demo is not paid for unless named by its path", demoLog, StringComparison.Ordinal);
            Assert.Contains("is no fake server", namedLog, StringComparison.Ordinal);
            Assert.Contains("No catalogue at " + files.File("spring.csv"), missingLog, StringComparison.Ordinal);
            Assert.Empty(server.Requests);
            Assert.False(File.Exists(files.Path));
        }

        [Theory]
        [InlineData("sku,top,bottom,picture", "'picture' is no column")]
        [InlineData("sku,top,pictures", "'bottom' is missing")]
        [InlineData("sku,top,bottom,pictures,top", "'top' is there twice")]
        public async Task A_header_that_is_not_the_catalogues_is_refused_before_anything_is_paid(string header, string problem)
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(files, header, $"S1,{Top1},,2");

            (int exitCode, string log) = await RunAsync(server, files, csv);

            Assert.Equal(1, exitCode);
            Assert.Contains(problem, log, StringComparison.Ordinal);
            Assert.Empty(server.Requests);
            Assert.False(File.Exists(files.Path));
        }

        [Fact]
        public async Task A_file_that_is_not_UTF8_is_refused_with_its_line_before_anything_is_paid()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = files.File("catalogue.csv");
            await File.WriteAllBytesAsync(csv, Encoding.Latin1.GetBytes($"sku,top,bottom,pictures\nS1,{Top1},,\nS2,https://shop.example/caf\u00E9.jpg,,\n"));

            (int exitCode, string log) = await RunAsync(server, files, csv);

            Assert.Equal(1, exitCode);
            Assert.Contains("line 3: the file is not UTF-8", log, StringComparison.Ordinal);
            Assert.Empty(server.Requests);
        }

        [Fact]
        public async Task A_quote_never_closed_is_refused_before_anything_is_paid()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(files, "sku,top,bottom,pictures", $"S1,{Top1},,", $"S2,\"{Top1},,", $"S3,{Bottom1},,");

            (int exitCode, string log) = await RunAsync(server, files, csv);

            Assert.Equal(1, exitCode);
            Assert.Contains("line 3: a quoted cell is never closed", log, StringComparison.Ordinal);
            Assert.Empty(server.Requests);
        }

        [Theory]
        [InlineData(AidgeCredential.AccessKeyVariable, AidgeCredential.SecretVariable)]
        [InlineData(AidgeCredential.SecretVariable, AidgeCredential.AccessKeyVariable)]
        public async Task Half_set_credentials_are_an_error_naming_the_missing_variable(string set, string missing)
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(files, "sku,top,bottom,pictures", $"S1,{Top1},,");
            Dictionary<string, string?> environment = SampleProcess.CallingServer(server);
            environment.Remove(missing);

            (int exitCode, string log) = await SampleProcess.RunAsync(files.File(string.Empty), environment, Arguments(files, csv));

            Assert.Equal(2, exitCode);
            Assert.Contains(set + " is set but " + missing + " is not", log, StringComparison.Ordinal);
            Assert.DoesNotContain("embedded fake", log, StringComparison.Ordinal);
            Assert.Empty(server.Requests);
            Assert.False(File.Exists(files.Path));
        }

        [Fact]
        public async Task A_ledger_the_embedded_fake_filled_is_never_replayed_for_another_service_and_resumes_with_its_fake()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(files, "sku,top,bottom,pictures", $"S1,{Top1},,", $"S2,\"{Top2}\",,");
            (int embedded, string embeddedLog) = await SampleProcess.RunAsync(files.File(string.Empty), SampleProcess.Embedded(), Arguments(files, csv));
            Assert.True(embedded == 0, embeddedLog);

            // Now with credentials, calling another service: refused before anything is read or sent, adopted or not.
            (int real, string realLog) = await RunAsync(server, files, csv);
            (int adopted, string adoptedLog) = await RunAsync(server, files, csv, "--adopt-ledger");

            Assert.Equal((1, 1), (real, adopted));
            Assert.Contains("belongs to access key fake-access-key at fake-aidge:", realLog, StringComparison.Ordinal);
            Assert.Contains("at " + server.BaseAddress.GetLeftPart(UriPartial.Authority), realLog, StringComparison.Ordinal);   // called as the service, by its address
            Assert.Contains("a fake server's tasks and pictures are not the service's, so it cannot be taken over", adoptedLog, StringComparison.Ordinal);
            Assert.Empty(server.Requests);

            // The embedded fake is the same service again on its task log: every look from the ledger, nothing paid.
            (int again, string againLog) = await SampleProcess.RunAsync(files.File(string.Empty), SampleProcess.Embedded(), Arguments(files, csv));
            Assert.True(again == 0, againLog);
            Assert.Contains("Paid submits this run: 0;", againLog, StringComparison.Ordinal);
            Assert.Contains("(2 of them from the ledger, free)", againLog, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_second_run_on_a_ledger_in_use_is_refused_at_once_and_the_first_goes_on()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(files, new[] { "sku,top,bottom,pictures" }.Concat(Enumerable.Range(0, 40).Select(i => $"S{i},{Url(i)},,")).ToArray());
            using SampleProcess first = SampleProcess.Start(files.File(string.Empty), SampleProcess.CallingServer(server), Arguments(files, csv, "--budget", "4", "--window", "1"));
            Assert.True(await first.WaitForAsync("Budget:", TimeSpan.FromMinutes(1)), first.Log);

            (int second, string secondLog) = await RunAsync(server, files, csv);

            Assert.Equal(1, second);
            Assert.Contains("is in use by another run", secondLog, StringComparison.Ordinal);
            Assert.True(await first.WaitAsync(TimeSpan.FromMinutes(2)) == 0, first.Log);
            Assert.Equal(40, PaidSubmitsByGarment(server).Count);
            Assert.All(PaidSubmitsByGarment(server).Values, count => Assert.Equal(1, count));
        }

        [Fact]
        public async Task A_run_that_stops_leaves_the_last_results_file_whole()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(files, new[] { "sku,top,bottom,pictures" }.Concat(Enumerable.Range(0, 12).Select(i => $"S{i},{Url(i)},,")).ToArray());
            (int exitCode, string log) = await RunAsync(server, files, csv);
            Assert.True(exitCode == 0, log);
            byte[] whole = SHA256.HashData(await File.ReadAllBytesAsync(files.File("catalogue.looks.csv")));
            int rows = File.ReadAllLines(files.File("catalogue.looks.csv")).Length;

            // A longer catalogue, killed part-way (SIGKILL: no finally, no flush); then one stopped by a header it cannot read.
            string longer = Write(files, new[] { "sku,top,bottom,pictures" }.Concat(Enumerable.Range(0, 300).Select(i => $"S{i},{Url(i)},,")).ToArray());
            using (SampleProcess killed = SampleProcess.Start(files.File(string.Empty), SampleProcess.CallingServer(server), Arguments(files, longer, "--budget", "20", "--window", "1")))
            {
                Assert.True(await killed.WaitForAsync("Budget:", TimeSpan.FromMinutes(1)), killed.Log);
                await Task.Delay(1500);
                Assert.Null(await killed.WaitAsync(TimeSpan.Zero));
            }

            string unreadable = Write(files, "sku,top,bottom,picture", $"S1,{Top1},,");
            Assert.Equal(1, (await RunAsync(server, files, unreadable)).ExitCode);

            Assert.Equal(whole, SHA256.HashData(await File.ReadAllBytesAsync(files.File("catalogue.looks.csv"))));
            Assert.Equal(4 * 12 + 1, rows);
        }

        [Fact]
        public async Task Looks_in_doubt_are_listed_attached_and_resubmitted_from_the_command_line()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(files, "sku,top,bottom,pictures", $"S1,{Top1},,", $"S2,\"{Top2}\",,", $"S3,{Bottom1},,");

            // S1's submit made its task, but its answer was cut short; S2's got a 500. Both are in doubt.
            server.InjectFault(FakeAidgeFault.TruncatedBody(), FakeAidgeApi.Submit);
            server.InjectFault(FakeAidgeFault.Error(AidgeResCodes.SystemError, "system error"), FakeAidgeApi.Submit);
            (int first, string firstLog) = await RunAsync(server, files, csv, "--in-flight", "1");
            Assert.True(first == 0, firstLog);
            Assert.Contains("in doubt            2", firstLog, StringComparison.Ordinal);

            (int listed, string list) = await RunAsync(server, files, csv, "--in-doubt");
            Assert.True(listed == 0, list);
            Assert.Contains("holds 2 looks in doubt", list, StringComparison.Ordinal);
            Assert.Contains("S1", list, StringComparison.Ordinal);
            Assert.True(list.Contains("S2", StringComparison.Ordinal), list);
            Assert.Contains(" sent 20", list, StringComparison.Ordinal);   // when, to find it in the console

            string task = Assert.Single(server.TaskIdsFor(Top1));
            (int mended, string mendedLog) = await RunAsync(server, files, csv, "--attach", "S1=" + task, "--resubmit", "S2");

            Assert.True(mended == 0, mendedLog);
            Assert.Contains("finished            3", mendedLog, StringComparison.Ordinal);
            Assert.Equal(1, server.Requests.Count(r => r.IsSubmit && r.Body.Contains("tee-1", StringComparison.Ordinal)));                // S1: its one submit
            Assert.Equal(2, server.Requests.Count(r => r.IsSubmit && r.Body.Contains("linen-2", StringComparison.Ordinal)));             // S2: again, as asked
            Assert.Contains("S1,2,Finished," + task, await File.ReadAllTextAsync(files.File("catalogue.looks.csv")), StringComparison.Ordinal);
        }

        [Fact]
        public async Task The_results_never_replace_the_catalogue_or_the_ledger_and_a_resubmit_must_name_a_look_in_doubt()
        {
            await using FakeAidgeServer server = await StartServerAsync();
            using var files = new TempLedger();
            string csv = Write(files, "sku,top,bottom,pictures", $"S1,{Top1},,");
            byte[] catalogue = await File.ReadAllBytesAsync(csv);

            (int overCatalogue, string overCatalogueLog) = await SampleProcess.RunAsync(files.File(string.Empty), SampleProcess.CallingServer(server), csv, "--ledger", files.Path, "--out", csv);
            (int overLedger, string overLedgerLog) = await SampleProcess.RunAsync(files.File(string.Empty), SampleProcess.CallingServer(server), csv, "--ledger", files.Path, "--out", files.Path);

            Assert.Equal((2, 2), (overCatalogue, overLedger));
            Assert.Contains("would replace the catalogue or the ledger", overCatalogueLog + overLedgerLog, StringComparison.Ordinal);
            Assert.Equal(catalogue, await File.ReadAllBytesAsync(csv));
            Assert.Empty(server.Requests);

            // Listing with no ledger makes none; a resubmit of a look not in doubt sends nothing and says so.
            (int listed, string list) = await RunAsync(server, files, csv, "--in-doubt");
            Assert.True(listed == 0, list);
            Assert.Contains("There is no ledger", list, StringComparison.Ordinal);
            Assert.False(File.Exists(files.Path));
            Assert.Equal(0, (await RunAsync(server, files, csv)).ExitCode);
            int paid = server.SubmitCount;
            (int resubmit, string resubmitLog) = await RunAsync(server, files, csv, "--resubmit", "S1", "--resubmit", "NOPE");
            Assert.Equal(2, resubmit);
            Assert.Contains("does not hold in doubt", resubmitLog, StringComparison.Ordinal);
            Assert.Equal(paid, server.SubmitCount);
        }

        [Fact]
        public async Task Check_balance_reports_the_quota_and_stops_before_paying_when_it_cannot_cover_the_looks_in_flight()
        {
            await using FakeAidgeServer server = await StartServerAsync(configure: options => options.Balances["/ai/virtual/tryon"] = 1);
            using var files = new TempLedger();
            string csv = Write(files, "sku,top,bottom,pictures", $"S1,{Top1},{Bottom1},2", $"S2,\"{Top2}\",{Bottom2},");

            (int shortCode, string shortLog) = await RunAsync(server, files, csv, "--check-balance", "--in-flight", "2");
            (int enoughCode, string enoughLog) = await RunAsync(server, files, csv, "--check-balance", "--in-flight", "1");

            Assert.True(shortCode == 1, shortLog);
            Assert.Contains("The run stopped: QuotaExhausted", shortLog, StringComparison.Ordinal);
            Assert.Contains("1 calls left for /ai/virtual/tryon, the catalogue needs at most 2", shortLog, StringComparison.Ordinal);
            Assert.Contains("Quota: 1 calls left for /ai/virtual/tryon, the catalogue needs at most 2.", enoughLog, StringComparison.Ordinal);
            Assert.True(enoughCode == 1, enoughLog);
            Assert.Contains("NoResource", enoughLog, StringComparison.Ordinal);
            Assert.Equal(1, PaidSubmitsByGarment(server).Values.Sum());
            Assert.Equal(2, server.Requests.Count(request => request.IsBalance));
        }

        private static Task<(int ExitCode, string Log)> RunAsync(FakeAidgeServer server, TempLedger files, string csv, params string[] more) =>
            SampleProcess.RunAsync(files.File(string.Empty), SampleProcess.CallingServer(server), Arguments(files, csv, more));

        private static string[] Arguments(TempLedger files, string csv, params string[] more) =>
            new[] { csv, "--ledger", files.Path, "--out", files.File("catalogue.looks.csv"), "--budget", "100", "--window", "1" }.Concat(more).ToArray();

        private static string Write(TempLedger files, params string[] lines)
        {
            string path = files.File("catalogue-" + Guid.NewGuid().ToString("N").Substring(0, 6) + ".csv");
            File.WriteAllLines(path, lines);
            return path;
        }
    }
}
