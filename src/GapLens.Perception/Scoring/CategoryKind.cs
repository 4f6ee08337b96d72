namespace GapLens.Perception.Scoring;

/// <summary>The starter kit's three kinds of category.</summary>
public enum CategoryKind
{
    /// <summary>Skill area, derived from the tags (memory, abstraction, physics, semantics).</summary>
    Area,

    /// <summary>The question's reasoning type (descriptive, explanatory, predictive, counterfactual).</summary>
    Reasoning,

    /// <summary>A skill tag; a question with several tags counts in each.</summary>
    Tag,
}
