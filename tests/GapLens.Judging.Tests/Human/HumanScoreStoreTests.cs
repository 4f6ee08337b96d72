using GapLens.Core;
using GapLens.Judging.Human;
using GapLens.Testing;
using Microsoft.Data.Sqlite;

namespace GapLens.Judging.Tests.Human;

public sealed class HumanScoreStoreTests : TempDirTest
{
    private static readonly ItemKey Item = new("exp", "model-a", "maze_task", "maze_0000");

    private static HumanSubmission New(string annotator, int? score, string? requestId = null, string comments = "") =>
        new(0, Item, annotator, score, comments, DateTimeOffset.Parse("2026-11-20T10:00:00.1234567Z", System.Globalization.CultureInfo.InvariantCulture),
            1500, true, "session-1", SubmissionSource.Annotate, requestId);

    [Fact]
    public void TheStoreRunsInWalModeWithSynchronousFull()
    {
        using var store = HumanScoreStore.Open(Dir.Combine("s", HumanScoreStore.FileName));
        Assert.Equal(("wal", 2), store.Durability);
    }

    [Fact]
    public void SubmissionsReadBackAfterReopeningWithEveryFieldToTheMillisecond()
    {
        string path = Dir.Combine("s", HumanScoreStore.FileName);
        using (var store = HumanScoreStore.Open(path))
        {
            var stored = store.Append([New("Ana", 4, "req-00000001", "fine"), New("Ben", null, "req-00000002") with { Blind = null, TimeSpentMs = null, Source = SubmissionSource.Review }], []);
            Assert.Equal([1L, 2L], stored.Select(s => s.Submission.Id));
            Assert.All(stored, s => Assert.True(s.IsNew));
        }
        using var again = HumanScoreStore.Open(path);
        var all = again.ReadSubmissions();
        Assert.Equal(2, all.Count);
        Assert.Equal(New("Ana", 4, "req-00000001", "fine") with { Id = 1, SubmittedUtc = DateTimeOffset.Parse("2026-11-20T10:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture) }, all[0]);
        Assert.Equal((null, true, null, null, SubmissionSource.Review), (all[1].Score, all[1].Unsure, all[1].Blind, all[1].TimeSpentMs, all[1].Source));
    }

    [Fact]
    public void ARepeatedRequestIdIsStoredOnceAndAnswersWithTheFirstRecord()
    {
        using var store = HumanScoreStore.Open(Dir.Combine("s", HumanScoreStore.FileName));
        var first = Assert.Single(store.Append([New("Ana", 4, "req-00000001")], []));
        var again = store.Append([New("Ana", 1, "req-00000001"), New("Ana", 2, "req-00000002")], []);
        Assert.False(again[0].IsNew);
        Assert.Equal(first.Submission, again[0].Submission);
        Assert.True(again[1].IsNew);
        Assert.Equal(2, store.ReadSubmissions().Count);
    }

    [Fact]
    public void TheLogRefusesUpdatesAndDeletes()
    {
        string path = Dir.Combine("s", HumanScoreStore.FileName);
        using (var store = HumanScoreStore.Open(path))
        {
            store.Append([New("Ana", 4)], [new Assignment(Item, "Ana", "s", DateTimeOffset.UnixEpoch, false)]);
        }
        using var raw = new SqliteConnection($"Data Source={path};Pooling=False");
        raw.Open();
        foreach (string sql in new[] { "UPDATE submissions SET score = 1", "DELETE FROM submissions", "UPDATE assignments SET released = 1", "DELETE FROM assignments" })
        {
            using var cmd = raw.CreateCommand();
            cmd.CommandText = sql;
            var ex = Assert.Throws<SqliteException>(() => cmd.ExecuteNonQuery());
            Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AssignmentsAndTheFileWatermarkAreKept()
    {
        string path = Dir.Combine("s", HumanScoreStore.FileName);
        var a = new Assignment(Item, "Ana", "s1", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), false);
        byte[] secret;
        using (var store = HumanScoreStore.Open(path))
        {
            Assert.Equal(0, store.FilesSyncedThrough);
            store.Append([], [a, a with { Released = true }], 7);
            secret = store.Secret;
            Assert.Equal(32, secret.Length);
        }
        using var again = HumanScoreStore.Open(path);
        Assert.Equal([a, a with { Released = true }], again.ReadAssignments());
        Assert.Equal(7, again.FilesSyncedThrough);
        Assert.Equal(secret, again.Secret);
    }

    [Fact]
    public void ASecondOpenerIsTurnedAwayWithOneLine()
    {
        string path = Dir.Combine("s", HumanScoreStore.FileName);
        using var store = HumanScoreStore.Open(path);
        var ex = Assert.Throws<UserInputException>(() => HumanScoreStore.Open(path));
        Assert.StartsWith("another gaplens serve is using", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotAStoreIsAUserError()
    {
        string path = Dir.File(Path.Combine("s", HumanScoreStore.FileName), "this is not a database, just text that is long enough to look like a header...............");
        var ex = Assert.Throws<UserInputException>(() => HumanScoreStore.Open(path));
        Assert.Contains("not a usable human score store", ex.Message, StringComparison.Ordinal);
    }
}
