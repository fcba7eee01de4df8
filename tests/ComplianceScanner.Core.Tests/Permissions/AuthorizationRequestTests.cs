using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Tests.Permissions;

public sealed class AuthorizationRequestTests
{
    [Fact]
    public void ToString_uses_the_authorizer_wording()
    {
        Assert.Equal(
            "\"update\" resource \"ingresses.networking.k8s.io/status\" named \"promo\" in namespace \"shop\"",
            AuthorizationRequest.ForResource("update", "networking.k8s.io", "ingresses", "shop", "promo", "status").ToString());
        Assert.Equal("\"list\" resource \"secrets\" cluster-wide", AuthorizationRequest.ForResource("list", "", "secrets").ToString());
        Assert.Equal("\"get\" nonResourceURL \"/healthz\" cluster-wide", AuthorizationRequest.ForNonResource("get", "/healthz").ToString());
    }

    [Fact]
    public void CombinedResource_joins_the_subresource()
    {
        Assert.Equal("pods/exec", AuthorizationRequest.ForResource("create", "", "pods", "ns", "p", "exec").CombinedResource);
        Assert.Equal("pods", AuthorizationRequest.ForResource("create", "", "pods", "ns").CombinedResource);
    }
}
