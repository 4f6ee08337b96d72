using System.Collections.Immutable;

namespace GapLens.Slices;

/// <summary>
/// The samples a slice search runs on: dictionary-encoded features, and per sample its outcome class
/// (0 is success, 1.. are the failure kinds named by <see cref="OutcomeClasses"/>), optionally an item
/// id (for examples) and an image path (for thumbnails). Samples whose outcome is excluded (skipped,
/// no outcome) are not in the table; <see cref="OutcomeValues"/> counts them. Immutable.
/// </summary>
public sealed class FeatureTable
{
    public const string SuccessClass = "correct";

    private readonly byte[] _outcome;
    private readonly string[]? _itemIds;
    private readonly string?[]? _images;

    /// <param name="features">The features (each with one code or list per sample).</param>
    /// <param name="outcome">Per sample, its class: 0 success, k &gt;= 1 the failure kind outcomeClasses[k].</param>
    /// <param name="outcomeClasses">The class names: [0] the success class, then the failure kinds (at most 255 classes).</param>
    /// <param name="itemIds">Per sample, its id (or null: none kept).</param>
    /// <param name="images">Per sample, the path of an image (or null: no images).</param>
    public FeatureTable(IEnumerable<FeatureColumn> features, byte[] outcome, IEnumerable<string> outcomeClasses, string[]? itemIds = null, string?[]? images = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(outcomeClasses);
        Features = [.. features];
        OutcomeClasses = [.. outcomeClasses];
        if (OutcomeClasses.Length is < 1 or > 255) throw new ArgumentException("between 1 and 255 outcome classes (the success class first)", nameof(outcomeClasses));
        if (outcome.AsSpan().IndexOfAnyInRange((byte)OutcomeClasses.Length, byte.MaxValue) >= 0) throw new ArgumentException("an outcome is not a class index", nameof(outcome));
        foreach (var f in Features)
        {
            if (f.RowCount != outcome.Length) throw new ArgumentException($"feature {f.Name} has {f.RowCount} samples, the outcome {outcome.Length}", nameof(features));
        }
        if (itemIds is not null && itemIds.Length != outcome.Length) throw new ArgumentException("one item id per sample", nameof(itemIds));
        if (images is not null && images.Length != outcome.Length) throw new ArgumentException("one image path (or null) per sample", nameof(images));
        _outcome = outcome;
        _itemIds = itemIds;
        _images = images;
    }

    public int RowCount => _outcome.Length;

    public ImmutableArray<FeatureColumn> Features { get; }

    /// <summary>[0] the success class, then the failure kinds.</summary>
    public ImmutableArray<string> OutcomeClasses { get; }

    /// <summary>Each outcome value of the input with its rows and meaning (empty for tables built in code).</summary>
    public ImmutableArray<OutcomeValue> OutcomeValues { get; init; } = [];

    /// <summary>Columns of the input that are not features, with the reason.</summary>
    public ImmutableArray<DroppedColumn> Dropped { get; init; } = [];

    /// <summary>Where the table came from (a file path), for the report.</summary>
    public string Source { get; init; } = "";

    /// <summary>The outcome column's name in the input.</summary>
    public string OutcomeColumn { get; init; } = "outcome";

    internal ReadOnlySpan<byte> Outcome => _outcome;

    public int OutcomeAt(int row) => _outcome[row];

    public bool HasItemIds => _itemIds is not null;

    public bool HasImages => _images is not null;

    public string? ItemIdAt(int row) => _itemIds?[row];

    public string? ImageAt(int row) => _images?[row];

    /// <summary>Bytes held by the encoded features and outcomes (not ids or image paths).</summary>
    public long MemoryBytes => _outcome.LongLength + Features.Sum(f => f.MemoryBytes);
}
