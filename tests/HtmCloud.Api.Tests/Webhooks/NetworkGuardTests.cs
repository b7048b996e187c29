using System.Net;
using HtmCloud.Api.Webhooks;

namespace HtmCloud.Api.Tests.Webhooks;

public sealed class NetworkGuardTests
{
    [TestCase("127.0.0.1")]
    [TestCase("127.255.0.9")]
    [TestCase("10.1.2.3")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.255")]
    [TestCase("192.168.1.1")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("224.0.0.1")]
    [TestCase("255.255.255.255")]
    [TestCase("::")]
    [TestCase("::1")]
    [TestCase("fe80::1")]
    [TestCase("fc00::1")]
    [TestCase("fd00:ec2::254")]
    [TestCase("ff02::1")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:10.0.0.1")]
    [TestCase("64:ff9b::a9fe:a9fe")]
    [TestCase("2002:a00:1::1")]
    public void IsRefused_LoopbackPrivateLinkLocalAndMetadata(string address) =>
        Assert.That(NetworkGuard.IsRefused(IPAddress.Parse(address)), Is.True);

    [TestCase("93.184.216.34")]
    [TestCase("8.8.8.8")]
    [TestCase("11.0.0.1")]
    [TestCase("172.32.0.1")]
    [TestCase("100.128.0.1")]
    [TestCase("2606:4700::1111")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    public void IsRefused_NotForPublicAddresses(string address) =>
        Assert.That(NetworkGuard.IsRefused(IPAddress.Parse(address)), Is.False);

    [Test]
    public void UrlRules_RequireHttps_UnlessTheOperatorAllowsHttp()
    {
        var strict = new WebhookSettings();

        Assert.That(WebhookUrlRules.Check("http://example.com/hook", strict), Is.EqualTo("must be an https URL"));
        Assert.That(WebhookUrlRules.Check("https://example.com/hook", strict), Is.Null);
        Assert.That(WebhookUrlRules.Check("http://example.com/hook", new WebhookSettings { AllowHttp = true }), Is.Null);
        Assert.That(WebhookUrlRules.Check("http://127.0.0.1/hook", new WebhookSettings { AllowHttp = true }), Does.Contain("refused"));
        Assert.That(WebhookUrlRules.Check("http://127.0.0.1/hook", new WebhookSettings { AllowPrivateNetworks = true }), Is.Null);
    }
}
