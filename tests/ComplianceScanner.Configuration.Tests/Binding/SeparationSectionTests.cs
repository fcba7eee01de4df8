namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class SeparationSectionTests
{
    [Fact]
    public void Separation_needs_two_different_known_duties()
    {
        var messages = ConfigText.Diagnose("""
            separation:
            - {name: solo, duties: [route-editing], beyond: anywhere}
            - {name: twice, duties: [route-editing, route-editing], beyond: anywhere}
            - {name: typo, duties: [route-editing, tls-managment], beyond: anywhere}
            """);

        Seq.Equal(
            [
                "scanner.yaml:4:24: error: separation[0].duties: a separation rule needs at least two different duties, got 1: it forbids holding all of them at once.",
                "scanner.yaml:5:25: error: separation[1].duties: a separation rule needs at least two different duties, got 1: it forbids holding all of them at once.",
                "scanner.yaml:5:41: error: separation[1].duties[1]: duty \"route-editing\" is listed twice.",
                "scanner.yaml:6:40: error: separation[2].duties[1]: unknown duty \"tls-managment\": it is neither built in nor declared under duties. Hint: did you mean \"tls-management\"?",
            ],
            messages);
    }

    [Fact]
    public void Beyond_and_severity_must_be_known_values()
    {
        var messages = ConfigText.Diagnose("""
            separation:
            - {name: a, duties: [route-editing, tls-management], beyond: own-namespace, severity: urgent}
            - {name: b, duties: [route-editing, tls-management]}
            """);

        Seq.Equal(
            [
                "scanner.yaml:4:62: error: separation[0].beyond: \"own-namespace\" is not a valid value: expected own-namespaces (a team may combine the duties inside its own namespaces only) or anywhere (nobody may combine them). Hint: did you mean \"own-namespaces\"?",
                "scanner.yaml:4:87: error: separation[0].severity: invalid severity \"urgent\": expected one of info, low, medium, high, critical.",
                "scanner.yaml:5:3: error: separation[1].beyond: missing required field \"beyond\".",
            ],
            messages);
    }

    [Fact]
    public void Duplicate_separation_name_points_at_the_first_one()
    {
        var messages = ConfigText.Diagnose("""
            separation:
            - {name: a, duties: [route-editing, tls-management], beyond: anywhere}
            - {name: a, duties: [route-editing, rbac-management], beyond: anywhere}
            """);

        Seq.Equal(["scanner.yaml:5:10: error: separation[1].name: separation rule name \"a\" is already used (separation[0].name, line 4)."], messages);
    }

    [Fact]
    public void Severity_defaults_to_high_and_is_case_insensitive()
    {
        var config = ConfigText.Valid("""
            separation:
            - {name: a, duties: [route-editing, tls-management], beyond: anywhere}
            - {name: b, duties: [route-editing, tls-management], beyond: own-namespaces, severity: CRITICAL}
            """);

        Assert.Equal(Core.Findings.Severity.High, config.Separation[0].Severity);
        Assert.Equal(Core.Findings.Severity.Critical, config.Separation[1].Severity);
    }
}
