using Downscale.Core.Raw;
using Downscale.Torch.Models.RawWavelet;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models.RawWavelet;

/// <summary>Bad inputs and options fail with typed exceptions that say what to do, before any native code runs.</summary>
public class RawWaveletInputTests
{
    private static readonly RawWaveletOptions Options = RawTestData.Small("2", 2);

    [Fact]
    public void Forward_WrongChannelCount_SaysToPackTheMosaic()
    {
        using var model = new RawWaveletNet(Options);
        using var input = rand(1, 3, 16, 16);

        var error = Assert.Throws<ArgumentException>(() => model.forward(input));
        Assert.Contains("packed RGGB planes (N, 4, H, W)", error.Message, StringComparison.Ordinal);
        Assert.Contains("BayerPacking.Pack", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_SizeThatIsNotAMultipleOfTheBlock_PointsToDownscale()
    {
        using var model = new RawWaveletNet(Options);
        using var input = rand(1, 4, 16, 20);

        var error = Assert.Throws<ArgumentException>(() => model.forward(input));
        Assert.Contains("multiples of 8 (2^K·m)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Downscale(...)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_IntegerTensor_IsRefused()
    {
        using var model = new RawWaveletNet(Options);
        using var input = ones(1, 4, 16, 16, ScalarType.Int32);

        Assert.Throws<ArgumentException>(() => model.forward(input));
    }

    [Fact]
    public void Downscale_LrSizeThatDoesNotFitTheScale_IsRefused()
    {
        using var model = new RawWaveletNet(Options);
        RawFrame hr = RawTestData.Frame(64, 64, seed: 1);

        // 64 -> 40 is x1.6, not within 5% of the model's x2.
        var error = Assert.Throws<ArgumentException>(() => model.Downscale(hr, new FrameSize(40, 32)));
        Assert.Contains("cannot produce", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Downscale_OddMosaicSize_IsRefused()
    {
        using var model = new RawWaveletNet(Options);
        RawFrame hr = RawTestData.Frame(64, 64, seed: 1);

        Assert.Throws<ArgumentException>(() => model.Downscale(hr, new FrameSize(33, 32)));
    }

    [Fact]
    public void Options_OutOfRange_FailWhenSet()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Options with { Features = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => Options with { Levels = 7 });
        Assert.Throws<ArgumentOutOfRangeException>(() => Options with { Merge = (LasdmMerge)9 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RawWaveletOptions { Scale = default });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RationalScale(10, 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => RationalScale.FromFactor(0.5));
    }
}
