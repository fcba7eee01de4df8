using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Tests.Permissions;

public sealed class SubjectOrderTests
{
    [Fact]
    public void Orders_exactly_like_Subject_CompareTo()
    {
        Subject[] subjects =
        [
            Subject.User("a"), Subject.User("a:b"), Subject.User("ab"), Subject.User(""), Subject.Group("a"), Subject.Group("system:authenticated"),
            Subject.Group("system:authenticated:x"), Subject.ServiceAccount("ns", "sa"), Subject.ServiceAccount("ns", "sa2"),
            Subject.ServiceAccount("ns-1", "a"), Subject.ServiceAccount("ns", "a"), Subject.ServiceAccount("n", "s/x"),
            Subject.ServiceAccount("ns/", "a"), new Subject("Use", "r"), new Subject("User", "x", "ignored"), new Subject("Userx", "a"),
        ];

        foreach (var x in subjects)
        {
            foreach (var y in subjects)
            {
                Assert.Equal(Math.Sign(x.CompareTo(y)), Math.Sign(SubjectOrder.Instance.Compare(x, y)));
            }
        }
    }
}
