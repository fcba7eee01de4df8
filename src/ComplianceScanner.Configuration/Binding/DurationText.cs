using System.Globalization;
using System.Text.RegularExpressions;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// Durations as Kubernetes and Go write them: one or more number-unit pairs, <c>500ms</c>, <c>5s</c>, <c>1m30s</c>,
/// <c>2h</c>. A bare number is refused, because whether it means seconds or milliseconds is exactly the mistake to avoid.
/// </summary>
internal static partial class DurationText
{
    public const string Hint = "write a number and a unit (ms, s, m, h), e.g. \"5s\", \"500ms\" or \"1m30s\"";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!Whole().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in Part().Matches(text))
        {
            var number = decimal.Parse(part.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var unit = part.Groups[2].Value switch
            {
                "ms" => 1m,
                "s" => 1_000m,
                "m" => 60_000m,
                _ => 3_600_000m,
            };
            var millis = number * unit;
            if (millis > (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2)
            {
                return false;
            }

            value += TimeSpan.FromMilliseconds((double)millis);
        }

        return true;
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
