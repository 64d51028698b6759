using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Tests.Models.RawWavelet;
using Downscale.Torch.Training;

namespace Downscale.Torch.Tests.Training;

public class RawPairSamplerTests
{
    [Fact]
    public void Crop_AtX13_SamplesTheInputOnTheProtocolGridOfThePair()
    {
        // Packed planes that are a linear ramp: cubic interpolation reproduces it exactly, so each input sample's value
        // is its HR position, lrTop·R + (j + 0.5)·R·n/m - 0.5 with R the pair's exact ratio (here 100/77 and 90/69).
        var packed = new PlanarImage(4, 100, 90);
        for (int c = 0; c < 4; c++)
        {
            for (int y = 0; y < 100; y++)
            {
                Span<float> row = packed.Row(c, y);
                for (int x = 0; x < 90; x++)
                {
                    row[x] = (0.001f * y) + (0.0001f * x);
                }
            }
        }

        RationalScale scale = RationalScale.Parse("1.3");
        var hr = new RawFrame(BayerPacking.Unpack(packed, CfaPattern.Rggb), CfaPattern.Rggb, new RawMetadata());
        var lr = new RawFrame(new PlanarImage(1, 154, 138), CfaPattern.Rggb, new RawMetadata());
        RawPackedPair pair = RawPackedPair.FromFrames("ramp", hr, lr, scale);

        var (input, target) = pair.Crop(30, 40, 20, 10);

        Assert.Equal((4, 26, 13), (input.Channels, input.Height, input.Width));
        Assert.Equal((4, 20, 10), (target.Channels, target.Height, target.Width));
        double ry = 100.0 / 77, rx = 90.0 / 69;
        for (int j = 0; j < 26; j++)
        {
            for (int i = 0; i < 13; i++)
            {
                double y = (30 * ry) + ((j + 0.5) * ry * 10 / 13) - 0.5, x = (40 * rx) + ((i + 0.5) * rx * 10 / 13) - 0.5;
                Assert.Equal((0.001 * y) + (0.0001 * x), input.Row(3, j)[i], 5);
            }
        }
    }

    [Fact]
    public void Crop_AtX2_IsAnAlignedCopyOfTheHr()
    {
        RawPackedPair pair = RawTestData.Pair("p", 64, 80, RationalScale.Parse("2"), seed: 1);

        var (input, target) = pair.Crop(3, 5, 8, 12);

        Assert.Equal((16, 24), (input.Height, input.Width));
        for (int c = 0; c < 4; c++)
        {
            for (int y = 0; y < 16; y++)
            {
                Assert.True(input.Row(c, y).SequenceEqual(pair.Hr.Row(c, 6 + y).Slice(10, 24)), $"plane {c} row {y}");
            }

            Assert.True(target.Row(c, 0).SequenceEqual(pair.Lr.Row(c, 3).Slice(5, 12)));
        }
    }

    [Fact]
    public void Transpose_TransposesEachPlaneAndSwapsTheGreens()
    {
        var packed = new PlanarImage(4, 2, 3);
        for (int i = 0; i < packed.Data.Length; i++)
        {
            packed.Data.Span[i] = i;
        }

        PlanarImage t = RawPackedPair.Transpose(packed);

        Assert.Equal((3, 2), (t.Height, t.Width));
        Assert.Equal(packed.Row(0, 1)[2], t.Row(0, 2)[1]); // R stays R
        Assert.Equal(packed.Row(2, 1)[2], t.Row(1, 2)[1]); // G1 of the transpose is G2 of the original
        Assert.Equal(packed.Row(1, 0)[1], t.Row(2, 1)[0]);
        Assert.Equal(packed.Row(3, 1)[0], t.Row(3, 0)[1]);
    }

    [Fact]
    public void Draw_IsAPureFunctionOfSeedAndIndex()
    {
        RawWaveletOptions model = RawTestData.Small("2", 2);
        RawPackedPair[] pairs = [RawTestData.Pair("a", 64, 64, model.Scale, 1), RawTestData.Pair("b", 48, 64, model.Scale, 2)];
        var sampler = RawPairSampler.FromLoaded(pairs, model, new RawSamplingOptions { LrPatchSize = 8 });

        TrainingSample first = sampler.Draw(7, 5), again = sampler.Draw(7, 5), other = sampler.Draw(8, 5);

        Assert.True(first.Input.Data.Span.SequenceEqual(again.Input.Data.Span));
        Assert.True(first.Target!.Data.Span.SequenceEqual(again.Target!.Data.Span));
        Assert.Same(first.Input, first.Hr);
        Assert.False(first.Input.Data.Span.SequenceEqual(other.Input.Data.Span));
        Assert.Equal((4, 16, 16), (first.Input.Channels, first.Input.Height, first.Input.Width));
        Assert.Equal(2, sampler.SamplesPerEpoch);
    }

    [Fact]
    public void FromLoaded_PatchThatIsNotAMultipleOfTheOutputBlock_IsRefused()
    {
        RawWaveletOptions model = RawTestData.Small("13/10", 1);
        RawPackedPair[] pairs = [RawTestData.Pair("a", 104, 104, model.Scale, 1)];

        var error = Assert.Throws<ArgumentException>(() => RawPairSampler.FromLoaded(pairs, model, new RawSamplingOptions { LrPatchSize = 24 }));
        Assert.Contains("multiple of 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromLoaded_PatchLargerThanAnImage_IsRefused()
    {
        RawWaveletOptions model = RawTestData.Small("2", 1);
        RawPackedPair[] pairs = [RawTestData.Pair("a", 32, 32, model.Scale, 1)];

        Assert.Throws<ArgumentException>(() => RawPairSampler.FromLoaded(pairs, model, new RawSamplingOptions { LrPatchSize = 12 }));
    }
}
