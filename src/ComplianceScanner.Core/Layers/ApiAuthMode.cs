namespace ComplianceScanner.Core.Layers;

/// <summary>How the agent's HTTP API checks bearer tokens (<c>agent.api.authMode</c>).</summary>
public enum ApiAuthMode
{
    /// <summary>Tokens from <see cref="AgentApiSettings.TokensFile"/> when one is configured, else Kubernetes.</summary>
    Auto,

    /// <summary>TokenReview, then SubjectAccessReview on <c>compliancescanner.io/reports</c> (like kube-rbac-proxy).</summary>
    Kubernetes,

    /// <summary>Only the tokens in <see cref="AgentApiSettings.TokensFile"/>.</summary>
    Tokens,
}
