using System.Globalization;

namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>
/// Resolves YAML scalars the way sigs.k8s.io/yaml (go-yaml v2, YAML 1.1 rules) does, because that is what kubectl
/// applies: plain <c>yes/no/on/off/true/false</c> are booleans, <c>~</c>, <c>null</c> and the empty plain scalar are null,
/// <c>0x1F</c>, <c>0o17</c>, <c>017</c> and <c>0b101</c> are integers, <c>1_000</c> ignores underscores; quoted scalars and
/// timestamps stay strings.
/// </summary>
internal static class ScalarResolver
{
    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    /// <summary>Resolves a scalar event given its text, whether it is plain (unquoted, not a block scalar), and its tag.</summary>
    public static ScalarNode Resolve(int line, int column, string text, bool plain, string? tag)
    {
        if (!string.IsNullOrEmpty(tag) && tag != "!")
        {
            if (tag.StartsWith(YamlTagPrefix, StringComparison.Ordinal))
            {
                return ResolveTagged(line, column, text, tag[YamlTagPrefix.Length..]);
            }

            // A local or application tag (!foo) means nothing to Kubernetes: resolve the value as if untagged.
        }
        else if (tag == "!")
        {
            // The non-specific tag "!" forces a string.
            return String(line, column, text);
        }

        return plain ? ResolvePlain(line, column, text) : String(line, column, text);
    }

    public static ScalarNode ResolvePlain(int line, int column, string text)
    {
        if (text.Length <= 5)
        {
            switch (Word(text))
            {
                case ScalarKind.Null:
                    return new ScalarNode(line, column, ScalarKind.Null, text, coercible: true);
                case ScalarKind.Bool:
                    return new ScalarNode(line, column, ScalarKind.Bool, text, coercible: true) { BoolValue = IsTrue(text) };
            }
        }

        var c = text[0];
        if (c is '+' or '-' or '.' or (>= '0' and <= '9'))
        {
            if (TryNumber(text, out var kind, out var i, out var d))
            {
                return new ScalarNode(line, column, kind, text, coercible: true) { IntValue = i, FloatValue = d };
            }
        }

        return new ScalarNode(line, column, ScalarKind.String, text, coercible: true);
    }

    private static ScalarNode ResolveTagged(int line, int column, string text, string tag)
    {
        switch (tag)
        {
            case "null":
                return new ScalarNode(line, column, ScalarKind.Null, text, coercible: false);
            case "bool" when Word(text) == ScalarKind.Bool:
                return new ScalarNode(line, column, ScalarKind.Bool, text, coercible: false) { BoolValue = IsTrue(text) };
            case "int" or "float" when TryNumber(text, out var kind, out var i, out var d):
                return tag == "float" && kind == ScalarKind.Int
                    ? new ScalarNode(line, column, ScalarKind.Float, text, coercible: false) { FloatValue = i }
                    : new ScalarNode(line, column, kind, text, coercible: false) { IntValue = i, FloatValue = d };
            default:
                // !!str, !!binary, !!timestamp, and values that do not parse as their tag: keep the text.
                return String(line, column, text);
        }
    }

    /// <summary>The YAML 1.1 null and boolean words; String for anything else.</summary>
    private static ScalarKind Word(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
        "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON" => ScalarKind.Bool,
        "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF" => ScalarKind.Bool,
        _ => ScalarKind.String,
    };

    private static bool IsTrue(string text) => text is "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON";

    private static ScalarNode String(int line, int column, string text) => new(line, column, ScalarKind.String, text, coercible: false);

    private static bool TryNumber(string text, out ScalarKind kind, out long intValue, out double floatValue)
    {
        kind = ScalarKind.Float;
        intValue = 0;
        floatValue = 0;
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                floatValue = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                floatValue = double.NegativeInfinity;
                return true;
            case ".nan" or ".NaN" or ".NAN":
                floatValue = double.NaN;
                return true;
        }

        var plain = text.Contains('_', StringComparison.Ordinal) ? text.Replace("_", string.Empty, StringComparison.Ordinal) : text;
        if (TryInteger(plain, out intValue, out var overflow))
        {
            kind = ScalarKind.Int;
            floatValue = intValue;
            return true;
        }

        if (overflow || IsYamlFloat(plain))
        {
            // Integers beyond 64 bits become floats, as in go-yaml.
            return double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out floatValue);
        }

        return false;
    }

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c>: optional sign, then 0x / 0o / 0b prefixes or a leading 0 for octal.</summary>
    private static bool TryInteger(string s, out long value, out bool overflow)
    {
        value = 0;
        overflow = false;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            i = 1;
        }

        if (i >= s.Length)
        {
            return false;
        }

        var radix = 10;
        if (s[i] == '0' && i + 1 < s.Length)
        {
            switch (s[i + 1])
            {
                case 'x' or 'X':
                    radix = 16;
                    i += 2;
                    break;
                case 'o' or 'O':
                    radix = 8;
                    i += 2;
                    break;
                case 'b' or 'B':
                    radix = 2;
                    i += 2;
                    break;
                default:
                    radix = 8;
                    i += 1;
                    break;
            }

            if (i >= s.Length)
            {
                return false;
            }
        }

        ulong acc = 0;
        for (; i < s.Length; i++)
        {
            var digit = s[i] switch
            {
                >= '0' and <= '9' => s[i] - '0',
                >= 'a' and <= 'f' => s[i] - 'a' + 10,
                >= 'A' and <= 'F' => s[i] - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            if (acc > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                overflow = radix == 10;
                return false;
            }

            acc = (acc * (ulong)radix) + (ulong)digit;
        }

        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        if (acc > limit)
        {
            overflow = radix == 10;
            return false;
        }

        value = negative ? (long)(0 - acc) : (long)acc;
        return true;
    }

    /// <summary>go-yaml's float pattern: <c>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</c>.</summary>
    private static bool IsYamlFloat(string s)
    {
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        var intDigits = CountDigits(s, ref i);
        if (intDigits == 0)
        {
            if (i >= s.Length || s[i] != '.')
            {
                return false;
            }

            i++;
            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }
        else if (i < s.Length && s[i] == '.')
        {
            i++;
            CountDigits(s, ref i);
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static int CountDigits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && s[i] is >= '0' and <= '9')
        {
            i++;
        }

        return i - start;
    }
}
