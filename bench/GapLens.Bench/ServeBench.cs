using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GapLens.Testing;

/// <summary>
/// <c>GapLens.Bench serve [items] [annotators] [seconds] [gaplens.dll]</c>: the human scoring server
/// (the real <c>gaplens serve</c> process) on a generated experiment of N items with real mp4s. Prints
/// the start time (process start to the first answered request) on an empty log and on a log with
/// every item scored, and the latency of "next item" and "submit" with M annotators submitting
/// concurrently: flat out (no pause, the worst case) and paced (a pause of 0.5-1.5 s between items,
/// still far faster than people), each after a few seconds of warm-up. The clients run on the same
/// machine as the server.
/// </summary>
internal static class ServeBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int items = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        int annotators = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        int seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        string dll = args.Length > 3 ? Path.GetFullPath(args[3]) : FindGaplens();
        string work = Path.Combine(Path.GetTempPath(), "gaplens-serve-bench");
        if (Directory.Exists(work)) Directory.Delete(work, true);
        Directory.CreateDirectory(work);
        var clock = Stopwatch.StartNew();
        int perType = Math.Max(1, items / 40);
        string outputs = VmExperiment.Create(work, "bench", [.. Enumerable.Range(0, 4).Select(i => $"model-{i}")], [.. Enumerable.Range(0, 10).Select(i => $"task{i}_task")], perType);
        items = perType * 40;
        string evaluations = Path.Combine(work, "evaluations");
        Console.WriteLine(Invariant($"made {items:#,0} items (real mp4s) in {clock.Elapsed.TotalSeconds:F1} s; server: {dll}; {Environment.ProcessorCount} cores, clients on the same machine"));

        string[] serveArgs = ["--outputs", outputs, "--evaluations", evaluations, "--port", "0", "--overlap", annotators.ToString(CultureInfo.InvariantCulture)];
        var (server, url, startMs, urlMs) = await StartAsync(dll, serveArgs);
        Console.WriteLine(Invariant($"start, empty log: first answered request after {startMs:F0} ms (address printed after {urlMs:F0} ms)"));
        await LoadAsync(url, annotators, seconds, paced: false);
        await LoadAsync(url, annotators, seconds, paced: true);
        var stop = Stopwatch.StartNew();
        int code = await InterruptAsync(server);
        Console.WriteLine(Invariant($"stop (SIGTERM): exit {code} after {stop.Elapsed.TotalMilliseconds:F0} ms"));

        // Every item scored once more by one annotator, then a restart on the full log and files.
        (server, url, _, _) = await StartAsync(dll, serveArgs);
        await FillAsync(url);
        await InterruptAsync(server);
        int files = Directory.GetFiles(Path.Combine(evaluations, "human-eval"), "human-eval.json", SearchOption.AllDirectories).Length;
        (server, _, startMs, urlMs) = await StartAsync(dll, serveArgs);
        Console.WriteLine(Invariant($"start, {files:#,0} human-eval.json files and their log: first answered request after {startMs:F0} ms (address printed after {urlMs:F0} ms)"));
        await InterruptAsync(server);
        Directory.Delete(work, true);
        return 0;
    }

    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);

    private static string FindGaplens()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string launcherBuild = Path.Combine(d.FullName, ".build", "cli", "gaplens.dll");
            if (File.Exists(launcherBuild)) return launcherBuild;
            string plain = Path.Combine(d.FullName, "src", "GapLens.Cli", "bin", "Release", "net10.0", "gaplens.dll");
            if (File.Exists(plain)) return plain;
        }
        throw new InvalidOperationException("gaplens.dll not found: run ./gaplens once (it builds .build/cli) or pass its path");
    }

    private static async Task<(Process Server, Uri Url, double StartMs, double UrlMs)> StartAsync(string dll, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("serve");
        foreach (string a in args) psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        var p = Process.Start(psi)!;
        var url = new TaskCompletionSource<Uri>();
        double urlMs = 0;
        p.OutputDataReceived += (_, e) =>
        {
            int at = e.Data?.IndexOf("http://", StringComparison.Ordinal) ?? -1;
            if (at < 0) return;
            urlMs = clock.Elapsed.TotalMilliseconds;
            url.TrySetResult(new Uri(e.Data![at..].Split(' ')[0]));
        };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        Uri u = await url.Task.WaitAsync(TimeSpan.FromSeconds(120));
        using var http = new HttpClient { BaseAddress = u };
        while (true)
        {
            try
            {
                using var r = await http.GetAsync("/api/session");
                if (r.StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
        }
        return (p, u, clock.Elapsed.TotalMilliseconds, urlMs);
    }

    private static async Task<int> InterruptAsync(Process p)
    {
        // SIGTERM stops it as Ctrl+C does (SIGINT would be ignored when this bench runs in the background of a shell).
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        await p.WaitForExitAsync();
        int code = p.ExitCode;
        p.Dispose();
        return code;
    }

    private sealed class Client : IDisposable
    {
        private readonly HttpClient _http;
        private string _csrf = "";

        public Client(Uri url) => _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = url };

        public async Task InitAsync()
        {
            using var doc = JsonDocument.Parse(await _http.GetStringAsync("/api/session"));
            _csrf = doc.RootElement.GetProperty("csrf").GetString()!;
        }

        public async Task<JsonDocument> PostAsync(string path, string json)
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            req.Headers.Add("X-GapLens-Csrf", _csrf);
            using var r = await _http.SendAsync(req);
            string text = await r.Content.ReadAsStringAsync();
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)r.StatusCode} {text}");
            return JsonDocument.Parse(text);
        }

        public void Dispose() => _http.Dispose();
    }

    private static async Task LoadAsync(Uri url, int annotators, int seconds, bool paced)
    {
        var next = new List<double>[annotators];
        var submit = new List<double>[annotators];
        var warm = DateTime.UtcNow.AddSeconds(5);
        var end = warm.AddSeconds(seconds);
        var tasks = Enumerable.Range(0, annotators).Select(k => Task.Run(async () =>
        {
            next[k] = [];
            submit[k] = [];
            using var c = new Client(url);
            await c.InitAsync();
            var rng = new Random(k);
            string name = $"{(paced ? "paced" : "flat")}-{k:00}";
            while (DateTime.UtcNow < end)
            {
                bool measured = DateTime.UtcNow >= warm;
                var t = Stopwatch.StartNew();
                using var n = await c.PostAsync("/api/next", $"{{\"annotator\":\"{name}\"}}");
                double nextMs = t.Elapsed.TotalMilliseconds;
                var item = n.RootElement.GetProperty("item");
                if (item.ValueKind == JsonValueKind.Null) break;
                string id = item.GetProperty("id").GetString()!;
                t.Restart();
                using var s = await c.PostAsync("/api/submit", $"{{\"item\":\"{id}\",\"annotator\":\"{name}\",\"score\":{rng.Next(1, 6)},\"unsure\":false,\"comments\":\"\",\"time_spent_ms\":1000,\"blind\":true,\"request_id\":\"{Guid.NewGuid():N}\"}}");
                double submitMs = t.Elapsed.TotalMilliseconds;
                if (measured)
                {
                    next[k].Add(nextMs);
                    submit[k].Add(submitMs);
                }
                if (paced) await Task.Delay(500 + rng.Next(1000));
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var n = next.SelectMany(x => x).Order().ToArray();
        var s = submit.SelectMany(x => x).Order().ToArray();
        string mode = paced ? "paced (0.5-1.5 s between items)" : "flat out (no pause)";
        Console.WriteLine(Invariant($"{annotators} annotators, {mode}, {seconds} s measured: {s.Length:#,0} submissions ({s.Length / (double)seconds:F0}/s)"));
        Console.WriteLine(Invariant($"  next item  p50 {P(n, 0.50):F2} ms  p90 {P(n, 0.90):F2} ms  p99 {P(n, 0.99):F2} ms  max {n[^1]:F2} ms"));
        Console.WriteLine(Invariant($"  submission p50 {P(s, 0.50):F2} ms  p90 {P(s, 0.90):F2} ms  p99 {P(s, 0.99):F2} ms  max {s[^1]:F2} ms"));
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    /// <summary>One annotator scores every item (to measure a restart on a full log).</summary>
    private static async Task FillAsync(Uri url)
    {
        var tasks = Enumerable.Range(0, 8).Select(k => Task.Run(async () =>
        {
            using var c = new Client(url);
            await c.InitAsync();
            while (true)
            {
                using var n = await c.PostAsync("/api/next", "{\"annotator\":\"filler\"}");
                var item = n.RootElement.GetProperty("item");
                if (item.ValueKind == JsonValueKind.Null) return;
                using var _ = await c.PostAsync("/api/submit", $"{{\"item\":\"{item.GetProperty("id").GetString()}\",\"annotator\":\"filler\",\"score\":3,\"request_id\":\"{Guid.NewGuid():N}\"}}");
            }
        })).ToArray();
        await Task.WhenAll(tasks);
    }
}
