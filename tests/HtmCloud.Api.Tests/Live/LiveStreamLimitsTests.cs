using HtmCloud.Api.Live;

namespace HtmCloud.Api.Tests.Live;

public sealed class LiveStreamLimitsTests
{
    [Test]
    public void TryOpen_AllowsUpToTheLimitPerTenant_AndCloseFreesAPlace()
    {
        var limits = new LiveStreamLimits();
        Guid tenant = Guid.NewGuid(), other = Guid.NewGuid();

        Assert.That(limits.TryOpen(tenant, 2), Is.True);
        Assert.That(limits.TryOpen(tenant, 2), Is.True);
        Assert.That(limits.TryOpen(tenant, 2), Is.False);
        Assert.That(limits.TryOpen(other, 2), Is.True, "another tenant has its own count");

        limits.Close(tenant);
        Assert.That(limits.TryOpen(tenant, 2), Is.True);
        Assert.That(limits.TryOpen(tenant, 2), Is.False);
    }

    [Test]
    public void Close_OfTheLastStream_ForgetsTheTenant_AndNeverGoesNegative()
    {
        var limits = new LiveStreamLimits();
        var tenant = Guid.NewGuid();
        Assert.That(limits.TryOpen(tenant, 1), Is.True);

        limits.Close(tenant);
        limits.Close(tenant); // a stray close must not grant an extra place

        Assert.That(limits.TryOpen(tenant, 1), Is.True);
        Assert.That(limits.TryOpen(tenant, 1), Is.False);
    }
}
