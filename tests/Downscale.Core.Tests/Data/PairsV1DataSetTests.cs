using Downscale.Core.Data;
using Downscale.Tests;

namespace Downscale.Core.Tests.Data;

public class PairsV1DataSetTests
{
    [Fact]
    public void Enumerate_PairsByStem_InOrdinalOrder()
    {
        string set = TestPaths.NewTempFolder();
        foreach ((string stem, int seed) in new[] { ("zebra", 1), ("Apple", 2), ("baboon", 3) })
        {
            PairFolders.WritePair(Path.Combine(set, "HR", stem + ".png"), Path.Combine(set, "LR_camsim_x3", stem + ".png"), 4, 5, 3, seed);
        }

        Directory.CreateDirectory(Path.Combine(set, "LR_bicubic_x2"));

        List<ImagePair> pairs = PairsV1DataSet.Enumerate(set, "camsim", 3).ToList();

        Assert.Equal(["Apple", "baboon", "zebra"], pairs.Select(p => p.Name));
        Assert.All(pairs, p => Assert.Equal(3, p.Scale));
        Assert.Equal(Path.Combine(set, "HR", "baboon.png"), pairs[1].HrPath);
        Assert.Equal(Path.Combine(set, "LR_camsim_x3", "baboon.png"), pairs[1].LrPath);
    }

    [Fact]
    public void Enumerate_MissingLrPartner_NamesTheFile()
    {
        string set = TestPaths.NewTempFolder();
        PairFolders.WritePair(Path.Combine(set, "HR", "a.png"), Path.Combine(set, "LR_bicubic_x2", "a.png"), 3, 3, 2, 1);
        PairFolders.WritePair(Path.Combine(set, "HR", "b.png"), Path.Combine(set, "elsewhere", "b.png"), 3, 3, 2, 2);

        IEnumerable<ImagePair> pairs = PairsV1DataSet.Enumerate(set, "bicubic", 2);
        var error = Assert.Throws<FileNotFoundException>(() => pairs.ToList());

        Assert.Equal(Path.Combine(set, "LR_bicubic_x2", "b.png"), error.FileName);
        Assert.Contains(Path.Combine(set, "HR", "b.png"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enumerate_LrWithoutHr_NamesTheFile()
    {
        string set = TestPaths.NewTempFolder();
        PairFolders.WritePair(Path.Combine(set, "elsewhere", "a.png"), Path.Combine(set, "LR_bicubic_x2", "a.png"), 3, 3, 2, 1);
        Directory.CreateDirectory(Path.Combine(set, "HR"));

        var error = Assert.Throws<FileNotFoundException>(() => PairsV1DataSet.Enumerate(set, "bicubic", 2).ToList());

        Assert.Contains(Path.Combine(set, "LR_bicubic_x2", "a.png"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enumerate_UnknownProtocol_ListsTheLrFoldersPresent()
    {
        string set = TestPaths.NewTempFolder();
        Directory.CreateDirectory(Path.Combine(set, "HR"));
        Directory.CreateDirectory(Path.Combine(set, "LR_bicubic_x2"));
        Directory.CreateDirectory(Path.Combine(set, "LR_camsim_x4"));

        var error = Assert.Throws<DirectoryNotFoundException>(() => PairsV1DataSet.Enumerate(set, "lanczos", 2));

        Assert.Contains("LR_lanczos_x2", error.Message, StringComparison.Ordinal);
        Assert.Contains("LR_bicubic_x2, LR_camsim_x4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../HR")]
    [InlineData("a/b")]
    public void Enumerate_RejectsProtocolThatIsNotAName(string protocol) =>
        Assert.ThrowsAny<ArgumentException>(() => PairsV1DataSet.Enumerate(TestPaths.NewTempFolder(), protocol, 2));

    [Fact]
    public void EnumerateRaw_ExposesSidecars()
    {
        string set = TestPaths.NewTempFolder();
        foreach (string stem in new[] { "b", "a" })
        {
            string hr = Path.Combine(set, "RAW", "HR", stem + ".png"), lr = Path.Combine(set, "RAW", "LR_x1.3", stem + ".png");
            Directory.CreateDirectory(Path.GetDirectoryName(hr)!);
            Directory.CreateDirectory(Path.GetDirectoryName(lr)!);
            File.WriteAllText(hr, "png");
            File.WriteAllText(lr, "png");
            File.WriteAllText(hr + ".json", "{}");
            File.WriteAllText(lr + ".json", "{}");
        }

        List<RawImagePair> pairs = PairsV1DataSet.EnumerateRaw(set, 1.3).ToList();

        Assert.Equal(["a", "b"], pairs.Select(p => p.Name));
        Assert.Equal(1.3, pairs[0].Scale);
        Assert.Equal(Path.Combine(set, "RAW", "LR_x1.3", "a.png.json"), pairs[0].LrSidecarPath);
        Assert.Equal(Path.Combine(set, "RAW", "HR", "a.png.json"), pairs[0].HrSidecarPath);
    }

    [Fact]
    public void EnumerateRaw_MissingSidecar_NamesIt()
    {
        string set = TestPaths.NewTempFolder();
        string hr = Path.Combine(set, "RAW", "HR", "a.png"), lr = Path.Combine(set, "RAW", "LR_x2", "a.png");
        Directory.CreateDirectory(Path.GetDirectoryName(hr)!);
        Directory.CreateDirectory(Path.GetDirectoryName(lr)!);
        File.WriteAllText(hr, "png");
        File.WriteAllText(lr, "png");
        File.WriteAllText(hr + ".json", "{}");

        var error = Assert.Throws<FileNotFoundException>(() => PairsV1DataSet.EnumerateRaw(set, 2).ToList());

        Assert.Equal(lr + ".json", error.FileName);
    }

    [Fact]
    public void SharedSet14_EveryProtocolAndScale_LoadsWithConsistentSizes()
    {
        string set14 = Path.Combine(TestPaths.SharedData, "Set14");
        foreach (string protocol in new[] { "bicubic", "camsim" })
        {
            foreach (int scale in new[] { 2, 3, 4 })
            {
                List<ImagePair> pairs = PairsV1DataSet.Enumerate(set14, protocol, scale).ToList();
                Assert.Equal(14, pairs.Count);
                Assert.All(pairs, p => Assert.Equal(Path.GetFileNameWithoutExtension(p.LrPath), p.Name));
            }
        }

        LoadedPair bridge = PairLoader.LoadWhole(PairsV1DataSet.Enumerate(set14, "camsim", 4).Single(p => p.Name == "bridge"));
        Assert.Equal(4 * bridge.Lr.Height, bridge.Hr.Height);
        Assert.Equal(4 * bridge.Lr.Width, bridge.Hr.Width);
    }

    [Theory]
    [InlineData(1.3)]
    [InlineData(2)]
    [InlineData(4)]
    public void SharedSet14_RawPairs_HaveSidecars(double scale)
    {
        List<RawImagePair> pairs = PairsV1DataSet.EnumerateRaw(Path.Combine(TestPaths.SharedData, "Set14"), scale).ToList();

        Assert.Equal(14, pairs.Count);
        Assert.All(pairs, p => Assert.True(File.Exists(p.LrSidecarPath) && File.Exists(p.HrSidecarPath)));
    }
}
