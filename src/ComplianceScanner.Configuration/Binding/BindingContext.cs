using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// State shared by the section binders: the reader, the scan date, the config's directory, and the references
/// and claims collected while binding, which are checked once every section is bound (so file order does not matter).
/// </summary>
internal sealed class BindingContext(NodeReader reader, DateOnly today, string baseDirectory)
{
    public NodeReader Reader { get; } = reader;

    public DiagnosticBag Diagnostics => Reader.Diagnostics;

    public DateOnly Today { get; } = today;

    /// <summary>The directory relative paths in the config are resolved against.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    /// <summary>Every duty name a layer, team or separation rule refers to.</summary>
    public List<Located<string>> DutyReferences { get; } = [];

    public List<SubjectClaim> Subjects { get; } = [];

    public List<NamespaceClaim> Namespaces { get; } = [];

    /// <summary>Records duty references for the unknown-duty check and returns their names.</summary>
    public IEnumerable<string> DutyNames(IEnumerable<Located<string>> references)
    {
        foreach (var r in references)
        {
            DutyReferences.Add(r);
            yield return r.Value;
        }
    }

    /// <summary>The checks that need the whole file bound.</summary>
    public void Finish(ScannerConfig config)
    {
        foreach (var r in DutyReferences.Where(r => !config.Duties.ContainsKey(r.Value)))
        {
            var hint = Suggestions.Closest(r.Value, config.Duties.Keys) is { } s
                ? $" Hint: did you mean {NodeText.Quote(s)}?"
                : $" Hint: declare it under duties, or use one of: {string.Join(", ", config.Duties.Keys)}.";
            Diagnostics.Error(r.Node, r.Path, ConfigDiagnosticCodes.UnknownDuty, $"unknown duty {NodeText.Quote(r.Value)}: it is neither built in nor declared under duties.{hint}");
        }

        ClaimChecks.CheckNamespaces(Namespaces, Diagnostics);
        ClaimChecks.CheckSubjects(Subjects, Diagnostics);
    }
}
