using GapLens.IO.Documents;
using GapLens.Slices;

namespace GapLens.Jobs.Slices;

/// <summary>slices.json from a slice search and the table it ran on (for the predicates' names and values).</summary>
public static class SlicesDocumentBuilder
{
    public static SlicesDocument Build(SliceAnalysis a, FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(table);
        SliceDocument Doc(Slice s) => new(s.Label,
            [.. s.Predicates.Select(p => new SlicePredicateDocument(table.Features[p.Feature].Name, Kind(table.Features[p.Feature].Kind), table.Features[p.Feature].Values[p.Value]))],
            s.Size, s.Failures, s.FailureRate, s.FailureRateCi, s.RestSize, s.RestFailures, s.RestFailureRate, s.RestFailureRateCi,
            s.Difference, s.DifferenceCi, s.PValue, s.Test, s.QValue, s.Gain, s.GainCi, s.Driver,
            [.. s.Kinds.Select(k => new SliceKindDocument(k.Kind, k.Count, k.Rate, k.RestCount, k.RestRate, k.Difference, k.DifferenceCi))],
            [.. s.Parents.Select(p => new SliceParentDocument(p.Parent, p.OtherSize, p.OtherRate, p.Difference, p.PValue, p.Test))]);
        return new SlicesDocument
        {
            Source = a.Source,
            OutcomeColumn = a.OutcomeColumn,
            Samples = a.Rows,
            Failures = a.Failures,
            Classes = a.Classes,
            ClassTotals = a.ClassTotals,
            FailureRate = a.FailureRate,
            FailureRateCi = a.FailureRateCi,
            MaxOrder = a.MaxOrder,
            MinSupport = a.MinSupport,
            Alpha = a.Alpha,
            Tested = a.Tested,
            TestedByOrder = [.. a.TestedByOrder.Skip(1).Take(a.MaxOrder)],
            SignificantWorse = a.SignificantWorse,
            SignificantWorseKept = a.SignificantWorseKept,
            SignificantBetter = a.SignificantBetter,
            QValueCutoff = a.QValueCutoff,
            WorseForSure = [.. a.WorseForSure.Select(Doc)],
            BiggestGain = [.. a.BiggestGain.Select(Doc)],
            Better = [.. a.Better.Select(Doc)],
            NearMisses = [.. a.NearMisses.Select(Doc)],
            Features = [.. a.Features.Select(f => new SliceFeatureDocument(f.Name, Kind(f.Kind), f.Values, f.Predicates, f.Description))],
            OutcomeValues = [.. a.OutcomeValues.Select(v => new SliceOutcomeValueDocument(v.Value, v.Rows, v.Meaning))],
        };
    }

    private static string Kind(FeatureKind k) => k.ToString().ToLowerInvariant();
}
