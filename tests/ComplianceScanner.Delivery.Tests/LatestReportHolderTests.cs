namespace ComplianceScanner.Delivery.Tests;

public sealed class LatestReportHolderTests
{
    [Fact]
    public async Task The_fallback_answers_until_the_agent_sets_a_scan_then_the_latest_set_scan_does()
    {
        await using var f = await DeliveryFixture.StartAsync();
        var first = f.Scan(shopBad: 1, paymentsBad: 0);
        var holder = new LatestReportHolder(new StoredReportSource(f.StorePath, f.Config));

        var before = await holder.LatestAsync(CancellationToken.None);
        f.Time.Advance(TimeSpan.FromHours(1));
        var second = f.Scan(shopBad: 2, paymentsBad: 0);
        holder.Set(second.ScanId, second.Report);
        var after = await holder.LatestAsync(CancellationToken.None);

        Assert.Equal(first.ScanId, before!.ScanId);
        Assert.Same(second.Report, after!.Report);
        Assert.Null(await new LatestReportHolder().LatestAsync(CancellationToken.None));
    }
}
