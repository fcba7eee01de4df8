namespace ComplianceScanner.Rendering;

/// <summary>
/// Markup that an HTML template writes as is. Every other value is escaped on output, so only trusted code creates
/// this: the template functions <c>html.raw</c> and <c>html.escape</c>, <c>include</c>, or a caller's model.
/// </summary>
/// <param name="Value">The markup.</param>
public sealed record RawHtml(string Value)
{
    public override string ToString() => Value;
}
