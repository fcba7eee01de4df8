using ComplianceScanner.History.Deliveries;

namespace ComplianceScanner.History.Tests.Deliveries;

public sealed class ReportDeliveryStoreTests
{
    private static readonly DateTimeOffset Window = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Window.AddSeconds(3);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    private static NewReportDelivery Delivery(string audience = "team:shop", byte fill = 1) =>
        new("daily", audience, Window, "abc@compliance-scanner", 7, ["shop@example.com", "lead@example.com"], [fill, fill, fill]);

    [Fact]
    public void Only_the_first_of_two_replicas_claims_a_window_and_the_second_sees_it_held()
    {
        using var file = new StoreFile();
        using var a = ReportDeliveryStore.Open(file.Path);
        using var b = ReportDeliveryStore.Open(file.Path);

        var first = a.Claim(Delivery(fill: 1), Now, Lease);
        var second = b.Claim(Delivery(fill: 2), Now, Lease);

        Assert.True(first.Claimed && first.Inserted);
        Assert.False(second.Claimed || second.Inserted);
        Assert.Equal(ReportDeliveryState.Pending, second.Delivery.State);
        Assert.Equal([1, 1, 1], first.Delivery.Message.AsEnumerable());
        Assert.Equal(["shop@example.com", "lead@example.com"], first.Delivery.Recipients.AsEnumerable());
        Assert.Equal(1, a.PendingCount());
    }

    [Fact]
    public void A_sent_window_is_never_claimed_again()
    {
        using var file = new StoreFile();
        using var store = ReportDeliveryStore.Open(file.Path);
        var claim = store.Claim(Delivery(), Now, Lease);
        store.MarkSent(claim.Delivery.Id, Now.AddSeconds(1));

        var later = store.Claim(Delivery(), Now.AddDays(1), Lease);

        Assert.False(later.Claimed);
        Assert.Equal(ReportDeliveryState.Sent, later.Delivery.State);
        Assert.Null(store.TakeOver("daily", "team:shop", Window, Now.AddDays(1), Lease));
        Assert.Empty(store.ClaimDue(Now.AddDays(1), Lease, 10));
        Assert.Equal(7, store.LastDelivered("daily", "team:shop", Window.AddDays(1))!.ScanId);
        Assert.Null(store.LastDelivered("daily", "team:shop", Window));
    }

    [Fact]
    public void A_held_row_is_taken_over_only_after_its_lease_and_a_failed_one_only_when_due()
    {
        using var file = new StoreFile();
        using var store = ReportDeliveryStore.Open(file.Path);
        var claim = store.Claim(Delivery(), Now, Lease);

        Assert.Null(store.TakeOver("daily", "team:shop", Window, Now + Lease - TimeSpan.FromSeconds(1), Lease));
        var taken = store.TakeOver("daily", "team:shop", Window, Now + Lease, Lease);
        Assert.NotNull(taken);
        Assert.Equal(claim.Delivery.MessageId, taken.MessageId);
        Assert.Equal([1, 1, 1], taken.Message.AsEnumerable());

        var retryAt = Now + Lease + TimeSpan.FromMinutes(1);
        store.MarkFailed(claim.Delivery.Id, retryAt, "451 try later");
        Assert.Empty(store.ClaimDue(retryAt - TimeSpan.FromSeconds(1), Lease, 10));
        var due = Assert.Single(store.ClaimDue(retryAt, Lease, 10));
        Assert.Equal((1, "451 try later"), (due.Attempts, due.LastError));
        Assert.Empty(store.ClaimDue(retryAt, Lease, 10));
    }

    [Fact]
    public void Skipped_windows_are_recorded_once_and_count_as_delivered()
    {
        using var file = new StoreFile();
        using var store = ReportDeliveryStore.Open(file.Path);

        var skipped = store.RecordSkipped("daily", "security", Window, "x@compliance-scanner", 9, Now);
        var again = store.Claim(Delivery("security"), Now, Lease);

        Assert.Equal(ReportDeliveryState.Skipped, skipped.State);
        Assert.False(again.Claimed);
        Assert.Equal(9, store.LastDelivered("daily", "security", Window.AddDays(1))!.ScanId);
        Assert.Single(store.List("daily"));
        Assert.Equal(0, store.PendingCount());
    }
}
