namespace GapLens.Core.Json;

/// <summary>
/// A JSON value as Python's <c>json.load</c> holds it, kept so it can be written back exactly as
/// <c>json.dumps</c> would: numbers keep their literal (int vs float decides the output form), objects
/// keep first-insertion key order with the last duplicate's value.
/// </summary>
public abstract record PyJsonValue
{
    /// <summary>The JSON type name used in messages: string, number, boolean, null, array, object.</summary>
    public abstract string TypeName { get; }
}
