using System.Globalization;

namespace Downscale.Core.Tiling;

/// <summary>Cuts an aligned HR image into tiles whose cores start at multiples of the scale and whose padded size obeys the <see cref="TilingOptions"/> limits.</summary>
internal sealed class TileGrid
{
    private TileGrid(IReadOnlyList<Tile> tiles, int halo)
    {
        Tiles = tiles;
        Halo = halo;
        MaxPaddedPixels = tiles.Max(t => t.PaddedPixels);
    }

    /// <summary>The tiles in row-major order; their cores cover the image exactly once.</summary>
    public IReadOnlyList<Tile> Tiles { get; }

    /// <summary>The halo actually used: the model's <see cref="ITileDownscaler.HaloHr"/> rounded up to a multiple of the scale.</summary>
    public int Halo { get; }

    /// <summary>The largest padded tile, in HR pixels: what one worker's buffer must hold per channel.</summary>
    public long MaxPaddedPixels { get; }

    /// <summary>Plans the tiles of an aligned <paramref name="height"/> x <paramref name="width"/> image.</summary>
    /// <exception cref="ArgumentException">The limits leave no room for one scale block plus its halo, or TileSize is below the scale.</exception>
    public static TileGrid Plan(int height, int width, int scale, int haloHr, long bytesPerHrPixel, TilingOptions options)
    {
        // A halo that is a multiple of the scale keeps every padded tile's origin on the scale grid, as untiled block operators see it.
        int halo = checked((haloHr + scale - 1) / scale * scale);
        long areaCap = AreaCap(bytesPerHrPixel, options);
        long coreCap = long.MaxValue;
        if (options.TileSize is int tileSize)
        {
            coreCap = tileSize / scale * scale;
            if (coreCap < scale)
            {
                throw new ArgumentException(
                    $"TileSize {tileSize} is smaller than the scale {scale}: a tile holds at least one {scale}x{scale} block.", nameof(options));
            }
        }

        (long coreHeight, long coreWidth) = CoreSize(height, width, scale, halo, areaCap, coreCap, bytesPerHrPixel, options);
        int[] rowCuts = Cuts(height, (int)coreHeight, scale);
        int[] columnCuts = Cuts(width, (int)coreWidth, scale);
        var tiles = new List<Tile>((rowCuts.Length - 1) * (columnCuts.Length - 1));
        for (int i = 0; i + 1 < rowCuts.Length; i++)
        {
            (int top, int paddedTop, int paddedBottom) = (rowCuts[i], Math.Max(0, rowCuts[i] - halo), Math.Min(height, rowCuts[i + 1] + halo));
            for (int j = 0; j + 1 < columnCuts.Length; j++)
            {
                (int left, int paddedLeft, int paddedRight) = (columnCuts[j], Math.Max(0, columnCuts[j] - halo), Math.Min(width, columnCuts[j + 1] + halo));
                tiles.Add(new Tile(
                    top, left, rowCuts[i + 1] - top, columnCuts[j + 1] - left,
                    paddedTop, paddedLeft, paddedBottom - paddedTop, paddedRight - paddedLeft));
            }
        }

        return new TileGrid(tiles, halo);
    }

    /// <summary>The largest padded tile area the options allow, in HR pixels (long.MaxValue: no area limit).</summary>
    private static long AreaCap(long bytesPerHrPixel, TilingOptions options)
    {
        long cap = long.MaxValue;
        if (options.MaxTileMegapixels is double megapixels)
        {
            cap = (long)Math.Min(megapixels * 1e6, long.MaxValue);
        }

        if (Budget(options) is long bytes)
        {
            cap = Math.Min(cap, bytes / bytesPerHrPixel / options.DegreeOfParallelism);
        }

        return cap;
    }

    private static (long Height, long Width) CoreSize(
        int height, int width, int scale, int halo, long areaCap, long coreCap, long bytesPerHrPixel, TilingOptions options)
    {
        if (areaCap == long.MaxValue || (long)height * width <= areaCap)
        {
            // No area limit, or the whole image fits in one tile.
            return (Math.Min(coreCap, height), Math.Min(coreCap, width));
        }

        long side = (((long)Math.Sqrt(areaCap) - (2L * halo)) / scale) * scale;
        if (side < scale)
        {
            long smallest = (long)(scale + (2 * halo)) * (scale + (2 * halo));
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The tiling limits (MaxTileMegapixels {options.MaxTileMegapixels?.ToString(CultureInfo.InvariantCulture) ?? "unset"}, " +
                    $"MemoryBudgetBytes {Budget(options)?.ToString(CultureInfo.InvariantCulture) ?? "unset"} at {bytesPerHrPixel} bytes per HR pixel " +
                    $"and {options.DegreeOfParallelism} tiles at once) allow {areaCap} HR pixels per padded tile, but the smallest tile, one {scale}x{scale} " +
                    $"block with a {halo}-pixel halo on every side, needs {smallest}. Raise MemoryBudgetBytes or MaxTileMegapixels, or lower DegreeOfParallelism."),
                nameof(options));
        }

        long coreHeight = Math.Min(Math.Min(side, coreCap), height);
        long coreWidth = Math.Min(Math.Min(side, coreCap), width);

        // A strip that one tile spans across: spend the area left over on the other side.
        if (coreHeight == height && coreWidth < width)
        {
            coreWidth = Math.Min(Math.Min(Math.Max(coreWidth, Widened(areaCap, height, halo, scale)), coreCap), width);
        }
        else if (coreWidth == width && coreHeight < height)
        {
            coreHeight = Math.Min(Math.Min(Math.Max(coreHeight, Widened(areaCap, width, halo, scale)), coreCap), height);
        }

        return (coreHeight, coreWidth);
    }

    /// <summary>The byte budget in force: the explicit one, else the default when no other tile limit is set.</summary>
    private static long? Budget(TilingOptions options) =>
        options.MemoryBudgetBytes
        ?? (options.TileSize.HasValue || options.MaxTileMegapixels.HasValue ? null : TilingOptions.Defaults.MemoryBudgetBytes);

    private static long Widened(long areaCap, int across, int halo, int scale) => ((areaCap / across) - (2L * halo)) / scale * scale;

    /// <summary>Near-equal cuts of [0, <paramref name="length"/>) on the scale grid, each at most <paramref name="core"/> long.</summary>
    private static int[] Cuts(int length, int core, int scale)
    {
        int blocks = length / scale;
        int count = (length + core - 1) / core;
        var cuts = new int[count + 1];
        for (int i = 0; i <= count; i++)
        {
            cuts[i] = (int)((long)blocks * i / count) * scale;
        }

        return cuts;
    }
}
