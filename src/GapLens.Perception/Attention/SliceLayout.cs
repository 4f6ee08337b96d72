using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using GapLens.Core;

namespace GapLens.Perception.Attention;

/// <summary>
/// The slices scored for maps of one shape: every layer and head, each layer's mean over heads, and
/// the mean over everything (when there is more than one layer). Every map of a run must have the
/// same layers and heads; the first one sets them.
/// </summary>
internal sealed class SliceLayout
{
    private readonly (int Layer, int Head)[] _source; // head -1: mean over heads; layer -1: mean over all

    public SliceLayout(AttentionMap first, bool meanSlices)
    {
        Layers = first.Layers;
        Heads = first.Heads;
        LayerNames = first.LayerNames;
        HeadNames = first.HeadNames;
        var slices = ImmutableArray.CreateBuilder<AttentionSlice>();
        var source = new List<(int, int)>();
        for (int l = 0; l < Layers; l++)
        {
            string? layer = Layers > 1 ? LayerNames[l] : null;
            for (int h = 0; h < Heads; h++)
            {
                string? head = Heads > 1 ? HeadNames[h] : null;
                slices.Add(new AttentionSlice(slices.Count, Name(layer, head), layer, head));
                source.Add((l, h));
            }
            if (Heads > 1 && meanSlices)
            {
                slices.Add(new AttentionSlice(slices.Count, Name(layer, "mean"), layer, "mean"));
                source.Add((l, -1));
            }
        }
        if (Layers > 1 && meanSlices)
        {
            slices.Add(new AttentionSlice(slices.Count, Heads > 1 ? "mean of all layers and heads" : "mean of all layers", "mean", Heads > 1 ? "mean" : null));
            source.Add((-1, -1));
        }
        Slices = slices.ToImmutable();
        _source = [.. source];
    }

    public int Layers { get; }

    public int Heads { get; }

    public ImmutableArray<string> LayerNames { get; }

    public ImmutableArray<string> HeadNames { get; }

    public ImmutableArray<AttentionSlice> Slices { get; }

    private static string Name(string? layer, string? head) => (layer, head) switch
    {
        (null, null) => "map",
        (null, "mean") => "mean of heads",
        (null, _) => $"head {head}",
        (_, null) => $"layer {layer}",
        (_, "mean") => $"layer {layer} / mean of heads",
        _ => $"layer {layer} / head {head}",
    };

    /// <summary>A user error when a map's layers or heads differ from the first map's.</summary>
    public void Check(AttentionMap map, AttentionMapKey firstKey)
    {
        if (map.Layers != Layers || map.Heads != Heads || !map.LayerNames.SequenceEqual(LayerNames) || !map.HeadNames.SequenceEqual(HeadNames))
        {
            throw new UserInputException(
                $"attention maps of video {map.Key.VideoId} question {map.Key.QuestionId} have {map.Layers} layers [{string.Join(", ", map.LayerNames)}] and {map.Heads} heads; " +
                $"those of video {firstKey.VideoId} question {firstKey.QuestionId} have {Layers} layers [{string.Join(", ", LayerNames)}] and {Heads} heads. All maps of a run must come from the same layers and heads.");
        }
    }

    /// <summary>The map of slice <paramref name="slice"/> at frame <paramref name="frame"/>; a mean slice is computed into <paramref name="scratch"/>.</summary>
    public ReadOnlySpan<float> Get(AttentionMap map, int frame, int slice, float[] scratch)
    {
        var (layer, head) = _source[slice];
        if (head >= 0) return map.Slice(layer, head, frame);
        var sum = scratch.AsSpan(0, map.Cells);
        sum.Clear();
        int count = 0;
        for (int l = 0; l < Layers; l++)
        {
            if (layer >= 0 && l != layer) continue;
            for (int h = 0; h < Heads; h++)
            {
                var m = map.Slice(l, h, frame);
                for (int i = 0; i < sum.Length; i++) sum[i] += m[i];
                count++;
            }
        }
        float scale = 1f / count;
        for (int i = 0; i < sum.Length; i++) sum[i] *= scale;
        return sum;
    }
}
