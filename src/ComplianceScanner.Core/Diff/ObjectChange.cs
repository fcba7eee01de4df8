using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// An Ingress, IngressClass or RBAC object that was added, removed or modified between two snapshots, with the fields
/// that changed and the field managers (from <c>metadata.managedFields</c>) that wrote it since the earlier snapshot.
/// </summary>
/// <param name="Object">The object.</param>
/// <param name="Change">Added, removed or modified.</param>
/// <param name="Fields">
/// The changed fields: for a modified object the fields that differ; for an added one every field it has (Before null);
/// for a removed one every field it had (After null).
/// </param>
/// <param name="Managers">
/// Who made the change: managedFields entries of the later object that are new or carry a newer time than in the earlier
/// one (for an added object, all of them). Entries for subresources (status) are left out because the diff does not
/// cover status. Empty when unknown (manifests without managedFields, or a removed object).
/// </param>
public sealed record ObjectChange(ObjectReference Object, ObjectChangeKind Change, ImmutableArray<FieldChange> Fields, ImmutableArray<ManagedFieldsEntry> Managers);
