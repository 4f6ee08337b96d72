using System.Collections.Immutable;
using System.Text;
using GapLens.Core.Runs;
using GapLens.IO.Json;

namespace GapLens.IO.Tests.Json;

/// <summary>Run records are written by <see cref="RunManifestJson"/>; the serializer (which still reads
/// them) is the oracle: same bytes, indented and on one line, for a record that sets every property
/// and for one that sets only the required ones.</summary>
public sealed class RunManifestJsonTests
{
    private static RunManifest Full() => new()
    {
        Format = "gaplens.run/test",
        Tool = new RunTool("gaplens", "0.1.0", "abc123"),
        Verb = "gap_analysis vcn_aoi",
        CommandLine = ["gap_analysis", "vcn_aoi", "results_dir=/tmp/out dir/ü", "--api-key-env=\"X\""],
        Options = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [new KeyValuePair<string, string?>("b_option", "2"), new("a_option", null), new("ümlaut \"key\"", "<value> & more\u0001")]),
        Inputs = [new RunFile("/data/in.csv", RunFileKind.File, 242768368, "220f1bd33b3210c029b39ed6dbca80d2", null, "inference_csv"),
                  new RunFile("/data/frames", RunFileKind.Folder, 1234, "00ff", 17, "frames"),
                  new RunFile("/data/gone", RunFileKind.Missing, 0, null)],
        Outputs = [new RunFile("report.html", RunFileKind.File, 8501, "b517")],
        Seed = ulong.MaxValue,
        Judge = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("model", "judge-1"), new("prompt_sha256", "ff")]),
        Host = new RunHost("Debian GNU/Linux 12 (bookworm)", ".NET 10.0.12", 2),
        StartedUtc = new DateTimeOffset(2026, 11, 30, 23, 41, 19, TimeSpan.Zero).AddTicks(4418770),
        EndedUtc = new DateTimeOffset(2026, 12, 1, 0, 41, 20, TimeSpan.FromHours(1)).AddTicks(3387658),
        Outcome = new RunResult(RunStatus.GateFailed, 1, "headline \"quoted\"", "message\nline two"),
    };

    private static RunManifest Minimal() => new()
    {
        Tool = new RunTool("gaplens", "0.1.0", null),
        Verb = "judge",
        CommandLine = [],
        Options = ImmutableSortedDictionary<string, string?>.Empty,
        Inputs = [],
        Host = new RunHost("linux", ".NET", 1),
        StartedUtc = DateTimeOffset.UnixEpoch,
    };

    public static TheoryData<string, bool> Cases() => new() { { "full", true }, { "full", false }, { "minimal", true }, { "minimal", false } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ByteIdenticalToTheSerializer(string which, bool indented)
    {
        var m = which == "full" ? Full() : Minimal();
        byte[] expected = GapLensJson.Serialize(m, indented);
        byte[] actual = RunManifestJson.Serialize(m, indented);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(RunStatus.Passed)]
    [InlineData(RunStatus.UserError)]
    [InlineData(RunStatus.InternalError)]
    [InlineData(RunStatus.Cancelled)]
    public void EveryStatusIsSpelledAsTheSerializerSpellsIt(RunStatus status)
    {
        var m = Full() with { Outcome = new RunResult(status, 2, null, null) };
        Assert.Equal(GapLensJson.Serialize(m), RunManifestJson.Serialize(m));
    }

    [Fact]
    public void WhatItWritesReadsBack()
    {
        var back = GapLensJson.ReadManifest(RunManifestJson.Serialize(Full()));
        Assert.NotNull(back);
        Assert.Equal(Full().Outputs.ToArray(), back.Outputs.ToArray());
        Assert.Equal(Full().StartedUtc, back.StartedUtc);
        Assert.Equal(ulong.MaxValue, back.Seed);
    }
}
