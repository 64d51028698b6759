using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using Downscale.Tests;
using Downscale.Torch.Imaging;
using Downscale.Torch.Models.RawWavelet;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models.RawWavelet;

/// <summary>Sizes at many rational scales, the identity path, and the protocol's sizes through Downscale.</summary>
public class RawWaveletModelTests
{
    [Theory]
    [InlineData("2", 2, LasdmMerge.Dense)]
    [InlineData("3", 2, LasdmMerge.Separable)]
    [InlineData("4", 3, LasdmMerge.Dense)]
    [InlineData("13/10", 1, LasdmMerge.Dense)]
    [InlineData("13/10", 2, LasdmMerge.Separable)]
    [InlineData("5/2", 2, LasdmMerge.Separable)]
    [InlineData("3/2", 2, LasdmMerge.Dense)]
    [InlineData("7/4", 1, LasdmMerge.Separable)]
    public void Forward_MapsMultiplesOfTheInputBlockToNOverMOfTheirSize(string scale, int levels, LasdmMerge merge)
    {
        RawWaveletOptions options = RawTestData.Small(scale, levels) with { Merge = merge };
        using var model = RawTestData.Model(options, seed: 1);
        int block = options.InputBlock, m = options.Scale.Input, n = options.Scale.Output;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        RawWaveletOutput result = model.ForwardLevels(rand(2, 4, 2 * block, block));

        Assert.Equal([2L, 4, 2 * block * n / m, block * n / m], result.Output.shape);
        Assert.Equal(levels, result.Levels.Count);
        for (int k = 1; k <= levels; k++)
        {
            long[] expected = [2, 4, 2 * block * n / m >> k, block * n / m >> k];
            Assert.All(result.Levels[k - 1].All, band => Assert.Equal(expected, band.shape));
        }

        Assert.True(isfinite(result.Output).all().item<bool>());
    }

    [Theory]
    [InlineData("2", 2, 94, 130)]
    [InlineData("4", 2, 102, 150)]
    [InlineData("3", 1, 66, 42)]
    [InlineData("13/10", 1, 94, 130)]
    [InlineData("13/10", 2, 480, 492)]
    [InlineData("5/2", 1, 70, 58)]
    public void Downscale_AnyEvenMosaic_GivesTheProtocolsLrSize(string scale, int levels, int height, int width)
    {
        RawWaveletOptions options = RawTestData.Small(scale, levels) with { Merge = LasdmMerge.Separable, Base = RawBaseInterpolation.Bilinear };
        using var model = RawTestData.Model(options, seed: 2);
        RawFrame hr = RawTestData.Frame(height, width, seed: 3);

        RawFrame lr = model.Downscale(hr);

        FrameSize expected = RawDownscaleGeometry.LrSize(new FrameSize(height, width), options.Scale);
        Assert.Equal(expected, new FrameSize(lr.Height, lr.Width));
        Assert.Equal(expected, lr.Metadata.LrSize);
        Assert.Equal(RawDownscaleGeometry.HrRegion(new FrameSize(height, width), expected, options.Scale), lr.Metadata.HrRegion);
        Assert.Equal(CfaPattern.Rggb, lr.Pattern);
        Assert.All(lr.Mosaic.Data.ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Theory]
    [InlineData("2", 2, 64, 80, RawBaseInterpolation.Bilinear)]
    [InlineData("2", 2, 64, 80, RawBaseInterpolation.Area)]
    [InlineData("13/10", 1, 104, 156, RawBaseInterpolation.Bilinear)]
    [InlineData("13/10", 1, 104, 156, RawBaseInterpolation.Area)]
    [InlineData("4", 1, 128, 96, RawBaseInterpolation.Bicubic)]
    public void UntrainedImprovedModel_ReturnsTheRawBaseline_OfCore(string scale, int levels, int height, int width, RawBaseInterpolation kind)
    {
        // Sizes whose LR is exactly n/m of the HR and a multiple of the output block: no resampling, no padding.
        RawWaveletOptions options = RawTestData.Small(scale, levels) with { Base = kind, Merge = LasdmMerge.Separable };
        using var model = new RawWaveletNet(options);
        RawFrame hr = RawTestData.Frame(height, width, seed: 4);
        (ResampleMethod method, ResampleConvention convention) = kind switch
        {
            RawBaseInterpolation.Bilinear => (ResampleMethod.Bilinear, ResampleConvention.Pil),
            RawBaseInterpolation.Bicubic => (ResampleMethod.Bicubic, ResampleConvention.Pil),
            _ => (ResampleMethod.Area, ResampleConvention.OpenCv),
        };
        PlanarImage expected = RawInterpolation.Downscale(
            hr, options.Scale, method, RawInterpolationDomain.Demosaicked, new ResampleOptions { Convention = convention });
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        Tensor packed = BayerPacking.Pack(hr.Mosaic, hr.Pattern).ToTensor();
        PlanarImage actual = BayerPacking.Unpack(model.Downscale(packed).ToPlanarImage(), CfaPattern.Rggb);
        PlanarImage direct = BayerPacking.Unpack(model.forward(packed).ToPlanarImage(), CfaPattern.Rggb);

        // PIL's bicubic clamps its horizontal pass to [0, 1]; the model's base does not (a smooth image barely overshoots).
        float tolerance = kind == RawBaseInterpolation.Bicubic ? 2e-3f : 2e-6f;
        Assert.True(TestImages.MaxAbsDifference(expected, actual) <= tolerance, $"max diff {TestImages.MaxAbsDifference(expected, actual)}");
        Assert.True(TestImages.MaxAbsDifference(actual, direct) == 0, "an exact-ratio input is used as it is");
    }

    [Fact]
    public void Downscale_ExactRatioInput_IsTheForwardPassOfThatInput()
    {
        RawWaveletOptions options = RawTestData.Small("13/10", 1);
        using var model = RawTestData.Model(options, seed: 5);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = rand(1, 4, 52, 78);

        Tensor viaDownscale = model.Downscale(input);

        Assert.Equal(0f, (viaDownscale - model.forward(input)).abs().max().item<float>());
    }

    [Fact]
    public void ParameterCount_ShowsWhereTheDenseMergeSpendsItsParameters()
    {
        using var dense = new RawWaveletNet(RawWaveletOptions.PaperFaithful(RationalScale.Parse("1.3")));
        using var separable = new RawWaveletNet(RawWaveletOptions.Improved(RationalScale.Parse("1.3")));

        long Count(RawWaveletNet model, string contains) =>
            model.named_parameters().Where(p => p.name.Contains(contains, StringComparison.Ordinal)).Sum(p => p.parameter.numel());

        long denseTotal = Count(dense, string.Empty), denseMerge = Count(dense, ".lasdm.merge");
        Assert.Equal(4 * ((16L * 169 * 16 * 100) + (16 * 100)), denseMerge); // four 1x1 convs c·169 -> c·100
        Assert.True(denseMerge > 0.98 * denseTotal, $"{denseMerge} of {denseTotal}");
        Assert.Equal(4 * 2 * ((16L * 13 * 16 * 10) + (16 * 10)), Count(separable, ".lasdm.merge"));
    }
}
