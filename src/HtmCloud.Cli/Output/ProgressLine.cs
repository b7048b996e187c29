using Spectre.Console;
using Spectre.Console.Rendering;

namespace HtmCloud.Cli.Output;

/// <summary>A one-line progress bar that can sit in a live display beside a table (Spectre's own Progress cannot).</summary>
public static class ProgressLine
{
    public static IRenderable Render(long done, long total, TimeSpan elapsed, int width = 40)
    {
        double fraction = total == 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        int filled = (int)Math.Round(fraction * width);
        double rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        return new Markup($"[green]{new string('━', filled)}[/][grey]{new string('━', width - filled)}[/] {fraction * 100:0}%  {done:N0}/{total:N0} records  {rate:N0}/s");
    }
}
