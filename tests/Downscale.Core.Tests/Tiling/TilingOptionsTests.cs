using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Tests;

namespace Downscale.Core.Tests.Tiling;

/// <summary>Bad options and bad models are refused before any tile runs, with messages that say what to change.</summary>
public class TilingOptionsTests
{
    [Fact]
    public void Defaults_AreOneWorkerFailAndNoExplicitLimit()
    {
        var options = new TilingOptions();

        Assert.Equal(1, options.DegreeOfParallelism);
        Assert.Equal(SizePolicy.Fail, options.SizePolicy);
        Assert.Null(options.TileSize);
        Assert.Null(options.MaxTileMegapixels);
        Assert.Null(options.MemoryBudgetBytes);
        Assert.Null(options.ExtraPlanes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void TileSize_NotPositive_IsRefused(int value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TilingOptions { TileSize = value });

        Assert.Equal(nameof(TilingOptions.TileSize), e.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void MaxTileMegapixels_NotPositiveFinite_IsRefused(double value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TilingOptions { MaxTileMegapixels = value });

        Assert.Equal(nameof(TilingOptions.MaxTileMegapixels), e.ParamName);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void MemoryBudgetBytes_NotPositive_IsRefused(long value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TilingOptions { MemoryBudgetBytes = value });

        Assert.Equal(nameof(TilingOptions.MemoryBudgetBytes), e.ParamName);
    }

    [Fact]
    public void DegreeOfParallelism_BelowOne_IsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TilingOptions { DegreeOfParallelism = 0 });

        Assert.Equal(nameof(TilingOptions.DegreeOfParallelism), e.ParamName);
    }

    [Fact]
    public void SizePolicy_Undefined_IsRefusedNamingTheValidOnes()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TilingOptions { SizePolicy = (SizePolicy)7 });

        Assert.Contains("Fail, Crop, ReflectPad", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TileSize_SmallerThanTheScale_IsRefused()
    {
        PlanarImage hr = TestImages.Random(1, 16, 16, seed: 1);

        var e = Assert.Throws<ArgumentException>(() =>
            TiledInference.Run(hr, new BoxBlurDownscaler(4, 1), new TilingOptions { TileSize = 3 }));

        Assert.Contains("TileSize 3 is smaller than the scale 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_TooSmallForTheHalo_IsRefusedWithTheArithmetic()
    {
        // 64 KiB at 1 KiB per pixel = 64 pixels per tile, but one 2x2 block with a 4-pixel halo needs 10x10 = 100.
        PlanarImage hr = TestImages.Random(1, 64, 64, seed: 1);
        var model = new BoxBlurDownscaler(2, radius: 4) { BytesPerHrPixel = 1024 };

        var e = Assert.Throws<ArgumentException>(() =>
            TiledInference.Run(hr, model, new TilingOptions { MemoryBudgetBytes = 64 * 1024 }));

        Assert.Equal("options", e.ParamName);
        Assert.Contains("allow 64 HR pixels per padded tile", e.Message, StringComparison.Ordinal);
        Assert.Contains("4-pixel halo on every side, needs 100", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public void Budget_TooSmallForAHaloButLargeEnoughForTheWholeImage_RunsOneTile()
    {
        // 100 pixels allowed; the halo alone would not fit, but the 8x8 image does, untiled.
        PlanarImage hr = TestImages.Random(1, 8, 8, seed: 1);
        var model = new BoxBlurDownscaler(2, radius: 4) { BytesPerHrPixel = 1 };

        PlanarImage output = TiledInference.Run(hr, model, new TilingOptions { MaxTileMegapixels = 100e-6 });

        Assert.Equal(1, model.Calls);
        Assert.Equal(TiledInference.RunUntiled(hr, model).Data.ToArray(), output.Data.ToArray());
    }

    [Theory]
    [InlineData(0, 1, 1, "Scale is 0")]
    [InlineData(2, -1, 1, "HaloHr is -1")]
    [InlineData(2, 1, 0, "BytesPerHrPixel is 0")]
    public void Model_WithImpossibleProperties_IsRefused(int scale, int halo, long bytes, string expected)
    {
        PlanarImage hr = TestImages.Random(1, 8, 8, seed: 1);
        var model = new FixedModel(scale, halo, bytes, _ => throw new InvalidOperationException("must not run"));

        var e = Assert.Throws<ArgumentException>(() => TiledInference.Run(hr, model));

        Assert.Equal("model", e.ParamName);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_ReturningTheWrongShape_IsReportedByName()
    {
        PlanarImage hr = TestImages.Random(1, 8, 8, seed: 1);
        var model = new FixedModel(2, 0, 4, tile => new PlanarImage(1, tile.Height, tile.Width));

        var e = Assert.Throws<InvalidOperationException>(() => TiledInference.Run(hr, model, new TilingOptions { TileSize = 4 }));

        Assert.Contains("FixedModel returned PlanarImage 1x4x4 for a PlanarImage 1x4x4 tile at scale 2; expected Cx2x2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_FailingInAParallelWorker_SurfacesItsOwnException()
    {
        PlanarImage hr = TestImages.Random(1, 64, 64, seed: 1);
        int calls = 0;
        var model = new FixedModel(2, 0, 4, tile =>
            Interlocked.Increment(ref calls) == 5 ? throw new TimeoutException("tile five") : BoxBlurDownscaler.BlockMean(tile, 2));

        var e = Assert.Throws<TimeoutException>(() =>
            TiledInference.Run(hr, model, new TilingOptions { TileSize = 8, DegreeOfParallelism = 3 }));

        Assert.Equal("tile five", e.Message);
        Assert.True(calls < 64, $"workers stop taking tiles after a failure ({calls} of 64 ran)");
    }

    /// <summary>A model with given properties and behaviour.</summary>
    private sealed class FixedModel(int scale, int halo, long bytes, Func<PlanarImage, PlanarImage> run) : ITileDownscaler
    {
        public int Scale => scale;

        public int HaloHr => halo;

        public long BytesPerHrPixel => bytes;

        public PlanarImage Run(PlanarImage hrTile) => run(hrTile);
    }
}
