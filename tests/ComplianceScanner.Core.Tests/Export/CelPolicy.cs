using System.Text.Json.Nodes;
using Cel;

namespace ComplianceScanner.Core.Tests.Export;

/// <summary>
/// An exported ValidatingAdmissionPolicy run as the API server runs it, with the Cel library (cel-spec for .NET): the
/// variables are computed first, then each validation with <c>object</c>, <c>namespaceObject</c>, <c>request</c> and
/// <c>variables</c> bound; a validation that is not true denies.
/// </summary>
internal sealed class CelPolicy
{
    private readonly List<(string Name, Func<Dictionary<string, object?>, object?> Program)> variables = [];
    private readonly List<(string Expression, Func<Dictionary<string, object?>, object?> Program)> validations = [];

    public CelPolicy(JsonObject policy)
    {
        var env = new CelEnvironment(null, null);
        var spec = policy["spec"]!.AsObject();
        foreach (var v in spec["variables"]?.AsArray() ?? [])
        {
            var program = env.Compile((string)v!["expression"]!);
            variables.Add(((string)v["name"]!, vars => program.Invoke(vars)));
        }

        foreach (var v in spec["validations"]!.AsArray())
        {
            var expression = (string)v!["expression"]!;
            var program = env.Compile(expression);
            validations.Add((expression, vars => program.Invoke(vars)));
        }
    }

    /// <summary>Indexes of the validations that deny the object.</summary>
    public List<int> Denied(Dictionary<string, object?> obj, string ns, IReadOnlyDictionary<string, string> namespaceLabels)
    {
        var labels = namespaceLabels.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal);
        labels["kubernetes.io/metadata.name"] = ns;
        var input = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["object"] = obj,
            ["namespaceObject"] = new Dictionary<string, object?> { ["metadata"] = new Dictionary<string, object?> { ["name"] = ns, ["labels"] = labels } },
            ["request"] = new Dictionary<string, object?> { ["namespace"] = ns },
        };
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        input["variables"] = vars;
        foreach (var (name, program) in variables)
        {
            vars[name] = program(input);
        }

        var denied = new List<int>();
        for (var i = 0; i < validations.Count; i++)
        {
            var result = validations[i].Program(input);
            Assert.True(result is bool, $"{validations[i].Expression} gave {result?.GetType().Name ?? "null"}, not a boolean");
            if (!(bool)result!)
            {
                denied.Add(i);
            }
        }

        return denied;
    }
}
