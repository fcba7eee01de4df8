namespace ComplianceScanner.Configuration.Binding;

/// <summary>YAML scalar conventions the binder relies on.</summary>
internal static class NodeText
{
    /// <summary>The YAML 1.2 core schema's plain null forms; an absent value (<c>key:</c>) is the empty one.</summary>
    public static bool IsNullText(string? text) => text is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Quotes a user value in a message, so that empty strings and spaces are visible.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
