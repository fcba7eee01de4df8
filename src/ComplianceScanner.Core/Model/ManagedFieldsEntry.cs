namespace ComplianceScanner.Core.Model;

/// <summary>One managedFields entry: which manager wrote the object, how, and when.</summary>
public sealed record ManagedFieldsEntry(string Manager, string Operation, DateTimeOffset? Time, string? Subresource);
