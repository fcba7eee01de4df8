namespace ComplianceScanner.Bench;

/// <summary>SplitMix64: a tiny generator whose sequence is fixed by its seed on every platform and .NET version.</summary>
internal sealed class SplitMix(ulong seed)
{
    private ulong state = seed;

    public int Next(int maxExclusive)
    {
        state += 0x9E3779B97F4A7C15;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        z ^= z >> 31;
        return (int)(z % (ulong)maxExclusive);
    }
}
