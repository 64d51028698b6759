namespace Downscale.Core.Imaging;

/// <summary>
/// Lays images out side by side for visual comparison: one row per image, one column per method (for example the
/// ground truth, then each downscaler's output), separated by a gap, each cell optionally enlarged by pixel
/// replication so that LR detail stays visible.
/// </summary>
public static class ComparisonGrid
{
    /// <summary>Composes the grid.</summary>
    /// <param name="rows">The rows; every cell has the same channel count. Cells of a row may differ in size (each is
    /// top-left aligned in a slot as large as the row's largest cell).</param>
    /// <param name="zoom">Pixel-replication factor (1 = none), so that small LR images read on screen.</param>
    /// <param name="gap">Pixels between cells and around the grid.</param>
    /// <param name="background">The value of the gap and of unused slot area.</param>
    /// <exception cref="ArgumentException">No rows, an empty row, or cells with different channel counts.</exception>
    public static PlanarImage Compose(IReadOnlyList<IReadOnlyList<PlanarImage>> rows, int zoom = 1, int gap = 4, float background = 1f)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(zoom, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(gap);
        if (rows.Count == 0 || rows.Any(row => row.Count == 0))
        {
            throw new ArgumentException("A comparison grid needs at least one row, and every row at least one image.", nameof(rows));
        }

        int channels = rows[0][0].Channels;
        if (rows.SelectMany(row => row).Any(cell => cell.Channels != channels))
        {
            throw new ArgumentException($"Every image of a comparison grid needs {channels} channels, like the first.", nameof(rows));
        }

        int[] rowHeights = rows.Select(row => row.Max(cell => cell.Height) * zoom).ToArray();
        int[] slotWidths = rows.Select(row => row.Max(cell => cell.Width) * zoom).ToArray();
        int width = rows.Select((row, r) => row.Count * (slotWidths[r] + gap)).Max() + gap;
        int height = rowHeights.Sum() + (rows.Count * gap) + gap;
        var grid = new PlanarImage(channels, height, width);
        grid.Data.Span.Fill(background);

        int top = gap;
        for (int r = 0; r < rows.Count; r++)
        {
            int left = gap;
            foreach (PlanarImage cell in rows[r])
            {
                Blit(cell, grid, top, left, zoom);
                left += slotWidths[r] + gap;
            }

            top += rowHeights[r] + gap;
        }

        return grid;
    }

    private static void Blit(PlanarImage source, PlanarImage destination, int top, int left, int zoom)
    {
        for (int c = 0; c < source.Channels; c++)
        {
            for (int y = 0; y < source.Height * zoom; y++)
            {
                ReadOnlySpan<float> from = source.Row(c, y / zoom);
                Span<float> to = destination.Row(c, top + y).Slice(left, source.Width * zoom);
                for (int x = 0; x < to.Length; x++)
                {
                    to[x] = from[x / zoom];
                }
            }
        }
    }
}
