using Orleans.Runtime.Placement;

namespace HtmCloud.Grains.Pools;

/// <summary>Picks the silo for a new column shard activation from the shard index at the end of its key.</summary>
public sealed class ColumnRangePlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        string key = target.GrainIdentity.Key.ToString();
        int shard = int.TryParse(key.AsSpan(key.LastIndexOf('/') + 1), out int index) ? index : 0;
        return Task.FromResult(silos[(int)((uint)shard % (uint)silos.Length)]);
    }
}
