namespace ComplianceScanner.Configuration;

/// <summary>The stable codes of <see cref="ConfigDiagnostic"/>, for tools and tests that react to a kind of problem.</summary>
public static class ConfigDiagnosticCodes
{
    public const string FileNotFound = "file-not-found";
    public const string FileUnreadable = "file-unreadable";
    public const string InvalidEncoding = "invalid-encoding";
    public const string YamlSyntax = "yaml-syntax";
    public const string DuplicateKey = "duplicate-key";
    public const string YamlTooDeep = "yaml-too-deep";
    public const string YamlTooLarge = "yaml-too-large";
    public const string YamlRecursiveAlias = "yaml-recursive-alias";
    public const string EmptyFile = "empty-file";
    public const string MultipleDocuments = "multiple-documents";
    public const string UnknownField = "unknown-field";
    public const string WrongType = "wrong-type";
    public const string MissingField = "missing-field";
    public const string InvalidValue = "invalid-value";
    public const string InvalidName = "invalid-name";
    public const string UnknownDuty = "unknown-duty";
    public const string InvalidPolicyRule = "invalid-policy-rule";
    public const string InvalidSubject = "invalid-subject";
    public const string DuplicateSubject = "duplicate-subject";
    public const string DuplicateName = "duplicate-name";
    public const string InvalidGlob = "invalid-glob";
    public const string NamespaceConflict = "namespace-conflict";
    public const string InvalidSelector = "invalid-selector";
    public const string InvalidHost = "invalid-host";
    public const string InvalidIngressClass = "invalid-ingress-class";
    public const string InvalidAnnotationPattern = "invalid-annotation-pattern";
    public const string SeparationTooFewDuties = "separation-too-few-duties";
    public const string InvalidBeyond = "invalid-beyond";
    public const string InvalidSeverity = "invalid-severity";
    public const string InvalidRuleId = "invalid-rule-id";
    public const string UnknownRule = "unknown-rule";
    public const string InvalidException = "invalid-exception";
    public const string ExceptionExpired = "exception-expired";
    public const string PlainSecret = "plain-secret";
    public const string InvalidCron = "invalid-cron";
    public const string InvalidDuration = "invalid-duration";
}
