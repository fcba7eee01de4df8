using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>Enumerates an Ingress's Service backends with their field paths.</summary>
internal static class IngressBackends
{
    public static IEnumerable<(string Path, IngressBackend Backend)> Services(Model.Ingress ingress)
    {
        if (ingress.DefaultBackend is { ServiceName: not null } d)
        {
            yield return ("spec.defaultBackend.service", d);
        }

        for (var r = 0; r < ingress.Rules.Length; r++)
        {
            for (var p = 0; p < ingress.Rules[r].Paths.Length; p++)
            {
                var b = ingress.Rules[r].Paths[p].Backend;
                if (b.ServiceName is not null)
                {
                    yield return ($"spec.rules[{r}].http.paths[{p}].backend.service", b);
                }
            }
        }
    }
}
