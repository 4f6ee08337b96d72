using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using GapLens.IO.Files;
using GapLens.Judging.Folders;
using GapLens.Judging.Human;
using GapLens.Testing;
using Json.Schema;

namespace GapLens.Web.Tests;

/// <summary>
/// The real program killed with SIGKILL between submissions and in the middle of them, then started
/// again: every acknowledged submission is in the log, every human-eval.json parses and says what the
/// log says. Ctrl+C stops it cleanly with its run record written.
/// </summary>
public sealed class KillRestartTests : TempDirTest
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "run-manifest.schema.json")));

    private string Outputs() => VmExperiment.Create(Dir.Path, "exp1", ["m-one", "m-two"], ["maze_task", "chess_task"], 3);

    private string[] Args(string outputs) => ["--outputs", outputs, "--evaluations", Dir.Combine("evaluations"), "--port", "0", "--overlap", "3"];

    /// <summary>Every submission id and answer the server holds, read through its Review API.</summary>
    private static async Task<Dictionary<long, (string Annotator, string Answer)>> LogAsync(ApiClient c)
    {
        var all = new Dictionary<long, (string, string)>();
        var list = await c.GetJsonAsync("/api/review");
        foreach (var row in list.GetProperty("rows").EnumerateArray())
        {
            var item = await c.GetJsonAsync("/api/review/" + row.GetProperty("id").GetString());
            foreach (var s in item.GetProperty("log").EnumerateArray())
            {
                all.Add(s.GetProperty("id").GetInt64(), (s.GetProperty("annotator").GetString()!, s.GetProperty("answer").GetString()!));
            }
        }
        return all;
    }

    private void EveryFileParsesAndMatchesTheLog(IReadOnlyDictionary<long, (string Annotator, string Answer)> log)
    {
        var files = Directory.GetFiles(Dir.Combine("evaluations", "human-eval"), "human-eval.json", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (string f in files)
        {
            var r = ScoreFiles.Read(f);
            Assert.NotNull(r.Annotations);
            foreach (var a in r.Annotations!)
            {
                Assert.Contains(log.Values, v => v.Annotator == a.Annotator && v.Answer == (a.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unsure"));
            }
        }
        Assert.Empty(Directory.GetFiles(Dir.Combine("evaluations", "human-eval"), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task EveryAcknowledgedSubmissionSurvivesSigkillBetweenAndDuringSubmissions()
    {
        string outputs = Outputs();
        var acked = new ConcurrentDictionary<long, (string Annotator, string Answer)>();

        // 1. Killed between submissions: five answers, each acknowledged, then SIGKILL.
        var (server, url) = await ServeProcess.StartAsync(Dir.Path, Args(outputs));
        using (server)
        using (var c = new ApiClient(url))
        {
            for (int k = 0; k < 5; k++)
            {
                string item = (await c.NextAsync("Ana"))!;
                int? score = k == 2 ? null : 1 + k;
                var saved = await c.SubmitAsync(item, "Ana", score, $"answer {k}");
                acked[saved.GetProperty("id").GetInt64()] = ("Ana", score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unsure");
            }
            server.KillHard();
        }

        // 2. Killed during submissions: three annotators submit as fast as they can; SIGKILL lands mid-flight.
        (server, url) = await ServeProcess.StartAsync(Dir.Path, Args(outputs));
        using (server)
        {
            using (var look = new ApiClient(url)) Assert.Equal(5, (await LogAsync(look)).Count);
            int inFlightFailures = 0;
            using var stop = new CancellationTokenSource();
            var workers = new[] { "Ben", "Cy", "Dee" }.Select(name => Task.Run(async () =>
            {
                using var c = new ApiClient(url);
                await c.CsrfAsync();
                var rng = new Random(name.Length);
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        string? item = await c.NextAsync(name);
                        if (item is null) return;
                        int score = rng.Next(1, 6);
                        var saved = await c.SubmitAsync(item, name, score);
                        acked[saved.GetProperty("id").GetInt64()] = (name, score.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Xunit.Sdk.XunitException)
                    {
                        Interlocked.Increment(ref inFlightFailures);
                        return;
                    }
                }
            })).ToArray();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acked.Count < 5 + 12 && DateTime.UtcNow < deadline && !workers.All(w => w.IsCompleted)) await Task.Delay(5);
            Assert.True(acked.Count >= 5 + 12, $"only {acked.Count} submissions were acknowledged before the kill");
            server.KillHard();
            stop.Cancel();
            await Task.WhenAll(workers);
            Assert.True(inFlightFailures >= 1, "the kill should have cut at least one request");
        }

        // 3. Restarted: everything acknowledged is there (unacknowledged requests may or may not be),
        //    the files are rewritten from the log where the killed server left them behind.
        (server, url) = await ServeProcess.StartAsync(Dir.Path, Args(outputs));
        using (server)
        using (var c = new ApiClient(url))
        {
            var log = await LogAsync(c);
            foreach (var (id, answer) in acked) Assert.True(log.TryGetValue(id, out var got) && got == answer, $"acknowledged submission {id} {answer} is missing or changed");
            EveryFileParsesAndMatchesTheLog(log);
            foreach (string f in Directory.GetFiles(Dir.Combine("evaluations", "human-eval"), "human-eval.json", SearchOption.AllDirectories))
            {
                var r = ScoreFiles.Read(f);
                var latest = r.Annotations!;
                Assert.Equal(HumanConsensus.LowerMedian(latest.Where(a => a.Score is not null).Select(a => a.Score!.Value)), r.Score);
            }
            // Still working after the crashes.
            string? next = await c.NextAsync("Eve");
            Assert.NotNull(next);
            await c.SubmitAsync(next!, "Eve", 4);

            // Ctrl+C: a clean stop, exit 0, the run record written with its outcome.
            Assert.Equal(0, await server.InterruptAsync());
            Assert.Contains("Stopped: 1 submission(s) saved", server.Stdout, StringComparison.Ordinal);
            Assert.EndsWith("Execution status: PASS", server.Stdout.TrimEnd(), StringComparison.Ordinal);
        }
        var runs = Directory.GetFiles(Dir.Combine("evaluations", "human-eval", "_runs"), "*.json").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3, runs.Length);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(runs[^1]));
        var m = manifest.RootElement;
        var valid = Schema.Evaluate(m, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(valid.IsValid, "the run record does not match docs/run-manifest.schema.json");
        Assert.Equal("serve", m.GetProperty("verb").GetString());
        Assert.Equal("passed", m.GetProperty("outcome").GetProperty("status").GetString());
        // The killed runs recorded their start (no outcome): a crash is visible in the records.
        using var first = JsonDocument.Parse(File.ReadAllBytes(runs[0]));
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("outcome").ValueKind);
    }

    [Fact]
    public async Task TokensOnTheCommandLineAreNeverWrittenToTheRunRecordOrTheLogAndTheReviewerLinkAloneOpensReview()
    {
        string outputs = Outputs();
        const string token = "sekrit-token-1234567890", review = "sekrit-review-1234567890";
        var (server, url) = await ServeProcess.StartAsync(Dir.Path, [.. Args(outputs), "--token", token, "--review-token", review]);
        using (server)
        {
            Assert.Contains($"/?token={token}", server.Stdout, StringComparison.Ordinal);
            Assert.Contains($"/review?token={review}", server.Stdout, StringComparison.Ordinal);
            using var c = new ApiClient(url);
            using (var r = await c.Http.GetAsync("/api/session")) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            using (var r = await c.Http.GetAsync($"/?token={token}")) Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
            Assert.NotNull(await c.NextAsync("Tao"));
            using (var r = await c.Http.GetAsync("/review")) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            using (var r = await c.Http.GetAsync($"/review?token={review}")) Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
            using (var r = await c.Http.GetAsync("/api/report/progress")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(0, await server.InterruptAsync());
            Assert.DoesNotContain(token, server.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(review, server.Stderr, StringComparison.Ordinal);
        }
        string run = Directory.GetFiles(Dir.Combine("evaluations", "human-eval", "_runs"), "*.json").Single();
        string text = File.ReadAllText(run);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(review, text, StringComparison.Ordinal);
        Assert.Contains("\"--token\",\n    \"***\"", text, StringComparison.Ordinal);
        Assert.Contains("\"--review-token\",\n    \"***\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondServerOnTheSameEvaluationsFolderIsRefusedWithOneLine()
    {
        string outputs = Outputs();
        var (server, _) = await ServeProcess.StartAsync(Dir.Path, Args(outputs));
        using (server)
        {
            var r = await Task.Run(() =>
            {
                var psi = GapLensProgram.StartInfo(["serve", .. Args(outputs)]);
                psi.RedirectStandardError = psi.RedirectStandardOutput = true;
                psi.WorkingDirectory = Dir.Path;
                using var p = System.Diagnostics.Process.Start(psi)!;
                string err = p.StandardError.ReadToEnd();
                p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return (p.ExitCode, err);
            });
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("another gaplens serve is using", r.err, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", r.err, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(Directory.GetFiles(Dir.Combine("evaluations"), "*.tmp", SearchOption.AllDirectories), f => AtomicFile.IsTempName(Path.GetFileName(f)));
    }
}
