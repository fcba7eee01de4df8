using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// A duty a subject gained or lost in one scope between two snapshots, with the layer verdict of the config the drift
/// was judged against: whether the subject's layer (or its team, in that namespace) declares the duty.
/// </summary>
/// <param name="Subject">The subject, canonical.</param>
/// <param name="Duty">The duty's name.</param>
/// <param name="Namespace">The namespace; null when gained or lost cluster-wide.</param>
/// <param name="Gained">True when gained, false when lost.</param>
/// <param name="Allowed">
/// The subject's layer, or its team in this namespace, declares the duty: for a gain, as it is held now; for a loss, as
/// it was held before.
/// </param>
/// <param name="Layer">The subject's layer: cluster, security, namespace or undeclared.</param>
/// <param name="Team">The subject's team, when its layer is namespace.</param>
public sealed record DutyChange(Subject Subject, string Duty, string? Namespace, bool Gained, bool Allowed, string Layer, string? Team)
{
    /// <summary><c>cluster-wide</c> or <c>in shop</c>.</summary>
    public string Scope => Namespace is null ? "cluster-wide" : "in " + Namespace;

    /// <summary><c>gained</c> or <c>lost</c>.</summary>
    public string Change => Gained ? "gained" : "lost";

    /// <summary>Who the subject is in the layer model: <c>team shop</c>, <c>cluster layer</c>, <c>undeclared</c>.</summary>
    public string Holder => Team is not null ? "team " + Team : Layer == Findings.Layer.Undeclared ? "undeclared" : Layer + " layer";

    /// <summary><c>allowed (team shop)</c> or <c>NOT allowed (undeclared)</c>.</summary>
    public string Verdict => $"{(Allowed ? "allowed" : "NOT allowed")} ({Holder})";

    /// <summary><c>ServiceAccount:shop/ci gained route-editing in shop: allowed (team shop)</c>.</summary>
    public override string ToString() => $"{Subject} {Change} {Duty} {Scope}: {Verdict}";
}
