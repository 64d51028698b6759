using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Tests;

namespace Downscale.Core.Tests.Tiling;

/// <summary>Sizes the scale does not divide: refused by default, cropped or reflect-padded on request, the same tiled and untiled.</summary>
public class SizePolicyTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void Default_IsFail_AndTheMessageNamesSizeScaleAndTheAlternatives()
    {
        PlanarImage hr = TestImages.Random(3, 101, 64, seed: 1);
        var model = new BoxBlurDownscaler(2, radius: 1);

        var tiled = Assert.Throws<ArgumentException>(() => TiledInference.Run(hr, model));
        var untiled = Assert.Throws<ArgumentException>(() => TiledInference.RunUntiled(hr, model));

        Assert.Equal(SizePolicy.Fail, new TilingOptions().SizePolicy);
        Assert.Equal("hr", tiled.ParamName);
        foreach (string part in new[] { "101x64", "scale 2", "Crop (output 50x32)", "ReflectPad (output 51x32)" })
        {
            Assert.Contains(part, tiled.Message, StringComparison.Ordinal);
            Assert.Contains(part, untiled.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, model.Calls);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    public void Crop_DropsTheRemainder_TiledEqualsUntiled(int scale, int tileSize)
    {
        PlanarImage hr = TestImages.Random(3, (13 * scale) + scale - 1, (11 * scale) + 1, seed: scale);
        var model = new BoxBlurDownscaler(scale, radius: 2);
        var options = new TilingOptions { SizePolicy = SizePolicy.Crop, TileSize = tileSize };

        PlanarImage tiled = TiledInference.Run(hr, model, options);
        PlanarImage untiled = TiledInference.RunUntiled(hr, model, options);

        PlanarImage reference = model.Run(TilingReference.Crop(hr, 13 * scale, 11 * scale));
        Assert.Equal((13, 11), (tiled.Height, tiled.Width));
        Assert.True(TestImages.MaxAbsDifference(reference, untiled) <= Tolerance);
        Assert.True(TestImages.MaxAbsDifference(reference, tiled) <= Tolerance);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 6)]
    [InlineData(4, 4)]
    public void ReflectPad_MirrorsToTheNextMultiple_TiledEqualsUntiled(int scale, int tileSize)
    {
        PlanarImage hr = TestImages.Random(3, (13 * scale) + 1, (11 * scale) + scale - 1, seed: 10 + scale);
        var model = new BoxBlurDownscaler(scale, radius: 2);
        var options = new TilingOptions { SizePolicy = SizePolicy.ReflectPad, TileSize = tileSize };

        PlanarImage tiled = TiledInference.Run(hr, model, options);
        PlanarImage untiled = TiledInference.RunUntiled(hr, model, options);

        PlanarImage reference = model.Run(TilingReference.ReflectPad(hr, 14 * scale, 12 * scale));
        Assert.Equal((14, 12), (tiled.Height, tiled.Width));
        Assert.True(TestImages.MaxAbsDifference(reference, untiled) <= Tolerance);
        Assert.True(TestImages.MaxAbsDifference(reference, tiled) <= Tolerance);
    }

    [Theory]
    [InlineData(SizePolicy.Crop, 9, 9)]
    [InlineData(SizePolicy.ReflectPad, 12, 12)]
    public void Align_MatchesTheNaiveReference(SizePolicy policy, int height, int width)
    {
        PlanarImage hr = TestImages.Random(2, 11, 10, seed: 4);

        PlanarImage aligned = ScaleAlignment.Align(hr, 3, policy);

        PlanarImage expected = policy == SizePolicy.Crop ? TilingReference.Crop(hr, height, width) : TilingReference.ReflectPad(hr, height, width);
        Assert.Equal((height, width), ScaleAlignment.AlignedSize(11, 10, 3, policy));
        Assert.Equal(expected.Data.ToArray(), aligned.Data.ToArray());
        Assert.Equal((2, height, width), (aligned.Channels, aligned.Height, aligned.Width));
    }

    [Theory]
    [InlineData(SizePolicy.Fail)]
    [InlineData(SizePolicy.Crop)]
    [InlineData(SizePolicy.ReflectPad)]
    public void Align_OfAnAlignedImage_ReturnsItUnchanged(SizePolicy policy)
    {
        PlanarImage hr = TestImages.Random(1, 12, 9, seed: 2);

        Assert.Same(hr, ScaleAlignment.Align(hr, 3, policy));
    }

    [Fact]
    public void ReflectPad_OfAnImageTooSmallToMirror_IsRefused()
    {
        // 1 row to pad to 4 at scale 4 would need 3 mirrored rows from a single row.
        PlanarImage hr = TestImages.Random(1, 1, 8, seed: 2);

        var e = Assert.Throws<ArgumentException>(() =>
            TiledInference.Run(hr, new BoxBlurDownscaler(4, 0), new TilingOptions { SizePolicy = SizePolicy.ReflectPad }));

        Assert.Contains("too small to reflect-pad to 4x8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crop_OfAnImageSmallerThanTheScale_IsRefused()
    {
        PlanarImage hr = TestImages.Random(1, 3, 8, seed: 2);

        var e = Assert.Throws<ArgumentException>(() =>
            TiledInference.RunUntiled(hr, new BoxBlurDownscaler(4, 0), new TilingOptions { SizePolicy = SizePolicy.Crop }));

        Assert.Contains("smaller than the scale 4", e.Message, StringComparison.Ordinal);
    }
}
