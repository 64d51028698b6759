using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Learned;
using Downscale.MLNet.Tests.Hosting;
using Downscale.MLNet.Transforms;
using Downscale.Models;
using Downscale.Onnx.Runtime;
using Downscale.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Tests.OnnxEngine;

/// <summary>
/// The shipped x4 ADK-Net, exported to ONNX, through DownscaleImages: the default learned engine (ONNX Runtime, no
/// TorchSharp), equal to ONNX Runtime run directly, tiled, saved and loaded in a scoring-only process.
/// </summary>
public sealed class OnnxStageTests
{
    private static readonly string[] Names = ["bird", "head"];
    private readonly MLContext mlContext = new(seed: 0);
    private readonly string folder = TestPaths.NewTempFolder();

    private static PathPair[] Rows => [.. Names.Select(n => new PathPair { Path = TestData.Set5(n), LrPath = TestData.Set5Lr(n, 4) })];

    private static TilingOptions Tiling(int tileSize) => new() { TileSize = tileSize, SizePolicy = SizePolicy.Crop };

    private List<MLImage> Downscale(LearnedDownscaler model, TilingOptions tiling)
    {
        IDataView data = mlContext.Data.LoadFromEnumerable(Rows);
        IDataView output = mlContext.Transforms.LoadImages("Image", null, nameof(PathPair.Path))
            .Append(mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions
            {
                OutputColumnName = "Small",
                InputColumnName = "Image",
                Model = model,
                Tiling = tiling,
                DegreeOfParallelism = 2,
            }))
            .Fit(data).Transform(data);
        return [.. output.GetColumn<MLImage>("Small")];
    }

    [Fact]
    public void ShippedOnnxModel_InTheStage_EqualsOnnxRuntimeRunDirectly_PixelForPixel()
    {
        string path = ShippedModels.AdkNetOnnx(4, quantized: false);
        LearnedDownscaler model = LearnedDownscaler.FromOnnx(path);
        Assert.Equal(4, model.Scale);
        Assert.Equal("adknet-x4-camsim", model.Name);

        List<MLImage> images = Downscale(model, Tiling(4096));

        using OnnxDownscaler direct = OnnxDownscaler.Load(path);
        for (int i = 0; i < Names.Length; i++)
        {
            PlanarImage expected = direct.Downscale(ImageFile.Read(Rows[i].Path), Tiling(4096));
            Assert.Equal((expected.Width, expected.Height), (images[i].Width, images[i].Height));
            Assert.Equal(InterleavedPixels.ToInterleaved8(expected), InterleavedPixels.ToInterleaved8(images[i].ToPlanarImage()));
        }
    }

    [Fact]
    public void TiledThroughTheStage_EqualsTheEngineTiledTheSameWay_AndStaysWithinOneLevelOfOneWholePass()
    {
        string path = ShippedModels.AdkNetOnnx(4, quantized: false);
        List<MLImage> tiled = Downscale(LearnedDownscaler.FromOnnx(path), Tiling(96));
        List<MLImage> whole = Downscale(LearnedDownscaler.FromOnnx(path), Tiling(4096));

        using OnnxDownscaler direct = OnnxDownscaler.Load(path);
        for (int i = 0; i < Names.Length; i++)
        {
            PlanarImage hr = ImageFile.Read(Rows[i].Path);
            Assert.True(hr.Width > 96 && hr.Height > 96, "the image must span several tiles");
            byte[] expected = InterleavedPixels.ToInterleaved8(direct.Downscale(hr, Tiling(96)));
            byte[] tiledBytes = InterleavedPixels.ToInterleaved8(tiled[i].ToPlanarImage());
            byte[] wholeBytes = InterleavedPixels.ToInterleaved8(whole[i].ToPlanarImage());
            Assert.Equal(expected, tiledBytes);
            Assert.Equal(wholeBytes.Length, tiledBytes.Length);
            Assert.InRange(wholeBytes.Zip(tiledBytes, (a, b) => Math.Abs(a - b)).Max(), 0, 1);
        }
    }

    [Fact]
    public void PipelineWithTheOnnxStage_LoadsInAFreshScoringOnlyProcess_Identically_WithoutTorchSharp()
    {
        IDataView data = mlContext.Data.LoadFromEnumerable(Rows);
        ITransformer model = mlContext.Transforms.LoadImages("Image", null, nameof(PathPair.Path))
            .Append(mlContext.Transforms.LoadImages("Target", null, nameof(PathPair.LrPath)))
            .Append(mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions
            {
                OutputColumnName = "Small",
                InputColumnName = "Image",
                Model = LearnedDownscaler.FromOnnx(ShippedModels.AdkNetOnnx(4)),
                Tiling = Tiling(128),
            }))
            .Append(mlContext.Transforms.ComputeFidelity("Small", "Target", cropBorder: 4))
            .Append(mlContext.Transforms.ResizeImages("Square", 32, 32, "Small"))
            .Append(mlContext.Transforms.ExtractPixels("Pixels", "Square"))
            .Fit(data);
        var expected = PipelineDump.Describe(model.Transform(data));
        string file = Path.Combine(folder, "onnx-pipeline.zip");
        mlContext.Model.Save(model, data.Schema, file);

        (int exitCode, string errors, string dump) = ChildProcess.Load(file, Rows);

        Assert.True(exitCode == 0, errors);
        Assert.Equal(expected, PipelineDump.Read(dump));
        Assert.All(expected[FidelityColumns.PsnrRgb].Skip(1), v => Assert.InRange(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture), 25, 60));
        string[] loaded = File.ReadAllLines(Path.Combine(dump, "assemblies.txt"));
        Assert.Contains("Microsoft.ML.OnnxRuntime", loaded);
        Assert.DoesNotContain(loaded, a => a.StartsWith("TorchSharp", StringComparison.Ordinal) || a.StartsWith("Downscale.Torch", StringComparison.Ordinal));
    }

    [Fact]
    public void CorruptOnnxPayload_IsRefusedWithTheTypedError()
    {
        byte[] good = File.ReadAllBytes(ShippedModels.AdkNetOnnx(4));
        string truncated = Path.Combine(folder, "truncated.onnx");
        File.WriteAllBytes(truncated, good[..(good.Length / 2)]);

        var fromFile = Assert.Throws<OnnxModelFormatException>(() => LearnedDownscaler.FromOnnx(truncated));
        var fromBytes = Assert.Throws<OnnxModelFormatException>(() => LearnedDownscaler.FromOnnx("not an onnx model"u8.ToArray(), "garbage"));
        var fromCodec = Assert.Throws<OnnxModelFormatException>(() => new OnnxModelCodec().Decode([0x08, 0x07, 0xff, 0xff], "saved-model"));

        Assert.Contains("truncated", fromFile.Message, StringComparison.Ordinal);
        Assert.Contains("garbage", fromBytes.Message, StringComparison.Ordinal);
        Assert.Contains("saved-model", fromCodec.Message, StringComparison.Ordinal);
    }
}
