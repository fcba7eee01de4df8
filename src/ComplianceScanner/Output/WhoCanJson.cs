using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using ComplianceScanner.Cli;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Output;

/// <summary>
/// <c>who-can --output json</c>: the question and every subject with its grants and their chains. Written with
/// <see cref="Utf8JsonWriter"/>, whose default encoder escapes control and non-ASCII characters, so cluster-sourced
/// strings stay inert on a terminal.
/// </summary>
internal static class WhoCanJson
{
    public static string Serialize(WhoCanAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            WriteRequest(w, answer);
            w.WriteStartArray("subjects");
            foreach (var access in answer.Subjects)
            {
                w.WriteStartObject();
                w.WriteString("kind", access.Subject.Kind);
                w.WriteString("name", access.Subject.Name);
                WriteNullable(w, "namespace", access.Subject.Namespace);
                w.WriteStartArray("grants");
                foreach (var grant in access.Grants)
                {
                    WriteGrant(w, grant);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteStrings(w, "warnings", answer.Query.Warnings);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRequest(Utf8JsonWriter w, WhoCanAnswer answer)
    {
        var r = answer.Query.Request;
        w.WriteStartObject("request");
        w.WriteString("verb", r.Verb);
        if (r.IsResourceRequest)
        {
            w.WriteString("group", r.ApiGroup);
            w.WriteString("resource", r.Resource);
            w.WriteString("subresource", r.Subresource);
            w.WriteString("name", r.Name);
            w.WriteString("namespace", r.Namespace);
        }
        else
        {
            w.WriteString("nonResourceURL", r.Path);
        }

        w.WriteString("scope", answer.Scope);
        w.WriteString("question", answer.Question);
        w.WriteEndObject();
    }

    private static void WriteGrant(Utf8JsonWriter w, Grant g)
    {
        w.WriteStartObject();
        w.WriteString("source", g.Kind == GrantKind.SystemMasters ? "system:masters" : "binding");
        WriteObject(w, "binding", g.Binding);
        WriteObject(w, "role", g.Role?.Role);
        w.WriteString("scope", g.Scope);
        WriteNullable(w, "namespace", g.Namespace);
        w.WriteNumber("ruleIndex", g.RuleIndex);
        WriteRule(w, g.Rule);
        if (g.IsAggregated)
        {
            w.WriteStartObject("aggregatedFrom");
            w.WriteString("kind", g.Source!.Origin.Kind);
            w.WriteString("name", g.Source.Origin.Metadata.Name);
            w.WriteNumber("ruleIndex", g.Source.OriginRuleIndex);
            WriteStrings(w, "via", g.Source.Via);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("aggregatedFrom");
        }

        w.WriteString("reason", g.AuthorizerReason);
        WriteStrings(w, "chain", g.Chain);
        w.WriteEndObject();
    }

    private static void WriteObject(Utf8JsonWriter w, string property, KubeObject? o)
    {
        if (o is null)
        {
            w.WriteNull(property);
            return;
        }

        w.WriteStartObject(property);
        w.WriteString("kind", o.Kind);
        w.WriteString("name", o.Metadata.Name);
        WriteNullable(w, "namespace", o.Metadata.Namespace);
        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, PolicyRule rule)
    {
        w.WriteStartObject("rule");
        WriteStrings(w, "verbs", rule.Verbs);
        WriteStrings(w, "apiGroups", rule.ApiGroups);
        WriteStrings(w, "resources", rule.Resources);
        WriteStrings(w, "resourceNames", rule.ResourceNames);
        WriteStrings(w, "nonResourceURLs", rule.NonResourceUrls);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string property, ImmutableArray<string> values)
    {
        w.WriteStartArray(property);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string property, string? value)
    {
        if (value is null)
        {
            w.WriteNull(property);
        }
        else
        {
            w.WriteString(property, value);
        }
    }
}
