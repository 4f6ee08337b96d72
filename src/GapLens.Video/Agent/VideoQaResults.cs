using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Parsing;
using GapLens.Core.Results;
using GapLens.Core.VideoQa;
using GapLens.IO.Documents;
using GapLens.Video.Metrics;

namespace GapLens.Video.Agent;

/// <summary>
/// Turns the agent's conversation about a question into its result line: the final text read with
/// the multiple-choice parser restricted to the question's options (fenced JSON first, then "answer
/// is X", then a lone letter; none or conflicting letters = unanswered, never a guess), compared with
/// the gold letter; diagnostics for everything unusual; metadata for failure slices.
/// </summary>
public static class VideoQaResults
{
    public static VideoQaResultDocument Build(QaItem item, VideoSource video, AgentRun run, string model, string agent, string runId,
        DateTimeOffset started, double latencyMs, double toleranceSeconds)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(run);
        var parser = new MultipleChoiceAnswerParser(item.Options);
        var extraction = run.FinalText is { } text
            ? parser.Extract(text)
            : AnswerExtraction.None(parser.Name, run.FinalCalledTools ? "no final text: the model called tools when asked to answer" : "no final text");
        var outcome = !extraction.Found ? SampleOutcome.Unanswered : extraction.Answer == item.Answer ? SampleOutcome.Correct : SampleOutcome.Wrong;
        var diagnostics = ImmutableArray.CreateBuilder<string>();
        if (extraction.Diagnostic is { } d) diagnostics.Add("answer: " + d);
        if (run.RoundLimitReached) diagnostics.Add(string.Create(CultureInfo.InvariantCulture, $"round limit reached ({run.Rounds} rounds): asked for the answer"));
        if (run.FinalCalledTools) diagnostics.Add(VideoQaMetricsCalculator.FinalCalledToolsDiagnostic + " (ignored)");
        int toolErrors = run.ToolCalls.Count(c => c.Status != "success");
        if (toolErrors > 0) diagnostics.Add(string.Create(CultureInfo.InvariantCulture, $"{toolErrors} tool call(s) answered with an error"));
        int missing = run.ToolCalls.Sum(c => c.MissingImages.Length);
        if (missing > 0) diagnostics.Add(string.Create(CultureInfo.InvariantCulture, $"{missing} retrieved frame(s) had no readable image"));
        double duration = item.DurationSeconds ?? video.TotalFrames / video.Fps;
        var doc = new VideoQaResultDocument
        {
            ItemId = item.Uid,
            Outcome = outcome,
            RawOutput = run.FinalText,
            ExtractedAnswer = extraction.Answer,
            ExtractionMethod = extraction.Found ? extraction.Method : null,
            Expected = item.Answer,
            Score = outcome switch { SampleOutcome.Correct => 1, SampleOutcome.Wrong => 0, _ => null },
            Diagnostics = diagnostics.ToImmutable(),
            Key = item.Key,
            Question = item.Question,
            Options = [.. item.Options.Select(c => c.ToString())],
            QuestionTypes = item.QuestionTypes,
            TimeReference = item.TimeReference,
            ReferenceStart = item.Window?.Start,
            ReferenceEnd = item.Window?.End,
            DurationSeconds = duration,
            Genre = item.Genre,
            Fps = video.Fps,
            FramesDir = video.Frames.Directory,
            TotalFrames = video.TotalFrames,
            Rounds = run.Rounds,
            RoundLimitReached = run.RoundLimitReached,
            ModelCalls = run.ModelCalls,
            ToolCalls = run.ToolCalls,
            Conversation = run.Conversation,
            Usage = run.Usage,
            LatencyMs = latencyMs,
            ModelMs = run.ModelMs,
            ToolMs = run.ToolMs,
            Model = model,
            Agent = agent,
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
            RunId = runId,
        };
        var retrieval = RetrievalScoring.Of(doc, toleranceSeconds);
        var metadata = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        metadata["key"] = item.Key;
        metadata["question_type"] = string.Join('|', item.QuestionTypes);
        metadata["duration_bucket"] = DurationBuckets.Of(duration);
        if (item.Genre is not null) metadata["genre"] = item.Genre;
        metadata["retrieval"] = retrieval is null ? "n/a" : retrieval.Hit ? "hit" : "miss";
        metadata["round_limit"] = run.RoundLimitReached ? "reached" : "not reached";
        metadata["model"] = model;
        return doc with { Metadata = metadata.ToImmutable() };
    }
}
