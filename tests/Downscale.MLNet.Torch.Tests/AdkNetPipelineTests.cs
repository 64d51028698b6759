using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Tests;
using Downscale.MLNet.Tests.Hosting;
using Downscale.MLNet.Transforms;
using Downscale.Models;
using Downscale.Tests;
using Downscale.Torch.Inference;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Torch.Tests;

/// <summary>The shipped ADK-Net through DownscaleImages, saved and loaded in fresh processes with and without TorchSharp.</summary>
public sealed class AdkNetPipelineTests
{
    private static readonly string[] Names = ["bird", "head"];
    private readonly MLContext mlContext = new(seed: 0);
    private readonly string folder = TestPaths.NewTempFolder();

    /// <summary>
    /// 128 x 96 crops of two Set5 images with the matching 32 x 24 crops of their ground truth (ADK-Net's x4 inference
    /// is the slow part of these tests on a shared 2-core machine).
    /// </summary>
    public AdkNetPipelineTests()
    {
        Rows = [.. Names.Select(name => new PathPair { Path = Crop(TestData.Set5(name), 128, 96), LrPath = Crop(TestData.Set5Lr(name, 4), 32, 24) })];
    }

    private PathPair[] Rows { get; }

    private string Crop(string path, int width, int height)
    {
        PlanarImage image = ImageFile.Read(path);
        var crop = new PlanarImage(3, height, width);
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < height; y++)
            {
                image.Row(c, y)[..width].CopyTo(crop.Row(c, y));
            }
        }

        string file = Path.Combine(folder, $"{Path.GetFileName(Path.GetDirectoryName(path))}-{Path.GetFileName(path)}");
        ImageFile.WritePng(file, crop);
        return file;
    }

    private ITransformer Fit(AdkNetDownscaler model)
    {
        IDataView data = mlContext.Data.LoadFromEnumerable(Rows);
        return mlContext.Transforms.LoadImages("Image", null, nameof(PathPair.Path))
            .Append(mlContext.Transforms.LoadImages("Target", null, nameof(PathPair.LrPath)))
            .Append(mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions
            {
                OutputColumnName = "Small",
                InputColumnName = "Image",
                Model = model,
                Tiling = new TilingOptions { TileSize = 64, SizePolicy = SizePolicy.Crop },
                DegreeOfParallelism = 1,
            }))
            .Append(mlContext.Transforms.ComputeFidelity("Small", "Target", cropBorder: 4))
            .Fit(data);
    }

    [Fact]
    public void ShippedAdkNet_InAPipeline_EqualsAdkNetInference()
    {
        AdkNetDownscaler model = AdkNetDownscaler.Load(ShippedModels.AdkNet(4));
        IDataView output = Fit(model).Transform(mlContext.Data.LoadFromEnumerable(Rows));

        List<MLImage> images = [.. output.GetColumn<MLImage>("Small")];
        List<double> psnr = [.. output.GetColumn<double>(FidelityColumns.PsnrRgb)];

        for (int i = 0; i < Names.Length; i++)
        {
            PlanarImage expected = AdkNetInference.Downscale(model.Network, ImageFile.Read(Rows[i].Path), new TilingOptions { SizePolicy = SizePolicy.Crop });
            Assert.Equal(InterleavedPixels.ToInterleaved8(expected), InterleavedPixels.ToInterleaved8(images[i].ToPlanarImage()));
            Assert.InRange(psnr[i], 25, 60);
        }
    }

    [Fact]
    public void SavedPipelineWithAdkNet_LoadsInAFreshProcessWithDownscaleMLNetTorch_Identically()
    {
        ITransformer model = Fit(AdkNetDownscaler.Load(ShippedModels.AdkNet(4)));
        var expected = PipelineDump.Describe(model.Transform(mlContext.Data.LoadFromEnumerable(Rows)));
        string file = Path.Combine(folder, "adknet-pipeline.zip");
        mlContext.Model.Save(model, mlContext.Data.LoadFromEnumerable(Rows).Schema, file);

        (int exitCode, string errors, string dump) = ChildProcess.Load(file, Rows, hostPath: ChildProcess.TorchHostPath);

        Assert.True(exitCode == 0, errors);
        Assert.Equal(expected, PipelineDump.Read(dump));
    }

    [Fact]
    public void SavedPipelineWithAdkNet_InAScoringOnlyApplication_IsRefusedNamingTheAssemblyToReference()
    {
        ITransformer model = Fit(AdkNetDownscaler.Load(ShippedModels.AdkNet(4)));
        string file = Path.Combine(folder, "adknet-pipeline.zip");
        mlContext.Model.Save(model, mlContext.Data.LoadFromEnumerable(Rows).Schema, file);

        (int plain, string errors, _) = ChildProcess.Load(file, Rows);
        (int verified, string verifyErrors, _) = ChildProcess.Load(file, Rows, options: ["--verify", "--load-only"]);

        Assert.Equal(3, plain);
        Assert.Contains("needs the engine 'Downscale.MLNet.Torch.AdkNetCodec' from the assembly 'Downscale.MLNet.Torch'", errors, StringComparison.Ordinal);
        Assert.Contains("export the model to ONNX", errors, StringComparison.Ordinal);
        Assert.Equal(3, verified);
        Assert.Contains("Downscale.MLNet.Torch", verifyErrors, StringComparison.Ordinal);
    }
}
