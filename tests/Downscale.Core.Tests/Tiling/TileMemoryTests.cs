using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Tests;

namespace Downscale.Core.Tests.Tiling;

/// <summary>The budget bounds every tile, and the tiler itself never allocates anything full-size besides the output.</summary>
public class TileMemoryTests
{
    private const int Height = 3000;
    private const int Width = 4000;
    private const int Scale = 4;

    private static readonly PlanarImage Hr = TestImages.Random(1, Height, Width, seed: 12); // 12 MP, 48 MB

    [Fact]
    public void LargeImage_UnderABudget_NoTileExceedsItAndTheTilerAllocatesNoFullSizeIntermediate()
    {
        const long budget = 8L << 20;
        var model = new BoxBlurDownscaler(Scale, radius: 0, declaredHalo: 8) { BytesPerHrPixel = 32 };
        long tileCap = budget / model.BytesPerHrPixel; // 262,144 HR pixels
        PlanarImage hr = Hr; // made before the measurement starts

        long before = GC.GetAllocatedBytesForCurrentThread();
        PlanarImage lr = TiledInference.Run(hr, model, new TilingOptions { MemoryBudgetBytes = budget });
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(model.MaxTilePixels, 1, tileCap);
        Assert.True(model.Calls >= (long)Height * Width / tileCap, $"{model.Calls} tiles");

        // What the tiler allocated itself: the LR output, one reused tile buffer, the tile list. A full-size copy of the
        // input (48 MB) or of the output once more (3 MB) would break this bound.
        long tiler = allocated - model.OwnAllocatedBytes;
        long output = (long)lr.Height * lr.Width * sizeof(float);
        long oneTile = tileCap * sizeof(float);
        Assert.True(tiler < output + oneTile + (256 << 10), $"tiler allocated {tiler:N0} bytes; output {output:N0}, one tile {oneTile:N0}");

        Assert.Equal(0.0, TestImages.MaxAbsDifference(BoxBlurDownscaler.BlockMean(Hr, Scale), lr), 6);
    }

    [Fact]
    public void Workers_ShareTheBudget()
    {
        const long budget = 8L << 20;
        var model = new BoxBlurDownscaler(Scale, radius: 0, declaredHalo: 8) { BytesPerHrPixel = 32 };

        TiledInference.Run(Hr, model, new TilingOptions { MemoryBudgetBytes = budget, DegreeOfParallelism = 4 });

        Assert.InRange(model.MaxTilePixels, 1, budget / model.BytesPerHrPixel / 4);
    }

    [Fact]
    public void MaxTileMegapixels_BoundsThePaddedTile()
    {
        var model = new BoxBlurDownscaler(Scale, radius: 0, declaredHalo: 5);

        TiledInference.Run(Hr, model, new TilingOptions { MaxTileMegapixels = 0.5 });

        Assert.InRange(model.MaxTilePixels, 400_000, 500_000); // large tiles, never above the limit
    }

    [Fact]
    public void DefaultBudget_AppliesWhenNoLimitIsSet()
    {
        var model = new BoxBlurDownscaler(Scale, radius: 0, declaredHalo: 8) { BytesPerHrPixel = 256 };

        TiledInference.Run(Hr, model);

        Assert.InRange(model.MaxTilePixels, 1, TilingOptions.Defaults.MemoryBudgetBytes / 256);
        Assert.True(model.Calls > 1);
    }
}
