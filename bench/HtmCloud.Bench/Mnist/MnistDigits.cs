using System.Text.Json;

namespace HtmCloud.Bench.Mnist;

/// <summary>
/// The mnist package's digits, binarised: each image is the ascending indices of its 28×28 row-major pixels
/// above <see cref="Threshold"/> (the package stores intensities scaled to [0, 1]).
/// </summary>
internal sealed class MnistDigits
{
    public const int Side = 28, Pixels = Side * Side;
    public const float Threshold = 0.5f;

    private MnistDigits(int[][] images, int[] labels) => (Images, Labels) = (images, labels);

    /// <summary>Active pixels of each image.</summary>
    public int[][] Images { get; }

    /// <summary>Digit of each image, 0–9.</summary>
    public int[] Labels { get; }

    public int Count => Labels.Length;

    /// <summary>Reads digits/0.json … 9.json, each {"data": [pixels of every image of that digit, concatenated]}.</summary>
    public static MnistDigits Load(string digitsFolder)
    {
        var images = new List<int[]>();
        var labels = new List<int>();
        var active = new List<int>(Pixels);
        for (int digit = 0; digit < 10; digit++)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(digitsFolder, $"{digit}.json")));
            var data = json.RootElement.GetProperty("data");
            if (data.GetArrayLength() % Pixels != 0)
                throw new InvalidDataException($"{digit}.json holds {data.GetArrayLength()} values, not a multiple of {Pixels}.");
            int pixel = 0;
            foreach (var value in data.EnumerateArray())
            {
                if (value.GetSingle() > Threshold) active.Add(pixel);
                if (++pixel < Pixels) continue;
                images.Add([.. active]);
                labels.Add(digit);
                active.Clear();
                pixel = 0;
            }
        }
        return new MnistDigits([.. images], [.. labels]);
    }
}
