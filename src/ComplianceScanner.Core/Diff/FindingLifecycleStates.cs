using System.Diagnostics.CodeAnalysis;

namespace ComplianceScanner.Core.Diff;

/// <summary>Lower-case names of <see cref="FindingLifecycleState"/> as the store and the CLI write them.</summary>
public static class FindingLifecycleStates
{
    public static string ToName(this FindingLifecycleState state) => state switch
    {
        FindingLifecycleState.Open => "open",
        FindingLifecycleState.Resolved => "resolved",
        FindingLifecycleState.Excepted => "excepted",
        FindingLifecycleState.Reopened => "reopened",
        FindingLifecycleState.Builtin => "builtin",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown lifecycle state"),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out FindingLifecycleState? state)
    {
        state = text switch
        {
            "open" => FindingLifecycleState.Open,
            "resolved" => FindingLifecycleState.Resolved,
            "excepted" => FindingLifecycleState.Excepted,
            "reopened" => FindingLifecycleState.Reopened,
            "builtin" => FindingLifecycleState.Builtin,
            _ => null,
        };
        return state is not null;
    }
}
