using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Tests.Model;

public sealed class FindingTests
{
    private static Finding Sample() => new()
    {
        RuleId = "SOD-ING-001",
        Title = "t",
        Severity = Severity.High,
        Layer = Layer.Namespace,
        Message = "m",
        Remediation = "r",
        Object = new ObjectReference("Ingress", "team-a", "web"),
        Subject = Subject.User("alice"),
        Key = "a.example.com",
    };

    [Fact]
    public void Fingerprint_read_twice_is_the_computed_value()
    {
        var f = Sample();
        var expected = FindingFingerprint.Compute(f.RuleId, f.Object, f.Subject, f.Key);
        Assert.Equal(expected, f.Fingerprint);
        Assert.Equal(expected, f.Fingerprint);
    }

    [Fact]
    public void With_copy_changing_identity_fields_gets_its_own_fingerprint_and_the_original_keeps_its_own()
    {
        var f = Sample();
        var original = f.Fingerprint;
        var rekeyed = f with { Key = "b.example.com" };
        var reruled = f with { RuleId = "SOD-ING-002" };
        var reobjected = f with { Object = new ObjectReference("Ingress", "team-a", "api") };
        var resubjected = f with { Subject = Subject.User("bob") };

        Assert.Equal(FindingFingerprint.Compute(f.RuleId, f.Object, f.Subject, "b.example.com"), rekeyed.Fingerprint);
        Assert.Equal(FindingFingerprint.Compute("SOD-ING-002", f.Object, f.Subject, f.Key), reruled.Fingerprint);
        Assert.Equal(FindingFingerprint.Compute(f.RuleId, reobjected.Object, f.Subject, f.Key), reobjected.Fingerprint);
        Assert.Equal(FindingFingerprint.Compute(f.RuleId, f.Object, resubjected.Subject, f.Key), resubjected.Fingerprint);
        Assert.Equal(original, f.Fingerprint);
        Assert.Equal(original, (f with { Severity = Severity.Low }).Fingerprint);
    }

    [Fact]
    public void Equality_does_not_depend_on_whether_the_fingerprint_was_read()
    {
        var read = Sample();
        _ = read.Fingerprint;
        var unread = Sample();

        Assert.Equal(read, unread);
        Assert.Equal(read.GetHashCode(), unread.GetHashCode());
        Assert.NotEqual(read, unread with { Key = "other" });
    }
}
