using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Models;

namespace HtmCloud.Api.Records;

/// <summary>
/// Draws each pool's columns as a square grid of 4×4-pixel cells, pools side by side: active columns green,
/// columns with a predictive cell blue, both cyan, the rest dark grey.
/// </summary>
public static class StatePicture
{
    private const int Cell = 4, Gap = 8;
    private static readonly byte[] Idle = [40, 40, 40], Active = [60, 200, 90], Predicted = [70, 110, 230], Both = [60, 220, 230];

    public static byte[] Draw(CompiledGraph graph, RecordOutcome? last)
    {
        var plan = graph.Plan;
        var sides = Enumerable.Range(0, plan.PoolCount)
            .Select(p => (int)Math.Ceiling(Math.Sqrt(Htm.Models.HtmModelParameters.ColumnCountOf(plan.ModelOf(p).SpatialPooler)))).ToArray();
        int width = sides.Sum(s => s * Cell) + Gap * (sides.Length - 1), height = sides.Max() * Cell;
        var rgb = new byte[width * height * 3];
        int left = 0;
        for (int p = 0; p < plan.PoolCount; p++)
        {
            int columns = Htm.Models.HtmModelParameters.ColumnCountOf(plan.ModelOf(p).SpatialPooler);
            int cellsPerColumn = plan.ModelOf(p).TemporalMemory.CellsPerColumn;
            var state = new byte[columns];
            if (last is not null)
            {
                foreach (int c in last.Pools[p].ActiveColumns ?? []) state[c] |= 1;
                foreach (int cell in last.Pools[p].PredictiveCells ?? []) state[cell / cellsPerColumn] |= 2;
            }
            for (int c = 0; c < columns; c++)
            {
                var colour = state[c] switch { 1 => Active, 2 => Predicted, 3 => Both, _ => Idle };
                int x0 = left + (c % sides[p]) * Cell, y0 = (c / sides[p]) * Cell;
                for (int y = y0; y < y0 + Cell - 1; y++)
                    for (int x = x0; x < x0 + Cell - 1; x++)
                        colour.CopyTo(rgb, (y * width + x) * 3);
            }
            left += sides[p] * Cell + Gap;
        }
        return PngWriter.Encode(width, height, rgb);
    }
}
