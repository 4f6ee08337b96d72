using Parquet;
using Parquet.Schema;

namespace GapLens.IO.Parquet;

/// <summary>
/// kpi_gaps.parquet as TAO's pandas/pyarrow writes it: columns filepath (string), label (string),
/// siamese_score (double), weakness (double), all optional like pyarrow's; an empty result still has
/// the four typed columns.
/// </summary>
public static class KpiGapsParquet
{
    public static readonly DataField<string> Filepath = new("filepath", true);
    public static readonly DataField<string> Label = new("label", true);
    public static readonly DataField<double?> SiameseScore = new("siamese_score", true);
    public static readonly DataField<double?> Weakness = new("weakness", true);
    public static readonly ParquetSchema Schema = new(Filepath, Label, SiameseScore, Weakness);

    public static async Task WriteAsync(Stream stream, IReadOnlyList<KpiGapRow> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: ct).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(Filepath, rows.Select(r => r.Filepath).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(Label, rows.Select(r => r.Label).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<double>(SiameseScore, rows.Select(r => (double?)r.SiameseScore).ToArray(), cancellationToken: ct).ConfigureAwait(false);
        await group.WriteAsync<double>(Weakness, rows.Select(r => (double?)r.Weakness).ToArray(), cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>The file's bytes (a few hundred rows: small), so a job can make them beside other work and stage them later.</summary>
    public static async Task<byte[]> ToBytesAsync(IReadOnlyList<KpiGapRow> rows, CancellationToken ct = default)
    {
        using var memory = new MemoryStream();
        await WriteAsync(memory, rows, ct).ConfigureAwait(false);
        return memory.ToArray();
    }

    /// <summary>Reads a kpi_gaps.parquet back (for tests and the report).</summary>
    public static async Task<IReadOnlyList<KpiGapRow>> ReadAsync(Stream stream, CancellationToken ct = default)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        var rows = new List<KpiGapRow>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = (int)group.RowCount;
            var f = new string?[n];
            var l = new string?[n];
            var s = new double?[n];
            var w = new double?[n];
            await group.ReadAsync(Filepath, f.AsMemory(), cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync(Label, l.AsMemory(), cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<double>(SiameseScore, s.AsMemory(), cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<double>(Weakness, w.AsMemory(), cancellationToken: ct).ConfigureAwait(false);
            for (int i = 0; i < n; i++) rows.Add(new KpiGapRow(f[i] ?? "", l[i] ?? "", s[i]!.Value, w[i]!.Value));
        }
        return rows;
    }
}
