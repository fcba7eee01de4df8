namespace ComplianceScanner.Core.Permissions;

/// <summary>One binding subject in the subject index: the binding and the index of the subject that matches the key.</summary>
internal readonly record struct Posting(BindingEntry Entry, int SubjectIndex);
