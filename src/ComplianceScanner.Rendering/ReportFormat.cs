using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering;

/// <summary>One output format: its name on the command line, the file it is written to, and how it is rendered.</summary>
public sealed record ReportFormat(string Name, string FileName, Func<ScanReport, TemplateSet, string> Render, bool UsesTemplates);
