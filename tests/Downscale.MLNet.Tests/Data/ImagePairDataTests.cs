using Downscale.Core.Data;
using Downscale.MLNet.Data;
using Downscale.Tests;
using Microsoft.ML;

namespace Downscale.MLNet.Tests.Data;

/// <summary>Paired data sets as ML.NET data views with HR and LR path columns.</summary>
public sealed class ImagePairDataTests
{
    private readonly MLContext mlContext = new(seed: 0);

    [Fact]
    public void LoadPairsV1_GivesOneRowPerPairWithPathsAndScale()
    {
        IDataView pairs = mlContext.Data.LoadPairsV1(Path.Combine(TestPaths.SharedData, "Set14"), "camsim", 3);

        List<ImagePairRow> rows = [.. mlContext.Data.CreateEnumerable<ImagePairRow>(pairs, reuseRowObject: false)];

        Assert.Equal(14, rows.Count);
        Assert.All(rows, r => Assert.True(File.Exists(r.HrPath) && File.Exists(r.LrPath) && r.Scale == 3));
        Assert.Equal(rows.Select(r => r.Name).Order(StringComparer.Ordinal), rows.Select(r => r.Name));
        Assert.Equal(Path.Combine(TestPaths.SharedData, "Set14", "LR_camsim_x3", rows[0].Name + ".png"), rows[0].LrPath);
    }

    [Fact]
    public void LoadPairsV1_MissingProtocol_ListsTheFoldersPresent()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => mlContext.Data.LoadPairsV1(Path.Combine(TestPaths.SharedData, "Set5"), "gaussian", 2));

        Assert.Contains("LR_bicubic_x2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadRealSR_AndLoadDiv2k_ReadTheirLayouts()
    {
        string root = TestPaths.NewTempFolder();
        string realSr = Path.Combine(root, "RealSR", "Nikon", "Test", "2");
        Directory.CreateDirectory(realSr);
        foreach (string name in new[] { "Nikon_001", "Nikon_002" })
        {
            File.WriteAllBytes(Path.Combine(realSr, name + "_HR.png"), [1]);
            File.WriteAllBytes(Path.Combine(realSr, name + "_LR2.png"), [1]);
        }

        string div2k = Path.Combine(root, "DIV2K");
        Directory.CreateDirectory(Path.Combine(div2k, "DIV2K_valid_HR"));
        Directory.CreateDirectory(Path.Combine(div2k, "DIV2K_valid_LR_bicubic", "X4"));
        File.WriteAllBytes(Path.Combine(div2k, "DIV2K_valid_HR", "0801.png"), [1]);
        File.WriteAllBytes(Path.Combine(div2k, "DIV2K_valid_LR_bicubic", "X4", "0801x4.png"), [1]);

        var real = mlContext.Data.CreateEnumerable<ImagePairRow>(mlContext.Data.LoadRealSR(Path.Combine(root, "RealSR"), DataSplit.Test, 2, RealSRCameras.Nikon), false).ToList();
        var div = mlContext.Data.CreateEnumerable<ImagePairRow>(mlContext.Data.LoadDiv2k(div2k, DataSplit.Test, 4), false).ToList();

        Assert.Equal(["Nikon_001", "Nikon_002"], real.Select(r => r.Name));
        Assert.EndsWith("Nikon_002_LR2.png", real[1].LrPath, StringComparison.Ordinal);
        ImagePairRow only = Assert.Single(div);
        Assert.Equal(("0801", 4), (only.Name, only.Scale));
        Assert.EndsWith(Path.Combine("X4", "0801x4.png"), only.LrPath, StringComparison.Ordinal);
    }
}
