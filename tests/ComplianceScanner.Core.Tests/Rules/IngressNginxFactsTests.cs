using ComplianceScanner.Core.Rules.Ingress;

namespace ComplianceScanner.Core.Tests.Rules;

public sealed class IngressNginxFactsTests
{
    [Theory]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.11.3", "1.11.3", true)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.11.5@sha256:abc", "1.11.5", false)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.12.0", "1.12.0", true)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.12.0-beta.0", "1.12.0", true)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.12.1", "1.12.1", false)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.9.6", "1.9.6", true)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.13.0", "1.13.0", false)]
    [InlineData("my.registry:5000/ingress-nginx/controller:v1.10.0", "1.10.0", true)]
    public void Parses_controller_versions_and_knows_the_CVE_2025_1974_fix(string image, string version, bool vulnerable)
    {
        Assert.True(IngressNginxFacts.TryParseControllerImage(image, out var parsed));
        Assert.Equal(Version.Parse(version), parsed);
        Assert.Equal(vulnerable, IngressNginxFacts.IsVulnerableToIngressNightmare(parsed!));
    }

    [Theory]
    [InlineData("traefik:v3.3.4")]
    [InlineData("registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.5.0")]
    public void Other_images_are_not_controllers(string image) =>
        Assert.False(IngressNginxFacts.TryParseControllerImage(image, out _));

    [Fact]
    public void Controller_without_a_version_tag_is_recognised_with_unknown_version()
    {
        Assert.True(IngressNginxFacts.TryParseControllerImage("registry.k8s.io/ingress-nginx/controller@sha256:abc", out var v));
        Assert.Null(v);
    }
}
