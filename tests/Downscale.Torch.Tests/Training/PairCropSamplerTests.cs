using Downscale.Core.Data;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Downscale.Tests;
using Downscale.Torch.Training;

namespace Downscale.Torch.Tests.Training;

public class PairCropSamplerTests
{
    [Fact]
    public void Draw_IsAPureFunctionOfSeedAndIndex()
    {
        var sampler = PairCropSampler.FromLoaded(Pairs(3), new PairSamplingOptions { HrPatchSize = 8 });

        var forward = Enumerable.Range(0, 12).Select(i => sampler.Draw(7, i)).ToList();
        var backward = Enumerable.Range(0, 12).Reverse().Select(i => sampler.Draw(7, i)).Reverse().ToList();
        var otherSeed = Enumerable.Range(0, 12).Select(i => sampler.Draw(8, i)).ToList();

        for (int i = 0; i < 12; i++)
        {
            Assert.Equal(forward[i].Input.Data.ToArray(), backward[i].Input.Data.ToArray());
            Assert.Equal(forward[i].Target!.Data.ToArray(), backward[i].Target!.Data.ToArray());
        }

        Assert.Contains(Enumerable.Range(0, 12), i => !forward[i].Input.Data.Span.SequenceEqual(otherSeed[i].Input.Data.Span));
    }

    [Fact]
    public void Draw_WithFieldCoordinates_GivesThePositionInTheAugmentedFrame_ForEveryAugmentation()
    {
        // Whole images (no crop): after any flip or transpose the coordinate planes must be those of the augmented
        // image itself, as the same lens would have produced it; the HR planes are left as drawn.
        var sampler = PairCropSampler.FromLoaded(Pairs(2), new PairSamplingOptions { FieldCoordinates = true });
        var plain = PairCropSampler.FromLoaded(Pairs(2), new PairSamplingOptions());

        for (int i = 0; i < 24; i++)
        {
            TrainingSample sample = sampler.Draw(5, i), reference = plain.Draw(5, i);
            PlanarImage input = sample.Input;
            Assert.Equal(reference.Input.Channels + FieldCoordinates.Planes, input.Channels);
            Assert.Equal(reference.Input.Data.ToArray(), input.ChannelView(0, reference.Input.Channels).Data.ToArray());
            PlanarImage expected = FieldCoordinates.Create(input.Height, input.Width);
            Assert.Equal(expected.Data.ToArray(), input.ChannelView(input.Channels - 2, 2).Data.ToArray());
        }

        Assert.Contains("field_coordinates=augmented_frame", sampler.Signature, StringComparison.Ordinal);
        Assert.DoesNotContain("field_coordinates", plain.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Draw_EachEpochVisitsEveryPairOnce_InASeededOrder()
    {
        // Whole, unaugmented images with a distinct constant value identify the pair behind each sample.
        var pairs = Enumerable.Range(0, 5).Select(i => Constant($"p{i}", i / 10f)).ToList();
        var sampler = PairCropSampler.FromLoaded(pairs, new PairSamplingOptions { Augment = false });

        int[] Epoch(int seed, int epoch) => [.. Enumerable.Range(epoch * 5, 5).Select(k => (int)Math.Round(sampler.Draw(seed, k).Input.Data.Span[0] * 10))];

        Assert.Equal([0, 1, 2, 3, 4], Epoch(1, 0).Order());
        Assert.Equal([0, 1, 2, 3, 4], Epoch(1, 1).Order());
        Assert.NotEqual(Epoch(1, 0), Epoch(1, 1));
        Assert.Equal(Epoch(1, 3), Epoch(1, 3));
        Assert.Equal(5, sampler.SamplesPerEpoch);
    }

    [Fact]
    public void Draw_CropsAndAugmentationsKeepHrAndLrAligned()
    {
        // The LR is the 2x2 box mean of the HR, so every aligned crop, flip and transpose keeps LR = box(HR).
        PlanarImage hr = TestImages.Random(3, 24, 32, seed: 3);
        PlanarImage lr = Resampler.Resize(hr, 16, 12, ResampleMethod.Box);
        var sampler = PairCropSampler.FromLoaded([new LoadedPair("a", hr, lr, 2)], new PairSamplingOptions { HrPatchSize = 10 });

        for (int k = 0; k < 16; k++)
        {
            TrainingSample sample = sampler.Draw(0, k);
            Assert.Equal((3, 10, 10), (sample.Input.Channels, sample.Input.Height, sample.Input.Width));
            Assert.Equal((3, 5, 5), (sample.Target!.Channels, sample.Target.Height, sample.Target.Width));
            PlanarImage box = Resampler.Resize(sample.Input, 5, 5, ResampleMethod.Box);
            for (int i = 0; i < box.Data.Length; i++)
            {
                Assert.Equal(box.Data.Span[i], sample.Target.Data.Span[i], 5);
            }
        }
    }

    [Fact]
    public void PrepareHr_AppendsPlanesToTheInput_HrKeepsTheImagePlanes()
    {
        static PlanarImage WithRowIndex(PlanarImage hr)
        {
            var prepared = new PlanarImage(hr.Channels + 1, hr.Height, hr.Width);
            hr.Data.Span.CopyTo(prepared.Data.Span);
            for (int y = 0; y < hr.Height; y++)
            {
                prepared.Row(hr.Channels, y).Fill(y);
            }

            return prepared;
        }

        var options = new PairSamplingOptions { HrPatchSize = 8, Augment = false, PrepareHr = WithRowIndex, PrepareHrName = "rows" };
        var sampler = PairCropSampler.FromLoaded(Pairs(1), options);

        TrainingSample sample = sampler.Draw(0, 0);

        Assert.Equal(4, sample.Input.Channels);
        Assert.Equal(3, sample.Hr.Channels);
        Assert.True(sample.Hr.Data.Span.SequenceEqual(sample.Input.Data.Span[..(3 * 64)]));
        float top = sample.Input.Row(3, 0)[0];
        Assert.Equal(top + 7, sample.Input.Row(3, 7)[5]); // the row planes were cropped with the image
        Assert.Equal(0, top % 2); // crops start on the scale grid
        Assert.Contains("input_planes=4", sampler.Signature, StringComparison.Ordinal);
        Assert.Contains("prepare=rows", sampler.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPairs_DecodesAPairsV1SetOnce_AndCachesIt()
    {
        string set = TestPaths.NewTempFolder();
        var pairs = TrainingData.WritePairsV1(set, 3, 32, 32, 2, seed: 1);
        var sampler = PairCropSampler.FromPairs(pairs, new PairSamplingOptions { HrPatchSize = 16 });
        TrainingSample before = sampler.Draw(0, 4);

        Directory.Delete(set, recursive: true);

        Assert.True(sampler.IsCached);
        Assert.Equal(before.Input.Data.ToArray(), sampler.Draw(0, 4).Input.Data.ToArray());
    }

    [Fact]
    public void FromPairs_OverTheCacheBudget_DecodesOnEveryDraw()
    {
        string set = TestPaths.NewTempFolder();
        var pairs = TrainingData.WritePairsV1(set, 2, 32, 32, 2, seed: 1);
        var sampler = PairCropSampler.FromPairs(pairs, new PairSamplingOptions { HrPatchSize = 16, MaxCachedBytes = 1000 });
        TrainingSample first = sampler.Draw(0, 1);

        Assert.False(sampler.IsCached);
        Assert.Equal(first.Input.Data.ToArray(), sampler.Draw(0, 1).Input.Data.ToArray());
        Directory.Delete(set, recursive: true);
        Assert.ThrowsAny<IOException>(() => sampler.Draw(0, 1));
    }

    [Fact]
    public void FromHrImages_DrawsScaleAlignedCropsWithoutTargets()
    {
        string folder = TestPaths.NewTempFolder();
        string path = Path.Combine(folder, "a.png");
        ImageFile.WritePng(path, TestImages.Random(3, 27, 30, seed: 2)); // 27 rows: mod-cropped to 24 at x4
        var sampler = PairCropSampler.FromHrImages([path], 4, new PairSamplingOptions { HrPatchSize = 12 });

        TrainingSample sample = sampler.Draw(3, 0);

        Assert.Null(sample.Target);
        Assert.Equal((3, 12, 12), (sample.Input.Channels, sample.Input.Height, sample.Input.Width));
        Assert.Contains("hr-only", sampler.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Construction_RefusesAPatchThatIsNotAMultipleOfTheScale_OrLargerThanAnImage()
    {
        var notMultiple = Assert.Throws<ArgumentException>(() => PairCropSampler.FromLoaded(Pairs(1), new PairSamplingOptions { HrPatchSize = 9 }));
        Assert.Contains("multiple of the scale", notMultiple.Message, StringComparison.Ordinal);

        var tooLarge = Assert.Throws<ArgumentException>(() => PairCropSampler.FromLoaded(Pairs(1), new PairSamplingOptions { HrPatchSize = 64 }));
        Assert.Contains("smaller than the 64x64 patch", tooLarge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidationSet_FromPairs_TakesCentreCrops()
    {
        string set = TestPaths.NewTempFolder();
        var pairs = TrainingData.WritePairsV1(set, 2, 32, 40, 2, seed: 4);

        var validation = ValidationSet.FromPairs(pairs, new PairSamplingOptions { HrPatchSize = 16 });
        LoadedPair whole = PairLoader.LoadWhole(pairs[0]);

        Assert.Equal(2, validation.Samples.Count);
        Assert.Equal(2, validation.CropBorder);
        TrainingSample first = validation.Samples[0];
        Assert.Equal(whole.Lr.Row(1, 4 + 3)[6 + 2], first.Target!.Row(1, 3)[2]); // LR offset ((16 - 8) / 2, (20 - 8) / 2)
        Assert.Equal(whole.Hr.Row(0, 8 + 5)[12 + 1], first.Input.Row(0, 5)[1]);
    }

    private static List<LoadedPair> Pairs(int count) =>
        [.. Enumerable.Range(0, count).Select(i => TrainingData.Pair($"p{i}", 24, 28, 2, seed: 10 + i))];

    private static LoadedPair Constant(string name, float value)
    {
        var hr = new PlanarImage(3, 8, 8);
        var lr = new PlanarImage(3, 4, 4);
        hr.Data.Span.Fill(value);
        lr.Data.Span.Fill(value);
        return new LoadedPair(name, hr, lr, 2);
    }
}
