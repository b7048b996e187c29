using System.Text.RegularExpressions;

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
    public void RestoreLayer_CopiesTheProjectFileOfEveryProjectTheApiBuildsOn()
    {
        var copied = Image.Instructions.Where(i => i.Keyword == "COPY").SelectMany(i => i.Arguments.Split(' ')).Where(a => a.EndsWith(".csproj")).ToHashSet();
        var needed = new SortedSet<string>();
        var pending = new Stack<string>(["src/HtmCloud.Api/HtmCloud.Api.csproj"]);
        while (pending.TryPop(out var project))
        {
            if (!needed.Add(project)) continue;
            var folder = Path.GetDirectoryName(project)!;
            foreach (Match reference in Regex.Matches(
                         File.ReadAllText(ComposeFile.RepositoryPath(project)), @"<ProjectReference\s+Include=""([^""]+)"""))
                pending.Push(Path.GetRelativePath(ComposeFile.RepositoryPath(""), Path.GetFullPath(Path.Combine(ComposeFile.RepositoryPath(folder), reference.Groups[1].Value))).Replace('\\', '/'));
        }
        Assert.That(needed.Except(copied), Is.Empty, "project files the restore layer lacks: `dotnet restore` in the image fails");
    }

    [Test]
    public void HealthCheck_AsksForAReadinessPath() => Assert.That(Image.HealthCheckPath, Does.StartWith("/health/"));
}
