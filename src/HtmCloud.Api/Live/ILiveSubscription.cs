using System.Threading.Channels;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Api.Live;

/// <summary>One viewer's buffer of published records; disposing it unsubscribes.</summary>
public interface ILiveSubscription : IDisposable
{
    ChannelReader<LiveRecord> Reader { get; }

    /// <summary>How many records were dropped so far because the buffer was full.</summary>
    long Dropped { get; }
}
