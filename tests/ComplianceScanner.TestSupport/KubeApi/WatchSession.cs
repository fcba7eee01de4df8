using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace ComplianceScanner.TestSupport.KubeApi;

/// <summary>One open watch stream: the events still to be written to it, and the connection to abort to drop it.</summary>
internal sealed class WatchSession(ApiResource resource, string? ns, bool bookmarks, HttpContext context)
{
    public ApiResource Resource { get; } = resource;

    public string? Namespace { get; } = ns;

    public bool Bookmarks { get; } = bookmarks;

    public Channel<string> Lines { get; } = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public bool Matches(ApiResource resource, string? ns) => Resource == resource && (Namespace is null || Namespace == ns);

    /// <summary>Ends the stream cleanly, as an API server does when a watch times out.</summary>
    public void Close() => Lines.Writer.TryComplete();

    /// <summary>Resets the connection mid-stream, as a load balancer or a restarting API server would.</summary>
    public void Drop()
    {
        Lines.Writer.TryComplete();
        context.Abort();
    }
}
