using System.Diagnostics;
using ComplianceScanner.Fuzz.Tests.Harness;
using FsCheck;
using FsCheck.Fluent;

namespace ComplianceScanner.Fuzz.Tests.Rendering;

/// <summary>
/// Object names, subjects, labels, hosts and annotation values carrying HTML/JS/SVG, Markdown and terminal payloads go
/// through a scan of the demo cluster and every report format; each must render them inertly (see <see cref="InertRendering"/>).
/// Alert payloads are checked by the alerts project's own tests.
/// </summary>
public sealed class RenderingFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Each_known_payload_in_every_slot_renders_inertly_in_every_format()
    {
        var reached = 0;
        // Eight rotations of the known payloads over the slots: every payload lands in eight different places.
        for (var rotation = 0; rotation < 8; rotation++)
        {
            var i = rotation * HostilePayloads.Known.Length / 8;
            var payloads = Enumerable.Range(0, HostileCluster.Slots).Select(slot => HostilePayloads.Known[(i + slot) % HostilePayloads.Known.Length] + (slot == 0 ? string.Empty : "-" + slot)).ToList();
            reached += InertRendering.Check(payloads);
        }

        // The payloads must reach the findings, or the test proves nothing.
        Assert.True(reached >= 8 * 4, $"only {reached} payloads reached a finding");
    }

    [Fact]
    public void Generated_payloads_render_inertly_in_every_format()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_RENDER_COUNT"), out var n) && n > 0 ? n : 10;
        var watch = Stopwatch.StartNew();
        var reached = 0;
        var config = Config.QuickThrowOnFailure.WithMaxTest(count)
            .WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(FuzzRunner.Seed, 0x9E3779B97F4A7C15UL), Microsoft.FSharp.Core.FSharpOption<int>.None)));
        Check.One(config, Prop.ForAll(Arb.From(Gen.ArrayOf(HostilePayloads.Any, HostileCluster.Slots)), (string[] payloads) => reached += InertRendering.Check(payloads)));
        output.WriteLine($"rendering: {count} generated reports, {reached} payloads reached findings, {watch.Elapsed.TotalSeconds:F1} s");
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "fuzz-results.txt"), $"rendering: {count} generated reports ({count * HostileCluster.Slots} payloads, {reached} reached findings), {watch.Elapsed.TotalSeconds:F1} s{Environment.NewLine}");
        Assert.True(reached > count, $"only {reached} payloads reached a finding");
    }
}
