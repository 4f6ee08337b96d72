using System.Collections.Concurrent;
using System.Net;
using GapLens.Judging.Folders;
using GapLens.Judging.Human;

namespace GapLens.Web.Tests;

/// <summary>
/// A bounded load test on 127.0.0.1: 50 simulated annotators ask for items and submit as fast as they
/// can for 20 seconds, some requests sent twice (a retry after a lost answer); afterwards the log holds
/// exactly the acknowledged submissions, none lost, none twice, and the files agree with it.
/// (Not a speed test: the figures are in docs/benchmarks.md.)
/// </summary>
public sealed class LoadTests
{
    [Fact]
    public async Task FiftyAnnotatorsSubmittingFor20SecondsLoseNothingAndDuplicateNothing()
    {
        await using var s = await ServeHarness.StartAsync(overlap: 50, tasks: 25);
        var acked = new ConcurrentDictionary<string, long>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int retries = 0;
        var annotators = Enumerable.Range(0, 50).Select(k => Task.Run(async () =>
        {
            string name = $"load-{k:00}";
            using var c = s.Client();
            var rng = new Random(k);
            var mine = new List<string>();
            while (DateTime.UtcNow < deadline)
            {
                // Mostly new items; when none is left, go back and answer an earlier one again.
                string? item = await c.NextAsync(name);
                if (item is null) item = mine[rng.Next(mine.Count)];
                else mine.Add(item);
                string rid = $"{name}-{Guid.NewGuid():N}";
                var saved = await c.SubmitAsync(item, name, rng.Next(0, 6) is 0 ? null : rng.Next(1, 6), requestId: rid);
                long id = saved.GetProperty("id").GetInt64();
                Assert.True(acked.TryAdd(rid, id));
                if (rng.Next(20) == 0)
                {
                    // The same request again: the server answers with the first one's id, and stores nothing new.
                    var again = await c.SubmitAsync(item, name, 1, requestId: rid);
                    Assert.Equal(id, again.GetProperty("id").GetInt64());
                    Interlocked.Increment(ref retries);
                }
            }
        })).ToArray();
        await Task.WhenAll(annotators);

        var log = s.Scoring.Items.SelectMany(s.Scoring.LogOf).ToList();
        Assert.True(acked.Count > 500, $"only {acked.Count} submissions in 20 s");
        Assert.True(retries > 0);
        Assert.Equal(acked.Count, log.Count);
        Assert.Equal(log.Count, log.Select(x => x.Id).Distinct().Count());
        Assert.Equal(log.Count, log.Select(x => x.RequestId).Distinct().Count());
        var byRequest = log.ToDictionary(x => x.RequestId!, x => x.Id);
        foreach (var (rid, id) in acked) Assert.Equal(id, byRequest[rid]);
        await s.Scoring.FilesWrittenAsync();
        foreach (var item in s.Scoring.Items)
        {
            var latest = s.Scoring.LatestOf(item);
            if (latest.Count == 0) continue;
            var file = ScoreFiles.Read(HumanConsensus.FilePath(s.Evaluations, item.Key));
            Assert.Equal(latest.Select(x => (x.Annotator, x.Score)), file.Annotations!.Select(a => (a.Annotator, a.Score)));
        }
        Assert.Equal(HttpStatusCode.OK, (await s.Client().Http.GetAsync("/api/progress")).StatusCode);
    }
}
