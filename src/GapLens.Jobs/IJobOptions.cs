using GapLens.Core.Config;

namespace GapLens.Jobs;

/// <summary>A job's options: they describe themselves for the run record (every option, defaults
/// filled in, as text; credentials redacted) and list every numeric option with the range it
/// accepts, which the job checks first (<see cref="BoundedValue.CheckAll"/>): a value out of range is a
/// user error naming the option, the value and the range, whoever built the options.</summary>
public interface IJobOptions
{
    IEnumerable<KeyValuePair<string, string?>> Describe();

    /// <summary>Every numeric option with its declared range (empty when there is none).</summary>
    IEnumerable<BoundedValue> Numbers();
}
