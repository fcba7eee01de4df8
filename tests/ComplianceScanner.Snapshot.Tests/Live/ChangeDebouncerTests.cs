using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Live;
using Microsoft.Extensions.Time.Testing;

namespace ComplianceScanner.Snapshot.Tests.Live;

public sealed class ChangeDebouncerTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_burst_of_1000_changes_flushes_once_after_the_quiet_period()
    {
        var time = new FakeTimeProvider();
        var flushes = new List<IReadOnlyList<ObjectChange>>();
        using var debouncer = new ChangeDebouncer(time, Quiet, TimeSpan.FromMinutes(1), flushes.Add);

        for (var i = 0; i < 1000; i++)
        {
            debouncer.Add([Added("rb-" + i)]);
            time.Advance(TimeSpan.FromMilliseconds(4));
        }

        Assert.Empty(flushes);
        time.Advance(Quiet);
        Assert.Equal(1000, Assert.Single(flushes).Count);
        time.Advance(Quiet * 10);
        Assert.Single(flushes);
    }

    [Fact]
    public void Changes_that_never_pause_still_flush_after_the_maximum_delay()
    {
        var time = new FakeTimeProvider();
        var flushes = new List<IReadOnlyList<ObjectChange>>();
        using var debouncer = new ChangeDebouncer(time, Quiet, TimeSpan.FromSeconds(20), flushes.Add);

        for (var i = 0; i < 30; i++)
        {
            debouncer.Add([Added("rb-" + i)]);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        // 30 s of changes one second apart: flushed at 20 s, and the rest after they stop.
        Assert.Equal(20, Assert.Single(flushes).Count);
        time.Advance(Quiet);
        Assert.Equal(2, flushes.Count);
        Assert.Equal(10, flushes[1].Count);
    }

    [Fact]
    public void Repeated_changes_of_one_object_merge_and_an_add_then_delete_cancels_out()
    {
        var time = new FakeTimeProvider();
        var flushes = new List<IReadOnlyList<ObjectChange>>();
        using var debouncer = new ChangeDebouncer(time, Quiet, TimeSpan.FromMinutes(1), flushes.Add);
        var v1 = Binding("kept", "team-a");
        var v2 = Binding("kept", "team-b");
        var v3 = Binding("kept", "team-c");

        debouncer.Add([new ObjectChange(v1.Reference, ChangeType.Modified, v1, v2)]);
        debouncer.Add([new ObjectChange(v1.Reference, ChangeType.Modified, v2, v3)]);
        debouncer.Add([Added("temporary")]);
        debouncer.Add([new ObjectChange(new ObjectReference("RoleBinding", "team", "temporary"), ChangeType.Deleted, Binding("temporary", "x"), null)]);
        time.Advance(Quiet);

        var change = Assert.Single(Assert.Single(flushes));
        Assert.Equal(ChangeType.Modified, change.Type);
        Assert.Same(v1, change.Before);
        Assert.Same(v3, change.After);
    }

    private static ObjectChange Added(string name)
    {
        var binding = Binding(name, "team");
        return new ObjectChange(binding.Reference, ChangeType.Added, null, binding);
    }

    private static RbacBinding Binding(string name, string group) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "team" },
        RoleRef = new RoleRef("ClusterRole", "edit"),
        Subjects = [new Subject(Subject.GroupKind, group, null)],
    };
}
