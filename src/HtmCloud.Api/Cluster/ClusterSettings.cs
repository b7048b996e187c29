namespace HtmCloud.Api.Cluster;

/// <summary>
/// Settings section <c>Cluster</c> (not <c>Orleans</c>: that section belongs to Orleans' own provider configuration).
/// The mode itself is the value of the key <c>Cluster</c> (<see cref="ClusterMode"/>), e.g. env <c>Cluster=Redis</c>.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Cluster";

    /// <summary>Orleans' own membership options (probe timeouts, votes…), bound from <c>Cluster:Membership</c>.</summary>
    public const string MembershipSection = "Cluster:Membership";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary><c>Cluster=Localhost</c> only: another local silo's port, which this node joins (several silos on one machine).</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>
    /// The address other nodes reach this one at (IP or host name); the silo also listens there. Default: loopback
    /// for <c>Localhost</c>, this machine's first non-loopback IPv4 address for <c>Redis</c>.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Nodes with the same cluster id form one cluster (one deployment).</summary>
    public string ClusterId { get; set; } = "htmcloud";

    /// <summary>Stays the same across deployments and upgrades of one service.</summary>
    public string ServiceId { get; set; } = "htmcloud";
}
