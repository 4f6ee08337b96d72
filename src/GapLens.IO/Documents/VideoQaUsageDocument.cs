namespace GapLens.IO.Documents;

/// <summary>Tokens reported by the endpoint, summed over an item's calls (null: not reported).</summary>
public sealed record VideoQaUsageDocument(long? PromptTokens, long? CompletionTokens, long? TotalTokens);
