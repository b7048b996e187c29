namespace HtmCloud.Htm.Algorithms;

/// <summary>Coordinate helpers for 1-D and 2-D row-major layouts.</summary>
internal static class Topology
{
    /// <summary>Centre of a column in input space: the input bit its position maps onto.</summary>
    public static int ColumnCentre(int column, int[] columnDims, int[] inputDims)
    {
        if (columnDims.Length == 1) return Scale(column, columnDims[0], inputDims[0]);
        int row = column / columnDims[1], col = column % columnDims[1];
        return Scale(row, columnDims[0], inputDims[0]) * inputDims[1] + Scale(col, columnDims[1], inputDims[1]);
    }

    /// <summary>
    /// Writes the indices within <paramref name="radius"/> (per dimension) of <paramref name="centre"/> into
    /// <paramref name="output"/> and returns how many; wraps at the edges or clips. Radius null = everything.
    /// </summary>
    public static int Neighbourhood(int centre, int[] dims, int? radius, bool wrap, Span<int> output)
    {
        if (dims.Length == 1) return Range(centre, dims[0], radius, wrap, output);
        int r0 = centre / dims[1], c0 = centre % dims[1];
        Span<int> rows = dims[0] <= 1024 ? stackalloc int[dims[0]] : new int[dims[0]];
        Span<int> cols = dims[1] <= 1024 ? stackalloc int[dims[1]] : new int[dims[1]];
        int nr = Range(r0, dims[0], radius, wrap, rows), nc = Range(c0, dims[1], radius, wrap, cols), count = 0;
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nc; j++)
                output[count++] = rows[i] * dims[1] + cols[j];
        return count;
    }

    /// <summary>Number of indices a neighbourhood of this radius holds.</summary>
    public static int NeighbourhoodSize(int[] dims, int? radius)
    {
        int size = 1;
        foreach (int d in dims) size *= radius is null || 2L * radius.Value + 1 >= d ? d : 2 * radius.Value + 1;
        return size;
    }

    private static int Scale(int i, int from, int to) => (int)((i + 0.5) * to / from);

    private static int Range(int centre, int size, int? radius, bool wrap, Span<int> output)
    {
        int n = 0;
        if (radius is null || 2L * radius.Value + 1 >= size)
        {
            for (int i = 0; i < size; i++) output[n++] = i;
            return n;
        }
        for (int d = -radius.Value; d <= radius.Value; d++)
        {
            int i = centre + d;
            if (wrap) output[n++] = ((i % size) + size) % size;
            else if (i >= 0 && i < size) output[n++] = i;
        }
        return n;
    }
}
