using System.Text.Json;
using HtmCloud.Cli.Output;
using HtmCloud.Contracts;

namespace HtmCloud.Cli.Config;

/// <summary>
/// <c>$XDG_CONFIG_HOME/htmcloud/config.json</c>, else <c>~/.config/htmcloud/config.json</c>; the folder is 0700 and the
/// file 0600, since it holds the API key.
/// </summary>
public static class ConfigStore
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    public static string Folder
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            string root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(root, "htmcloud");
        }
    }

    public static string FilePath => Path.Combine(Folder, "config.json");

    public static CliConfig Load()
    {
        if (!File.Exists(FilePath)) return new CliConfig();
        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(FilePath), HtmJson.Options) ?? new CliConfig();
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Usage, $"{FilePath} is not valid JSON ({e.Message}): fix it or run 'htmcloud login' again");
        }
    }

    public static void Save(CliConfig config)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(FilePath, JsonSerializer.Serialize(config, HtmJson.Options));
            return;
        }
        Directory.CreateDirectory(Folder, OwnerOnlyFolder);
        // Written beside and moved over, so the key never sits in a file with wider permissions, even briefly.
        string temp = FilePath + ".tmp";
        using (var file = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile }))
            JsonSerializer.Serialize(file, config, HtmJson.Options);
        File.SetUnixFileMode(temp, OwnerOnlyFile);
        File.Move(temp, FilePath, overwrite: true);
    }
}
