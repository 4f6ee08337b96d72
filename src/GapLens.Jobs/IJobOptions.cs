namespace GapLens.Jobs;

/// <summary>A job's options: they describe themselves for the run record (every option, defaults
/// filled in, as text; credentials redacted).</summary>
public interface IJobOptions
{
    IEnumerable<KeyValuePair<string, string?>> Describe();
}
