using System.Text;
using HtmCloud.Api.Webhooks;

namespace HtmCloud.Api.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    [Test]
    public void Sign_MatchesTheStandardWebhooksTestVector()
    {
        // The example of the Standard Webhooks specification's reference libraries.
        var signature = WebhookSigner.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
            Encoding.UTF8.GetBytes("""{"test": 2432232314}"""));

        Assert.That(signature, Is.EqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    [Test]
    public void SignatureHeader_SignsWithEverySecret_SpaceSeparated_AndEachVerifies()
    {
        var (current, previous) = (WebhookSigner.NewSecret(), WebhookSigner.NewSecret());
        const string body = """{"type":"batch.processed"}""";

        var header = WebhookSigner.SignatureHeader([current, previous], "d1", 1700000000, Encoding.UTF8.GetBytes(body));

        Assert.That(header.Split(' '), Has.Length.EqualTo(2));
        var now = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        Assert.That(SignatureVerifier.Verifies(current, "d1", "1700000000", body, header, now), Is.True);
        Assert.That(SignatureVerifier.Verifies(previous, "d1", "1700000000", body, header, now), Is.True);
        Assert.That(SignatureVerifier.Verifies(WebhookSigner.NewSecret(), "d1", "1700000000", body, header, now), Is.False);
        Assert.That(SignatureVerifier.Verifies(current, "d1", "1700000000", body + " ", header, now), Is.False, "a changed body fails");
    }
}
