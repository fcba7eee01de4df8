namespace ComplianceScanner.Cli;

/// <summary>Process exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Success; for <c>scan</c>, no finding at or above <c>--fail-on</c>; for <c>can-i</c>, yes.</summary>
    public const int Ok = 0;

    /// <summary><c>scan</c>: a finding at or above <c>--fail-on</c>; <c>can-i</c>: no.</summary>
    public const int Findings = 1;

    /// <summary>Usage, configuration, input or history store error: nothing was judged, the input was partly unreadable, or the store could not be used.</summary>
    public const int UsageOrConfig = 2;

    /// <summary>An unexpected internal error (a bug): reported without a stack trace unless --debug.</summary>
    public const int Internal = 70;
}
