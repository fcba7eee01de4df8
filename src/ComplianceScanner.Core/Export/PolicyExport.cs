using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace ComplianceScanner.Core.Export;

/// <summary>Kubernetes objects generated from scanner.yaml, in apply order, and notes on what could not be expressed.</summary>
/// <param name="Objects">Each object as its JSON tree (apiVersion, kind, metadata, spec ...).</param>
/// <param name="Notes">What the export could not express, in words a person can act on.</param>
public sealed record PolicyExport(ImmutableArray<JsonObject> Objects, ImmutableArray<string> Notes);
