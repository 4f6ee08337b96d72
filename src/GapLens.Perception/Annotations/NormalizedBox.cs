namespace GapLens.Perception.Annotations;

/// <summary>A box in normalised frame coordinates, [x1, y1, x2, y2] with 0 = left/top and 1 =
/// right/bottom, already clipped to [0, 1]. A box with x2 &lt;= x1 or y2 &lt;= y1 is empty.</summary>
public readonly record struct NormalizedBox(double X1, double Y1, double X2, double Y2)
{
    public double Area => Math.Max(0, X2 - X1) * Math.Max(0, Y2 - Y1);

    public bool IsEmpty => !(X2 > X1 && Y2 > Y1);
}
