namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>How a scalar is written.</summary>
internal enum FScalarStyle
{
    /// <summary>Unquoted, as it is: its type is resolved by the reader (<c>true</c>, <c>12</c>, <c>~</c>).</summary>
    Plain,

    /// <summary>Double-quoted with escapes: always a string, and can carry any character.</summary>
    DoubleQuoted,

    /// <summary>Single-quoted.</summary>
    SingleQuoted,

    /// <summary>A literal block scalar (<c>|</c>).</summary>
    Literal,

    /// <summary>Spliced in verbatim (a flow collection, an alias bomb, a broken token); not JSON-representable.</summary>
    Raw,
}
