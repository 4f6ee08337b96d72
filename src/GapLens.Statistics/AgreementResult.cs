namespace GapLens.Statistics;

/// <summary>A kappa (or alpha) with its Landis-Koch band, or null with the reason when undefined.</summary>
public sealed record AgreementResult(double? Value, string? Band, string? UndefinedReason = null)
{
    public static AgreementResult Of(double v) => new(v, LandisKoch(v));

    public static AgreementResult Undefined(string reason) => new(null, null, reason);

    /// <summary>Landis and Koch (1977): poor &lt; 0, slight to 0.20, fair to 0.40, moderate to 0.60,
    /// substantial to 0.80, almost perfect above.</summary>
    public static string LandisKoch(double k) => k switch
    {
        < 0 => "poor",
        <= 0.20 => "slight",
        <= 0.40 => "fair",
        <= 0.60 => "moderate",
        <= 0.80 => "substantial",
        _ => "almost perfect",
    };
}
