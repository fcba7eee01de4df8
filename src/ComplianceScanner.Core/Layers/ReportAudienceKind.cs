namespace ComplianceScanner.Core.Layers;

/// <summary>The kinds of <see cref="ReportAudience"/>.</summary>
public enum ReportAudienceKind
{
    /// <summary>The security layer's <c>contacts</c>: the whole cluster's report.</summary>
    Security,

    /// <summary>One message per team with e-mail contacts, each with only that team's namespaces.</summary>
    Teams,

    /// <summary>The listed addresses: the whole cluster's report.</summary>
    Recipients,
}
