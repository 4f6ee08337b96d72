using GapLens.Core.Runs;

namespace GapLens.Jobs.Tests;

public sealed class RunRecordTests
{
    [Fact]
    public void CredentialsInTheCommandLineOptionsAndJudgeNeverReachTheRecord()
    {
        var record = new RunRecord("judge", ["judge", "--base-url", "https://alice:s3cret@api.example.com/v1?api-key=k3y", "--base-url=http://bob:pw@h:1/v1"]);
        record.SetOptions([new("base_url", "https://alice:s3cret@api.example.com/v1?api-key=k3y")]);
        record.SetJudge([new("base_url", "https://alice:s3cret@api.example.com/v1"), new("model", "m")]);
        var m = record.ToManifest([], [], new RunResult(RunStatus.Passed, 0, null, null));
        string json = GapLens.IO.Json.GapLensJson.SerializeToString(m);
        foreach (string secret in new[] { "s3cret", "k3y", "alice", "bob", ":pw@" }) Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        Assert.Equal("https://***@api.example.com/v1?api-key=***", m.CommandLine[2]);
        Assert.Equal("--base-url=http://***@h:1/v1", m.CommandLine[3]);
        Assert.Equal("m", m.Judge!["model"]);
    }

    [Fact]
    public void TheToolIsNamedWithItsVersionAndTheCommitItWasBuiltFrom()
    {
        Assert.Equal("gaplens", RunRecord.Tool.Name);
        Assert.Matches(@"^\d+\.\d+\.\d+", RunRecord.Tool.Version);
        Assert.Matches("^[0-9a-f]{40}$", RunRecord.Tool.Commit!);
    }
}
