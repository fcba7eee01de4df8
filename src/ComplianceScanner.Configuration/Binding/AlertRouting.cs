using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>The routing fields of <c>alerts</c> or of one sink as read; null where not given (the section default or the sink type's default applies).</summary>
internal sealed record AlertRouting(Severity? MinSeverity, AlertNotify? Notify, bool? GroupPerScan, AlertRateLimit? RateLimit);
