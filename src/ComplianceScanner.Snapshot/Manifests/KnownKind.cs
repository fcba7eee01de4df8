namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>A kind the loader reads: the KubernetesClient model it is decoded into, and what must happen first.</summary>
/// <param name="ModelType">The model type, e.g. <c>V1Role</c>.</param>
/// <param name="LegacyIngress">An <c>extensions/v1beta1</c> or <c>networking.k8s.io/v1beta1</c> Ingress, converted to the v1 shape first.</param>
/// <param name="IsSecret">A Secret: its data is dropped from the tree before anything else reads it.</param>
internal sealed record KnownKind(Type ModelType, bool LegacyIngress = false, bool IsSecret = false);
