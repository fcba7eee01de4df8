using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Model;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// One layer or team subject <c>{kind, name, namespace?}</c>, written as in RBAC bindings (an <c>apiGroup</c> copied
/// from a binding is accepted when it is the right one). Each bound subject is claimed for its owner.
/// </summary>
internal static class SubjectBinder
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    private static readonly FieldTable Fields = new(
        FieldSpec.Required("kind"),
        FieldSpec.Required("name"),
        FieldSpec.Optional("namespace"),
        FieldSpec.Optional("apiGroup"));

    private static readonly string[] Kinds = [Subject.UserKind, Subject.GroupKind, Subject.ServiceAccountKind];

    public static Subject? Bind(BindingContext context, Located<YamlNode> item, ClaimOwner owner)
    {
        var view = context.Reader.Mapping(item.Node, item.Path, Fields);
        if (view is null)
        {
            return null;
        }

        var diagnostics = context.Diagnostics;
        var valid = true;
        var kind = view.String("kind");
        var name = view.String("name");
        var ns = view.String("namespace");
        if (kind is { } k && !Kinds.Contains(k.Value, StringComparer.Ordinal))
        {
            diagnostics.Error(k.Node, k.Path, ConfigDiagnosticCodes.InvalidSubject, $"unknown subject kind {NodeText.Quote(k.Value)}: expected User, Group or ServiceAccount.{Suggestions.Hint(k.Value, Kinds)}");
            valid = false;
        }

        if (name is { } n && n.Value.Trim().Length == 0)
        {
            diagnostics.Error(n.Node, n.Path, ConfigDiagnosticCodes.InvalidSubject, "the subject name must not be empty.");
            valid = false;
        }

        var isServiceAccount = kind?.Value == Subject.ServiceAccountKind;
        if (isServiceAccount)
        {
            valid &= CheckServiceAccount(view, name, ns, diagnostics);
        }
        else if (kind is not null && ns is { } given)
        {
            diagnostics.Error(
                given.Node,
                given.Path,
                ConfigDiagnosticCodes.InvalidSubject,
                $"namespace is only valid for ServiceAccount subjects; a {kind.Value.Value} is not namespaced. Hint: remove namespace.");
            valid = false;
        }

        if (kind is not null && view.String("apiGroup") is { } apiGroup)
        {
            var expected = isServiceAccount ? string.Empty : RbacGroup;
            if (!string.Equals(apiGroup.Value, expected, StringComparison.Ordinal))
            {
                diagnostics.Error(
                    apiGroup.Node,
                    apiGroup.Path,
                    ConfigDiagnosticCodes.InvalidSubject,
                    $"apiGroup of a {kind.Value.Value} subject must be {NodeText.Quote(expected)}, got {NodeText.Quote(apiGroup.Value)}. Hint: apiGroup may be left out.");
                valid = false;
            }
        }

        if (!valid || kind is null || name is null)
        {
            return null;
        }

        var subject = new Subject(kind.Value.Value, name.Value.Value, isServiceAccount ? ns!.Value.Value : null);
        context.Subjects.Add(new SubjectClaim(subject, owner, item.Node, item.Path));
        return subject;
    }

    private static bool CheckServiceAccount(MappingView view, Located<string>? name, Located<string>? ns, DiagnosticBag diagnostics)
    {
        var valid = true;
        if (ns is null)
        {
            diagnostics.Error(
                view.Node,
                view.PathOf("namespace"),
                ConfigDiagnosticCodes.InvalidSubject,
                "a ServiceAccount subject needs a namespace. Hint: write {kind: ServiceAccount, namespace: <namespace>, name: <name>}.");
            valid = false;
        }
        else if (!NameRules.IsDnsLabel(ns.Value.Value))
        {
            diagnostics.Error(ns.Value.Node, ns.Value.Path, ConfigDiagnosticCodes.InvalidSubject, $"{NodeText.Quote(ns.Value.Value)} is not a valid namespace name: it must be at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.");
            valid = false;
        }

        if (name is { } n && n.Value.Trim().Length > 0 && !NameRules.IsDnsSubdomain(n.Value))
        {
            diagnostics.Error(n.Node, n.Path, ConfigDiagnosticCodes.InvalidSubject, $"{NodeText.Quote(n.Value)} is not a valid ServiceAccount name: it must be lower-case letters, digits, '-' and '.'. Hint: write the namespace in namespace, not system:serviceaccount:<namespace>:<name>.");
            valid = false;
        }

        return valid;
    }
}
