using System.Collections.Immutable;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// The known fields of one kind of mapping. Every mapping the binder reads is checked against its table, so an
/// unknown or misspelt field is always reported (with a suggestion) and a missing required one is too.
/// </summary>
internal sealed class FieldTable
{
    public FieldTable(params FieldSpec[] fields)
    {
        Fields = [.. fields];
        Names = [.. fields.Select(f => f.Name)];
    }

    public ImmutableArray<FieldSpec> Fields { get; }

    public ImmutableArray<string> Names { get; }

    public bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);
}
