using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Downscale.Tests;
using Microsoft.ML;

namespace Downscale.MLNet.Tests.IO;

/// <summary>SaveImages writes an image column to files atomically.</summary>
public sealed class SaveImagesTests
{
    private readonly MLContext mlContext = new(seed: 0);

    [Fact]
    public void SaveImages_WritesEachRowAsAPngNamedByAColumn()
    {
        IDataView pairs = mlContext.Data.LoadPairsV1(Path.Combine(TestPaths.SharedData, "Set5"), "camsim", 2);
        IDataView output = mlContext.Transforms.LoadImages("Hr", null, "HrPath")
            .Append(mlContext.Transforms.DownscaleImages("Small", 2, "area", "Hr"))
            .Fit(pairs).Transform(pairs);
        string folder = Path.Combine(TestPaths.NewTempFolder(), "out");

        IReadOnlyList<string> written = mlContext.Downscaling().SaveImages(output, "Small", folder, "Name", degreeOfParallelism: 3);

        Assert.Equal(["baby", "bird", "butterfly", "head", "woman"], written.Select(Path.GetFileNameWithoutExtension));
        Assert.Equal(written.Order(StringComparer.Ordinal), Directory.GetFiles(folder).Order(StringComparer.Ordinal)); // no temporary file left
        PlanarImage expected = Resampler.Resize(ImageFile.Read(TestData.Set5("bird")), 2, ResampleMethod.Area);
        Assert.Equal(InterleavedPixels.ToInterleaved8(expected), InterleavedPixels.ToInterleaved8(ImageFile.Read(written[1])));
    }

    [Fact]
    public void SaveImages_DuplicateNames_AreRefused()
    {
        IDataView rows = TestData.Paths(mlContext, [TestData.Set5("bird"), TestData.Set5("bird")]);
        IDataView images = mlContext.Transforms.LoadImages("Image", null, "Path").Fit(rows).Transform(rows);

        var error = Assert.Throws<InvalidOperationException>(() => mlContext.Downscaling().SaveImages(images, "Image", TestPaths.NewTempFolder(), "Path"));

        Assert.Contains("must be unique", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveImages_NotAnImageColumn_NamesIt()
    {
        IDataView rows = TestData.Paths(mlContext, [TestData.Set5("bird")]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.Downscaling().SaveImages(rows, "Path", TestPaths.NewTempFolder(), "Path"));

        Assert.Contains("'Path'", error.Message, StringComparison.Ordinal);
    }
}
