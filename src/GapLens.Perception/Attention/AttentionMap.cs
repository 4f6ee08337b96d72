using System.Collections.Immutable;
using GapLens.Perception.Annotations;

namespace GapLens.Perception.Attention;

/// <summary>
/// One question's attention (or saliency) maps, in memory: <see cref="Values"/> holds
/// [layer][head][frame][y][x] in C order (a missing layer or head axis has size 1), row y = 0 at the
/// top of the frame and column x = 0 at its left. <see cref="FrameIds"/> names the video frame each
/// map frame was computed on. <see cref="Crop"/> is the part of the frame the map covers (normalised
/// [x1, y1, x2, y2]); null for the whole frame. Layer and head names label the axes in results.
/// </summary>
public sealed record AttentionMap
{
    public AttentionMap(AttentionMapKey key, ImmutableArray<int> frameIds, int layers, int heads, int height, int width, ReadOnlyMemory<float> values,
        ImmutableArray<string> layerNames, ImmutableArray<string> headNames, NormalizedBox? crop = null)
    {
        if (layers < 1 || heads < 1 || height < 1 || width < 1) throw new ArgumentException("every axis needs at least one entry");
        if (frameIds.IsDefaultOrEmpty) throw new ArgumentException("at least one frame", nameof(frameIds));
        if (values.Length != (long)layers * heads * frameIds.Length * height * width)
        {
            throw new ArgumentException($"{values.Length} values do not fill {layers}x{heads}x{frameIds.Length}x{height}x{width}", nameof(values));
        }
        if (layerNames.Length != layers || headNames.Length != heads) throw new ArgumentException("one name per layer and per head");
        Key = key;
        FrameIds = frameIds;
        Layers = layers;
        Heads = heads;
        Height = height;
        Width = width;
        Values = values;
        LayerNames = layerNames;
        HeadNames = headNames;
        Crop = crop;
    }

    public AttentionMapKey Key { get; }

    public ImmutableArray<int> FrameIds { get; }

    public int Layers { get; }

    public int Heads { get; }

    public int Height { get; }

    public int Width { get; }

    public ReadOnlyMemory<float> Values { get; }

    public ImmutableArray<string> LayerNames { get; }

    public ImmutableArray<string> HeadNames { get; }

    public NormalizedBox? Crop { get; }

    public int Frames => FrameIds.Length;

    public int Cells => Height * Width;

    /// <summary>The h x w map of one layer, head and frame.</summary>
    public ReadOnlySpan<float> Slice(int layer, int head, int frame) =>
        Values.Span.Slice(((layer * Heads + head) * Frames + frame) * Cells, Cells);
}
