using System.Collections.Immutable;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>The user a TokenReview authenticated: what a SubjectAccessReview for them must carry.</summary>
public sealed record ReviewedUser(string Name, string? Uid, ImmutableArray<string> Groups, ImmutableDictionary<string, ImmutableArray<string>> Extra);
