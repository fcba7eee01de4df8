using System.Globalization;
using ComplianceScanner.History;
using ComplianceScanner.History.CrashWriter;

// Usage: CrashWriter DB FIRST COUNT FINDINGS
// Records scans FIRST .. FIRST+COUNT-1 of the synthetic cluster and prints "recorded <scan id> <version>" after each
// commit returns, so the parent knows which scans were completed before it killed this process.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: CrashWriter DB FIRST COUNT FINDINGS");
    return 2;
}

var first = int.Parse(args[1], CultureInfo.InvariantCulture);
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
var findings = int.Parse(args[3], CultureInfo.InvariantCulture);
using var store = ScanStore.Open(args[0]);
Console.Out.WriteLine("open");
Console.Out.Flush();
for (var v = first; v < first + count; v++)
{
    var recorded = store.Record(SyntheticHistory.Scan("crash", v, findings), new RetentionPolicy(1000, 3650));
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recorded {recorded.Scan.Id} {v}"));
    Console.Out.Flush();
}

return 0;
