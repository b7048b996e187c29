using System.Collections.Concurrent;

namespace HtmCloud.Api.Live;

/// <summary>Open record streams per tenant on this node, so one tenant cannot hold an unbounded number of connections.</summary>
public sealed class LiveStreamLimits
{
    private readonly ConcurrentDictionary<Guid, int> _open = new();

    /// <summary>Counts a new stream for the tenant, or returns false when it already has <paramref name="max"/> open.</summary>
    public bool TryOpen(Guid tenantId, int max)
    {
        while (true)
        {
            int current = _open.GetOrAdd(tenantId, 0);
            if (current >= max) return false;
            if (_open.TryUpdate(tenantId, current + 1, current)) return true;
        }
    }

    public void Close(Guid tenantId)
    {
        while (true)
        {
            int current = _open.GetValueOrDefault(tenantId);
            if (current <= 1)
            {
                // Removing only a count of 1 keeps a concurrent TryOpen's increment.
                if (current == 0 || _open.TryRemove(new KeyValuePair<Guid, int>(tenantId, 1))) return;
            }
            else if (_open.TryUpdate(tenantId, current - 1, current)) return;
        }
    }
}
