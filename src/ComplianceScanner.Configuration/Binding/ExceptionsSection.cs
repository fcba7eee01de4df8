using System.Collections.Immutable;
using System.Globalization;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// <c>exceptions: [{rule, object?, subject?, reason, approvedBy, expires}]</c>: approved, dated exceptions.
/// An expired one is a warning and stays in the config, because the evaluator reports it as a finding.
/// </summary>
internal static class ExceptionsSection
{
    private static readonly FieldTable Fields = new(
        FieldSpec.Required("rule"),
        FieldSpec.Optional("object"),
        FieldSpec.Optional("subject"),
        FieldSpec.Required("reason"),
        FieldSpec.Required("approvedBy"),
        FieldSpec.Required("expires"));

    private static readonly string[] SubjectKinds = [Subject.UserKind, Subject.GroupKind, Subject.ServiceAccountKind];

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var entries = ImmutableArray.CreateBuilder<ExceptionEntry>();
        foreach (var item in context.Reader.Sequence(node, path))
        {
            if (context.Reader.Mapping(item.Node, item.Path, Fields) is { } view && BindEntry(context, view) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return config with { Exceptions = entries.ToImmutable() };
    }

    private static ExceptionEntry? BindEntry(BindingContext context, MappingView view)
    {
        var diagnostics = context.Diagnostics;
        var valid = true;
        var rule = view.String("rule");
        if (rule is { } r && !NameRules.IsRuleIdPattern(r.Value))
        {
            diagnostics.Error(r.Node, r.Path, ConfigDiagnosticCodes.InvalidRuleId, $"{NodeText.Quote(r.Value)} is not a rule id: ids look like SOD-ING-003, and globs such as SOD-ING-* are allowed.");
            valid = false;
        }
        else if (rule is { } known && !KnownRules.Check(context, known))
        {
            valid = false;
        }

        var obj = view.String("object");
        var subject = view.String("subject");
        if (obj is null && subject is null && view.Get("object") is null && view.Get("subject") is null)
        {
            diagnostics.Error(
                view.Node,
                view.PathOf("object"),
                ConfigDiagnosticCodes.InvalidException,
                "an exception needs an object, a subject, or both. Hint: to switch a rule off everywhere, list it under rules.disabled instead.");
            valid = false;
        }

        valid &= CheckObject(diagnostics, obj) & CheckSubject(diagnostics, subject);
        var reason = NonEmpty(diagnostics, view.String("reason"));
        var approvedBy = NonEmpty(diagnostics, view.String("approvedBy"));
        var expires = Date(diagnostics, view.String("expires"));
        if (!valid || rule is null || reason is null || approvedBy is null || expires is not { } e)
        {
            return null;
        }

        var entry = new ExceptionEntry
        {
            Rule = rule.Value.Value,
            Object = obj?.Value,
            Subject = subject?.Value,
            Reason = reason,
            ApprovedBy = approvedBy,
            Expires = e.Date,
            Line = checked((int)view.Node.Start.Line),
        };
        if (entry.IsExpired(context.Today))
        {
            var target = entry.Object ?? entry.Subject;
            diagnostics.Warning(
                e.Node,
                view.PathOf("expires"),
                ConfigDiagnosticCodes.ExceptionExpired,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"the exception for {entry.Rule} on {target} expired on {entry.Expires:yyyy-MM-dd} (today is {context.Today:yyyy-MM-dd}): it no longer excuses anything, and the scan reports it as {GovernanceRules.ExpiredException.Id}. Hint: renew it with a new expires date and a fresh approval, or remove it."));
        }

        return entry;
    }

    /// <summary><c>namespace/name</c> or <c>name</c>, globs allowed.</summary>
    private static bool CheckObject(DiagnosticBag diagnostics, Located<string>? obj)
    {
        if (obj is not { } o || (o.Value.Length > 0 && o.Value.Count(c => c == '/') <= 1 && !o.Value.Any(char.IsWhiteSpace) && !o.Value.StartsWith('/') && !o.Value.EndsWith('/')))
        {
            return true;
        }

        diagnostics.Error(o.Node, o.Path, ConfigDiagnosticCodes.InvalidException, $"object {NodeText.Quote(o.Value)} must be namespace/name or, for a cluster-wide object, name (globs allowed), as in shop/promo.");
        return false;
    }

    /// <summary><c>Kind:name</c>, or <c>ServiceAccount:namespace/name</c>; globs allowed in the name.</summary>
    private static bool CheckSubject(DiagnosticBag diagnostics, Located<string>? subject)
    {
        if (subject is not { } s)
        {
            return true;
        }

        var colon = s.Value.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? s.Value[..colon] : string.Empty;
        var name = colon > 0 ? s.Value[(colon + 1)..] : string.Empty;
        var kindOk = SubjectKinds.Contains(kind, StringComparer.Ordinal) || (Core.Text.Glob.IsPattern(kind) && SubjectKinds.Any(k => Core.Text.Glob.Matches(kind, k)));
        var nameOk = name.Length > 0 && (kind != Subject.ServiceAccountKind || name.Count(c => c == '/') == 1 || Core.Text.Glob.IsPattern(name));
        if (kindOk && nameOk)
        {
            return true;
        }

        var hint = kind.Length > 0 && !kindOk ? Suggestions.Hint(kind, SubjectKinds) : string.Empty;
        diagnostics.Error(
            s.Node,
            s.Path,
            ConfigDiagnosticCodes.InvalidException,
            $"subject {NodeText.Quote(s.Value)} must be Kind:name, as in Group:team-shop or ServiceAccount:shop/deployer (kinds: User, Group, ServiceAccount; globs allowed).{hint}");
        return false;
    }

    private static string? NonEmpty(DiagnosticBag diagnostics, Located<string>? text)
    {
        if (text is not { } t)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(t.Value))
        {
            diagnostics.Error(t.Node, t.Path, ConfigDiagnosticCodes.InvalidException, "must not be empty.");
            return null;
        }

        return t.Value;
    }

    private static (DateOnly Date, YamlNode Node)? Date(DiagnosticBag diagnostics, Located<string>? text)
    {
        if (text is not { } t)
        {
            return null;
        }

        if (DateOnly.TryParseExact(t.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date, t.Node);
        }

        diagnostics.Error(t.Node, t.Path, ConfigDiagnosticCodes.InvalidException, $"must be a date written yyyy-MM-dd, as in 2027-01-31, got {NodeText.Quote(t.Value)}.");
        return null;
    }
}
