using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Tests;

namespace Downscale.Core.Tests.Tiling;

/// <summary>Tiled inference equals the whole-image pass of a local operator whose receptive field the halo covers.</summary>
public class TiledInferenceTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(2, 1, 2)] // tiny tiles: one 2x2 block each, far smaller than the halo
    [InlineData(2, 1, 14)]
    [InlineData(2, 2, 33)] // rounded down to 32; does not divide the image
    [InlineData(3, 1, 3)]
    [InlineData(3, 1, 20)]
    [InlineData(3, 2, 45)]
    [InlineData(4, 1, 4)]
    [InlineData(4, 1, 28)]
    [InlineData(4, 2, 1000)] // one tile
    public void BoxBlur_TiledEqualsUntiled(int scale, int blurs, int tileSize)
    {
        PlanarImage hr = TestImages.Random(3, 23 * scale, 17 * scale, seed: (scale * 100) + tileSize);
        var model = new BoxBlurDownscaler(scale, radius: 3, blurs);

        PlanarImage untiled = TiledInference.RunUntiled(hr, model);
        PlanarImage tiled = TiledInference.Run(hr, model, new TilingOptions { TileSize = tileSize });

        Assert.Equal(3, tiled.Channels);
        Assert.Equal(23, tiled.Height);
        Assert.Equal(17, tiled.Width);
        Assert.True(TestImages.MaxAbsDifference(untiled, tiled) <= Tolerance);
        int core = tileSize / scale * scale;
        int expectedTiles = Ceiling(23 * scale, core) * Ceiling(17 * scale, core);
        Assert.Equal(expectedTiles + 1, model.Calls); // + the untiled pass
    }

    [Fact]
    public void Untiled_IsTheBlurredBlockMean()
    {
        // Anchors the reference itself: the operator run once on the whole image.
        PlanarImage hr = TestImages.Random(1, 12, 8, seed: 5);
        var model = new BoxBlurDownscaler(2, radius: 1);

        PlanarImage untiled = TiledInference.RunUntiled(hr, model);

        PlanarImage expected = BoxBlurDownscaler.BlockMean(BoxBlurDownscaler.Blur(hr, 1), 2);
        Assert.Equal(expected.Data.ToArray(), untiled.Data.ToArray());
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    public void ParallelTiles_EqualSequentialTilesBitForBit(int scale, int workers)
    {
        PlanarImage hr = TestImages.Random(2, 31 * scale, 29 * scale, seed: scale);
        var model = new BoxBlurDownscaler(scale, radius: 2, blurs: 2);

        PlanarImage sequential = TiledInference.Run(hr, model, new TilingOptions { TileSize = 8 * scale });
        PlanarImage parallel = TiledInference.Run(hr, model, new TilingOptions { TileSize = 8 * scale, DegreeOfParallelism = workers });
        PlanarImage untiled = TiledInference.RunUntiled(hr, model);

        Assert.Equal(sequential.Data.ToArray(), parallel.Data.ToArray());
        Assert.True(TestImages.MaxAbsDifference(untiled, parallel) <= Tolerance);
    }

    [Fact]
    public void HaloSmallerThanTheReceptiveField_MeasurablyDiffers()
    {
        // Radius 3 at scale 2, declared 2: the rounded halo (2) misses one pixel of context at every interior cut.
        PlanarImage hr = TestImages.Random(3, 48, 40, seed: 11);
        var honest = new BoxBlurDownscaler(2, radius: 3);
        var underestimated = new BoxBlurDownscaler(2, radius: 3, declaredHalo: 2);
        var options = new TilingOptions { TileSize = 12 };

        PlanarImage untiled = TiledInference.RunUntiled(hr, honest);
        double exact = TestImages.MaxAbsDifference(untiled, TiledInference.Run(hr, honest, options));
        double wrong = TestImages.MaxAbsDifference(untiled, TiledInference.Run(hr, underestimated, options));

        Assert.True(exact <= Tolerance, $"exact halo: {exact}");
        Assert.True(wrong > 1e-3, $"short halo: {wrong}");
    }

    [Fact]
    public void Halo_IsRoundedUpToAMultipleOfTheScale()
    {
        // Radius 3 at scale 4, declared 1: the halo becomes 4, which covers the real radius.
        PlanarImage hr = TestImages.Random(1, 64, 48, seed: 3);
        var model = new BoxBlurDownscaler(4, radius: 3, declaredHalo: 1);

        PlanarImage tiled = TiledInference.Run(hr, model, new TilingOptions { TileSize = 8 });

        Assert.True(TestImages.MaxAbsDifference(TiledInference.RunUntiled(hr, model), tiled) <= Tolerance);
    }

    [Fact]
    public void RunInto_FillsTheGivenDestination()
    {
        PlanarImage hr = TestImages.Random(3, 36, 30, seed: 8);
        var model = new BoxBlurDownscaler(3, radius: 1);
        var destination = new PlanarImage(3, 12, 10);

        TiledInference.RunInto(hr, model, destination, new TilingOptions { TileSize = 9, DegreeOfParallelism = 2 });

        Assert.True(TestImages.MaxAbsDifference(TiledInference.RunUntiled(hr, model), destination) <= Tolerance);
    }

    [Fact]
    public void RunInto_DestinationOfTheWrongSize_IsRefused()
    {
        PlanarImage hr = TestImages.Random(3, 36, 30, seed: 8);

        var e = Assert.Throws<ArgumentException>(() =>
            TiledInference.RunInto(hr, new BoxBlurDownscaler(3, 1), new PlanarImage(3, 12, 11)));

        Assert.Equal("destination", e.ParamName);
        Assert.Contains("12x10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunInto_DestinationWithOtherChannels_IsRefused()
    {
        PlanarImage hr = TestImages.Random(3, 36, 30, seed: 8);

        var e = Assert.Throws<InvalidOperationException>(() =>
            TiledInference.RunInto(hr, new BoxBlurDownscaler(3, 1), new PlanarImage(1, 12, 10)));

        Assert.Contains("expected 1x", e.Message, StringComparison.Ordinal);
    }

    private static int Ceiling(int a, int b) => (a + b - 1) / b;
}
