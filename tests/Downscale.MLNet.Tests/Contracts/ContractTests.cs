using Downscale.Core.Tiling;
using Downscale.MLNet.Learned;
using Downscale.MLNet.Transforms;
using Microsoft.ML;

namespace Downscale.MLNet.Tests.Contracts;

/// <summary>Every estimator of Downscale.MLNet through the one shared contract.</summary>
public sealed class ContractTests
{
    private readonly MLContext mlContext = new(seed: 0);

    [Fact]
    public void DownscaleImages_ClassicOnImagesOfAnySize_MeetsTheContract()
    {
        IDataView valid = TestData.Images(mlContext, TestData.Set5Hr[..3]);
        IDataView paths = TestData.Paths(mlContext, TestData.Set5Hr[..1]);
        IDataView imageAsText = mlContext.Transforms.CopyColumns("Image", "Path").Fit(paths).Transform(paths);
        EstimatorContract.Check(
            mlContext.Transforms.DownscaleImages("Small", 3, "bicubic-matlab", "Image"),
            valid,
            [new MustFail(paths, "Image"), new MustFail(imageAsText, "Image")],
            ["Small"],
            "Image");
    }

    [Fact]
    public void DownscaleImages_ToFixedSizeAfterResizeImages_MeetsTheContract()
    {
        IDataView rows = TestData.Paths(mlContext, TestData.Set5Hr[..2]);
        IDataView valid = mlContext.Transforms.LoadImages("Loaded", null, "Path")
            .Append(mlContext.Transforms.ResizeImages("Image", 120, 90, "Loaded"))
            .Fit(rows).Transform(rows);
        IDataView pathAsImage = mlContext.Transforms.CopyColumns("Image", "Path").Fit(rows).Transform(rows);
        EstimatorContract.Check(
            mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions { OutputColumnName = "Thumb", InputColumnName = "Image", Width = 50, Height = 40, Method = "area" }),
            valid,
            [new MustFail(pathAsImage, "Image")],
            ["Thumb"],
            "Image");
    }

    [Fact]
    public void DownscaleImages_LearnedTileEngine_MeetsTheContractExceptSaving()
    {
        IDataView valid = TestData.Images(mlContext, TestData.Set5Hr[..2]);
        var engine = new BlockMeanEngine(scale: 2);
        var estimator = mlContext.Transforms.DownscaleImages("Small", LearnedDownscaler.FromTileDownscaler(engine, "block-mean"), "Image");
        var error = Assert.Throws<InvalidOperationException>(
            () => EstimatorContract.Check(estimator, valid, [], ["Small"], "Image"));
        Assert.Contains("in-process tile engine", error.Message, StringComparison.Ordinal);
        Assert.True(engine.Calls > 0); // everything before the save step ran
    }

    [Fact]
    public void DownscaleImages_OnnxModel_MeetsTheContract()
    {
        IDataView valid = TestData.Images(mlContext, [TestData.Set5("bird")]);
        IDataView paths = TestData.Paths(mlContext, [TestData.Set5("bird")]);
        EstimatorContract.Check(
            mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions
            {
                OutputColumnName = "Small",
                InputColumnName = "Image",
                Model = LearnedDownscaler.FromOnnx(Downscale.Models.ShippedModels.AdkNetOnnx(2)),
                Tiling = new TilingOptions { SizePolicy = SizePolicy.Crop },
            }),
            valid,
            [new MustFail(paths, "Image")],
            ["Small"],
            "Image");
    }

    [Fact]
    public void ComputeFidelity_MeetsTheContract()
    {
        string[] names = ["baby", "bird"];
        IDataView rows = TestData.Paths(mlContext, names.Select(TestData.Set5), names.Select(n => TestData.Set5Lr(n, 4)));
        IDataView valid = mlContext.Transforms.LoadImages("Image", null, "Path")
            .Append(mlContext.Transforms.LoadImages("Target", null, "LrPath"))
            .Append(mlContext.Transforms.DownscaleImages("Small", 4, "bicubic-pil", "Image"))
            .Fit(rows).Transform(rows);
        EstimatorContract.Check(
            mlContext.Transforms.ComputeFidelity("Small", "Target", cropBorder: 4),
            valid,
            [new MustFail(rows, "Small"), new MustFail(mlContext.Transforms.CopyColumns("Target", "LrPath").Fit(valid).Transform(valid), "Target")],
            [.. FidelityColumns.All],
            "Small");
    }
}
