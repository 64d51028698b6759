using Downscale.Core.Data;
using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Core.Tests.Data;

public class PairLoaderTests
{
    [Theory]
    [InlineData(2, 0, 0)]
    [InlineData(3, 2, 1)]
    [InlineData(4, 3, 3)]
    public void LoadWhole_ModCropsHrFromTheTopLeft(int scale, int extraRows, int extraColumns)
    {
        ImagePair pair = WritePair(scale, 5, 7, seed: scale, extraRows, extraColumns);

        LoadedPair loaded = PairLoader.LoadWhole(pair);

        Assert.Equal(scale * 5, loaded.Hr.Height);
        Assert.Equal(scale * 7, loaded.Hr.Width);
        PairFolders.AssertSameImage(loaded.Lr, PairFolders.BlockMean(loaded.Hr, scale));
    }

    [Theory]
    [InlineData(2, 2, 0)] // larger by a whole scale step
    [InlineData(3, 0, 3)]
    [InlineData(2, -1, 0)] // smaller
    public void LoadWhole_InconsistentSizes_NameBothFiles(int scale, int extraRows, int extraColumns)
    {
        string folder = TestPaths.NewTempFolder();
        string hrPath = Path.Combine(folder, "hr.png"), lrPath = Path.Combine(folder, "lr.png");
        PairFolders.WritePair(hrPath, lrPath, 6, 6, scale, 1, Math.Max(0, extraRows), extraColumns);
        if (extraRows < 0)
        {
            PairFolders.WritePair(hrPath, Path.Combine(folder, "unused.png"), 5, 6, scale, 1, scale - 1, 0);
        }

        var error = Assert.Throws<InvalidDataException>(() => PairLoader.LoadWhole(new ImagePair("p", hrPath, lrPath, scale)));

        Assert.Contains(hrPath, error.Message, StringComparison.Ordinal);
        Assert.Contains(lrPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadWhole_MissingFile_NamesIt()
    {
        ImagePair pair = WritePair(2, 3, 3, seed: 1);
        File.Delete(pair.LrPath);

        var error = Assert.Throws<FileNotFoundException>(() => PairLoader.LoadWhole(pair));

        Assert.Equal(pair.LrPath, error.FileName);
    }

    [Theory]
    [InlineData(2, 8)]
    [InlineData(3, 9)]
    [InlineData(4, 12)]
    public void RandomPatches_StayAligned(int scale, int hrPatch)
    {
        ImagePair pair = WritePair(scale, 9, 11, seed: 10 + scale, extraRows: scale - 1);
        var loader = new PairLoader(new PairLoaderOptions { HrPatchSize = hrPatch, Augment = true, Seed = 5 });
        var seen = new HashSet<(int, int)>();

        for (int i = 0; i < 12; i++)
        {
            LoadedPair patch = loader.Load(pair);
            Assert.Equal(hrPatch, patch.Hr.Height);
            Assert.Equal(hrPatch / scale, patch.Lr.Width);
            PairFolders.AssertSameImage(patch.Lr, PairFolders.BlockMean(patch.Hr, scale));
            seen.Add((BitConverter.SingleToInt32Bits(patch.Lr.Plane(0)[0]), BitConverter.SingleToInt32Bits(patch.Lr.Plane(1)[1])));
        }

        Assert.True(seen.Count > 1, "Twelve random patches were all the same.");
    }

    [Fact]
    public void At_TakesTheHrPatchAtScaledOffset()
    {
        LoadedPair whole = PairLoader.LoadWhole(WritePair(3, 6, 6, seed: 3));

        LoadedPair patch = AlignedCrop.At(whole, 6, lrTop: 4, lrLeft: 1);

        Assert.Equal(whole.Hr.Row(2, 12)[3], patch.Hr.Row(2, 0)[0]);
        Assert.Equal(whole.Hr.Row(0, 17)[8], patch.Hr.Row(0, 5)[5]);
        Assert.Equal(whole.Lr.Row(1, 5)[2], patch.Lr.Row(1, 1)[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => AlignedCrop.At(whole, 6, 5, 0));
    }

    [Fact]
    public void Patches_RejectBadSizes()
    {
        LoadedPair whole = PairLoader.LoadWhole(WritePair(2, 4, 6, seed: 4));

        var notMultiple = Assert.Throws<ArgumentException>(() => AlignedCrop.Random(whole, 5, new Random(1)));
        var tooLarge = Assert.Throws<ArgumentException>(() => AlignedCrop.Random(whole, 10, new Random(1)));

        Assert.Contains("multiple of the scale 2", notMultiple.Message, StringComparison.Ordinal);
        Assert.Contains("smaller than the 5x5 LR patch", tooLarge.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PairLoaderOptions { HrPatchSize = 0 });
    }

    [Fact]
    public void SameSeed_SameSamples_DifferentSeed_DifferentSamples()
    {
        ImagePair pair = WritePair(2, 16, 16, seed: 7);
        List<LoadedPair> Run(int seed)
        {
            var loader = new PairLoader(new PairLoaderOptions { HrPatchSize = 8, Augment = true, Seed = seed });
            return loader.LoadAll(Enumerable.Repeat(pair, 6)).ToList();
        }

        List<LoadedPair> first = Run(1), again = Run(1), other = Run(2);

        for (int i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Hr.Data.ToArray(), again[i].Hr.Data.ToArray());
            Assert.Equal(first[i].Lr.Data.ToArray(), again[i].Lr.Data.ToArray());
        }

        Assert.Contains(Enumerable.Range(0, first.Count), i => !first[i].Lr.Data.Span.SequenceEqual(other[i].Lr.Data.Span));
    }

    private static ImagePair WritePair(int scale, int lrHeight, int lrWidth, int seed, int extraRows = 0, int extraColumns = 0)
    {
        string folder = TestPaths.NewTempFolder();
        string hr = Path.Combine(folder, "hr.png"), lr = Path.Combine(folder, "lr.png");
        PairFolders.WritePair(hr, lr, lrHeight, lrWidth, scale, seed, extraRows, extraColumns);
        return new ImagePair("pair", hr, lr, scale);
    }
}
