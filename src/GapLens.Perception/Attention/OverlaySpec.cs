using System.Collections.Immutable;
using GapLens.Perception.Annotations;

namespace GapLens.Perception.Attention;

/// <summary>
/// What one overlay shows: a frame of <paramref name="Width"/> x <paramref name="Height"/> pixels (the
/// encoded <paramref name="Background"/> image scaled to it, or a blank canvas), the h x w map drawn
/// as cells over the region it covers (<paramref name="Crop"/>, normalised; null = the whole frame),
/// the boxes with their labels, and a caption line above.
/// </summary>
public sealed record OverlaySpec(
    int Width, int Height, ReadOnlyMemory<float> Map, int MapHeight, int MapWidth, NormalizedBox? Crop,
    ImmutableArray<NormalizedBox> Boxes, ImmutableArray<string> Labels, byte[]? Background, string Caption, double Opacity = 0.6);
