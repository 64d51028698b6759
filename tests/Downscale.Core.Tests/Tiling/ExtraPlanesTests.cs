using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Tests;

namespace Downscale.Core.Tests.Tiling;

/// <summary>Extra input planes of the whole image (field coordinates) reach every tile with their true values.</summary>
public class ExtraPlanesTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(2, 6, 1)]
    [InlineData(3, 9, 2)]
    public void Coordinates_AreCutWithTheImage_TiledEqualsUntiled(int scale, int tileSize, int workers)
    {
        PlanarImage hr = TestImages.Random(3, 20 * scale, 14 * scale, seed: scale);
        var model = new BoxBlurDownscaler(scale, radius: 2);
        var options = new TilingOptions { TileSize = tileSize, DegreeOfParallelism = workers, ExtraPlanes = TilingReference.Coordinates };

        PlanarImage tiled = TiledInference.Run(hr, model, options);
        PlanarImage untiled = TiledInference.RunUntiled(hr, model, options);

        // The operator passes every input plane through, so planes 3 and 4 are the blurred, block-averaged coordinates.
        PlanarImage reference = model.Run(TilingReference.Concat(hr, TilingReference.Coordinates(hr.Height, hr.Width)));
        Assert.Equal(5, tiled.Channels);
        Assert.True(TestImages.MaxAbsDifference(reference, untiled) <= Tolerance);
        Assert.True(TestImages.MaxAbsDifference(reference, tiled) <= Tolerance);
    }

    [Fact]
    public void Coordinates_FollowTheSizePolicy()
    {
        // Provider called with the input's size; its planes are reflect-padded like the image.
        PlanarImage hr = TestImages.Random(1, 21, 17, seed: 7);
        var model = new BoxBlurDownscaler(2, radius: 1);
        var calls = new List<(int, int)>();
        var options = new TilingOptions
        {
            TileSize = 6,
            SizePolicy = SizePolicy.ReflectPad,
            ExtraPlanes = (h, w) =>
            {
                calls.Add((h, w));
                return TilingReference.Coordinates(h, w);
            },
        };

        PlanarImage tiled = TiledInference.Run(hr, model, options);

        PlanarImage padded = TilingReference.ReflectPad(TilingReference.Concat(hr, TilingReference.Coordinates(21, 17)), 22, 18);
        Assert.Equal([(21, 17)], calls);
        Assert.True(TestImages.MaxAbsDifference(model.Run(padded), tiled) <= Tolerance);
    }

    [Fact]
    public void Planes_OfTheWrongSize_AreRefused()
    {
        PlanarImage hr = TestImages.Random(3, 20, 14, seed: 1);
        var options = new TilingOptions { ExtraPlanes = (h, w) => new PlanarImage(2, h, w - 1) };

        var e = Assert.Throws<ArgumentException>(() => TiledInference.Run(hr, new BoxBlurDownscaler(2, 1), options));

        Assert.Equal("options", e.ParamName);
        Assert.Contains("returned PlanarImage 2x20x13 for a 20x14 image", e.Message, StringComparison.Ordinal);
    }
}
