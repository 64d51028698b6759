using Downscale.Core.Data;
using Downscale.Tests;

namespace Downscale.Core.Tests.Data;

public class OtherLayoutsTests
{
    [Fact]
    public void RealSR_PairsHrAndLrInTheSameFolder_CanonFirst()
    {
        string root = TestPaths.NewTempFolder();
        foreach (string camera in new[] { "Nikon", "Canon" })
        {
            string folder = Path.Combine(root, camera, "Train", "3");
            for (int i = 2; i >= 1; i--)
            {
                string stem = $"{camera}_00{i}";
                PairFolders.WritePair(Path.Combine(folder, stem + "_HR.png"), Path.Combine(folder, stem + "_LR3.png"), 2, 3, 3, i);
            }
        }

        List<ImagePair> both = RealSRDataSet.Enumerate(root, DataSplit.Train, 3).ToList();
        List<ImagePair> nikon = RealSRDataSet.Enumerate(root, DataSplit.Train, 3, RealSRCameras.Nikon).ToList();

        Assert.Equal(["Canon_001", "Canon_002", "Nikon_001", "Nikon_002"], both.Select(p => p.Name));
        Assert.Equal(Path.Combine(root, "Canon", "Train", "3", "Canon_002_LR3.png"), both[1].LrPath);
        Assert.Equal(["Nikon_001", "Nikon_002"], nikon.Select(p => p.Name));
        LoadedPair loaded = PairLoader.LoadWhole(both[0]);
        Assert.Equal(6, loaded.Hr.Height);
    }

    [Fact]
    public void RealSR_MissingLr_And_MissingFolder_AreNamed()
    {
        string root = TestPaths.NewTempFolder();
        string folder = Path.Combine(root, "Canon", "Test", "2");
        PairFolders.WritePair(Path.Combine(folder, "Canon_001_HR.png"), Path.Combine(folder, "Canon_001_LR4.png"), 2, 2, 2, 1);

        var missing = Assert.Throws<FileNotFoundException>(
            () => RealSRDataSet.Enumerate(root, DataSplit.Test, 2, RealSRCameras.Canon).ToList());
        var noNikon = Assert.Throws<DirectoryNotFoundException>(() => RealSRDataSet.Enumerate(root, DataSplit.Test, 2));

        Assert.Equal(Path.Combine(folder, "Canon_001_LR2.png"), missing.FileName);
        Assert.Contains(Path.Combine(root, "Nikon", "Test", "2"), noNikon.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => RealSRDataSet.Enumerate(root, DataSplit.Test, 5));
    }

    [Fact]
    public void Div2k_PairsTrainAndValidByNumber()
    {
        string root = TestPaths.NewTempFolder();
        foreach ((string split, string[] names) in new[] { ("train", new[] { "0002", "0001" }), ("valid", new[] { "0801" }) })
        {
            foreach (string name in names)
            {
                PairFolders.WritePair(
                    Path.Combine(root, $"DIV2K_{split}_HR", name + ".png"),
                    Path.Combine(root, $"DIV2K_{split}_LR_bicubic", "X4", name + "x4.png"), 2, 2, 4, int.Parse(name, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        List<ImagePair> train = Div2kDataSet.Enumerate(root, DataSplit.Train, 4).ToList();
        List<ImagePair> valid = Div2kDataSet.Enumerate(root, DataSplit.Test, 4).ToList();

        Assert.Equal(["0001", "0002"], train.Select(p => p.Name));
        Assert.Equal(Path.Combine(root, "DIV2K_train_LR_bicubic", "X4", "0002x4.png"), train[1].LrPath);
        Assert.Equal(Path.Combine(root, "DIV2K_valid_HR", "0801.png"), Assert.Single(valid).HrPath);
        Assert.Throws<DirectoryNotFoundException>(() => Div2kDataSet.Enumerate(root, DataSplit.Train, 2));
        Assert.Throws<DirectoryNotFoundException>(() => Div2kDataSet.Enumerate(root, DataSplit.Train, 4, Div2kDegradation.Unknown));
    }

    [Fact]
    public void Div2k_LrWithoutHr_IsAnError()
    {
        string root = TestPaths.NewTempFolder();
        PairFolders.WritePair(
            Path.Combine(root, "DIV2K_train_HR", "0001.png"), Path.Combine(root, "DIV2K_train_LR_unknown", "X2", "0001x2.png"), 2, 2, 2, 1);
        PairFolders.WritePair(
            Path.Combine(root, "junk", "0003.png"), Path.Combine(root, "DIV2K_train_LR_unknown", "X2", "0003x2.png"), 2, 2, 2, 3);

        var error = Assert.Throws<FileNotFoundException>(
            () => Div2kDataSet.Enumerate(root, DataSplit.Train, 2, Div2kDegradation.Unknown).ToList());

        Assert.Equal(Path.Combine(root, "DIV2K_train_HR", "0003.png"), error.FileName);
    }
}
