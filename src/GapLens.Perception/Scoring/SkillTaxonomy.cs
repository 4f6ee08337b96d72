using System.Collections.Frozen;
using System.Collections.Immutable;

namespace GapLens.Perception.Scoring;

/// <summary>
/// The starter kit's fixed categories: the four areas, the four reasoning types and the 34 skill
/// tags, in the starter kit's order (its CAT = AREA + REASONING + TAG), and the fixed map from tag to
/// area. A question's areas are derived from its tags through this map, each area counted once per
/// question; the annotation's own 'area' field is not used.
/// </summary>
public static class SkillTaxonomy
{
    public static ImmutableArray<string> Areas { get; } = ["physics", "semantics", "abstraction", "memory"];

    public static ImmutableArray<string> ReasoningTypes { get; } = ["descriptive", "counterfactual", "explanatory", "predictive"];

    public static ImmutableArray<string> Tags { get; } =
    [
        "motion", "place recognition", "action counting", "spatial relations", "object recognition",
        "action recognition", "distractor action", "distractor object", "state recognition", "object counting",
        "change detection", "sequencing", "task completion", "adversarial action", "collision",
        "object attributes", "pattern breaking", "feature matching", "pattern discovery", "part recognition",
        "material", "event recall", "containment", "occlusion", "solidity", "object permanence",
        "colour recognition", "conservation", "quantity", "event counting", "language",
        "visual discrimination", "general knowledge", "stability",
    ];

    /// <summary>Tag to area (spec 04 and the starter kit's TAG_AREA).</summary>
    public static FrozenDictionary<string, string> TagArea { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["change detection"] = "memory",
        ["event recall"] = "memory",
        ["sequencing"] = "memory",
        ["visual discrimination"] = "memory",
        ["action counting"] = "abstraction",
        ["event counting"] = "abstraction",
        ["feature matching"] = "abstraction",
        ["object counting"] = "abstraction",
        ["pattern breaking"] = "abstraction",
        ["pattern discovery"] = "abstraction",
        ["collision"] = "physics",
        ["conservation"] = "physics",
        ["containment"] = "physics",
        ["material"] = "physics",
        ["motion"] = "physics",
        ["occlusion"] = "physics",
        ["object attributes"] = "physics",
        ["object permanence"] = "physics",
        ["quantity"] = "physics",
        ["solidity"] = "physics",
        ["spatial relations"] = "physics",
        ["stability"] = "physics",
        ["action recognition"] = "semantics",
        ["adversarial action"] = "semantics",
        ["colour recognition"] = "semantics",
        ["distractor action"] = "semantics",
        ["distractor object"] = "semantics",
        ["general knowledge"] = "semantics",
        ["language"] = "semantics",
        ["object recognition"] = "semantics",
        ["part recognition"] = "semantics",
        ["place recognition"] = "semantics",
        ["state recognition"] = "semantics",
        ["task completion"] = "semantics",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The distinct areas of a question's tags, in the order the tags first reach them
    /// (tags outside the map have no area).</summary>
    public static ImmutableArray<string> AreasOf(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var areas = ImmutableArray.CreateBuilder<string>(4);
        foreach (string t in tags)
        {
            if (TagArea.TryGetValue(t, out var a) && !areas.Contains(a)) areas.Add(a);
        }
        return areas.ToImmutable();
    }
}
