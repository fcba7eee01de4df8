using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Findings;

/// <summary>
/// The computed <see cref="Finding.Fingerprint"/> of a finding, kept with the exact inputs it was computed from.
/// A <c>with</c> copy shares the cache object, so the value is reused only while rule id, object, subject and key are
/// the same instances (all immutable); otherwise it is recomputed. Every cache equals every other, so a finding's value
/// equality does not depend on whether its fingerprint was read.
/// </summary>
internal sealed class FingerprintCache
{
    private Entry? entry;

    public string Get(Finding finding)
    {
        var e = Volatile.Read(ref entry);
        if (e is not null
            && ReferenceEquals(e.RuleId, finding.RuleId)
            && ReferenceEquals(e.Object, finding.Object)
            && ReferenceEquals(e.Subject, finding.Subject)
            && ReferenceEquals(e.Key, finding.Key))
        {
            return e.Value;
        }

        var value = FindingFingerprint.Compute(finding.RuleId, finding.Object, finding.Subject, finding.Key);
        Volatile.Write(ref entry, new Entry(finding.RuleId, finding.Object, finding.Subject, finding.Key, value));
        return value;
    }

    public override bool Equals(object? obj) => obj is FingerprintCache;

    public override int GetHashCode() => 0;

    /// <summary>A class, not a record: its inputs are compared by reference above.</summary>
    private sealed class Entry(string ruleId, ObjectReference? obj, Subject? subject, string key, string value)
    {
        public string RuleId { get; } = ruleId;

        public ObjectReference? Object { get; } = obj;

        public Subject? Subject { get; } = subject;

        public string Key { get; } = key;

        public string Value { get; } = value;
    }
}
