namespace HtmCloud.Api.Tests.Hosting;

/// <summary>Docker cannot run on the build machines: infra/Dockerfile's promises (stages, user, settings, health check) are read instead.</summary>
[TestFixture]
public sealed class DockerfileTests
{
    private static Dockerfile Image => Dockerfile.Load(ComposeFile.RepositoryPath(ComposeFile.NodeDockerfile));

    [Test]
    public void Image_IsBuiltInStages_AndItsRuntimeStageRunsAsANonRootUser()
    {
        var image = Image;
        Assert.That(image.Instructions.Count(i => i.Keyword == "FROM"), Is.GreaterThanOrEqualTo(2), "multi-stage: the SDK stays out of the image");
        var user = image.FinalStage.LastOrDefault(i => i.Keyword == "USER").Arguments;
        Assert.That(user, Is.Not.Null.And.Not.Empty, "the runtime stage sets no USER: it would run as root");
        Assert.That(user!.Split(':')[0], Is.Not.EqualTo("root").And.Not.EqualTo("0"));
    }

    [Test]
    public void EveryEnvironmentVariableOfTheImage_IsASettingTheServerReads()
    {
        var names = Image.EnvironmentNames;
        Assert.That(names, Is.Not.Empty);
        Assert.That(names.Select(ServerSettings.Problem).OfType<string>(), Is.Empty);
    }

    [Test]
    public void HealthCheck_AsksForAReadinessPath() => Assert.That(Image.HealthCheckPath, Does.StartWith("/health/"));
}
