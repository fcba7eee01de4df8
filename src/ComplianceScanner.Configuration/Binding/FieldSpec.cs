namespace ComplianceScanner.Configuration.Binding;

/// <summary>One known field of a mapping.</summary>
internal sealed record FieldSpec(string Name, bool IsRequired)
{
    public static FieldSpec Required(string name) => new(name, true);

    public static FieldSpec Optional(string name) => new(name, false);
}
