namespace GapLens.IO.Parquet;

/// <summary>One row of kpi_gaps.parquet.</summary>
public sealed record KpiGapRow(string Filepath, string Label, double SiameseScore, double Weakness);
