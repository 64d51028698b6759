using Downscale.MLNet.Persistence;
using Downscale.MLNet.Tests.Hosting;
using Downscale.MLNet.Transforms;
using Downscale.Tests;
using Microsoft.ML;

namespace Downscale.MLNet.Tests.Persistence;

/// <summary>Damaged, tampered or incompatible saved pipelines are refused with messages that say what is wrong.</summary>
public sealed class RefusalTests
{
    private readonly MLContext mlContext = new(seed: 0);
    private readonly string folder = TestPaths.NewTempFolder();

    private static PathPair[] Rows => [new PathPair { Path = TestData.Set5("bird") }];

    private string SavePipeline()
    {
        IDataView data = mlContext.Data.LoadFromEnumerable(Rows);
        ITransformer model = mlContext.Transforms.LoadImages("Image", null, nameof(PathPair.Path))
            .Append(mlContext.Transforms.DownscaleImages("Small", 2, "area", "Image"))
            .Fit(data);
        string file = Path.Combine(folder, "pipeline.zip");
        mlContext.Model.Save(model, data.Schema, file);
        return file;
    }

    [Fact]
    public void TruncatedFile_IsRefusedWithAMessageNamingTheFile()
    {
        string file = SavePipeline();
        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        (int plain, string plainErrors, _) = ChildProcess.Load(file, Rows);
        (int verified, string errors, _) = ChildProcess.Load(file, Rows, options: "--verify");

        Assert.Equal(3, plain);
        Assert.Contains("Failed to open a zip archive", plainErrors, StringComparison.Ordinal); // ML.NET's own message
        Assert.Equal(3, verified);
        Assert.Contains(typeof(DownscalingModelException).FullName!, errors, StringComparison.Ordinal);
        Assert.Contains($"'{file}' cannot be loaded as an ML.NET model: the file is damaged", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void FlippedBytes_AreRefusedWithAMessageNamingTheFile()
    {
        string file = SavePipeline();
        byte[] bytes = File.ReadAllBytes(file);
        for (int i = bytes.Length / 3; i < (bytes.Length / 3) + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(file, bytes);

        (int plain, _, _) = ChildProcess.Load(file, Rows);
        (int verified, string errors, _) = ChildProcess.Load(file, Rows, options: "--verify");

        Assert.Equal(3, plain);
        Assert.Equal(3, verified);
        Assert.Contains($"'{file}' cannot be loaded as an ML.NET model: the file is damaged", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "saved in stage format 2, but this Downscale.MLNet reads format 1")]
    [InlineData(1, "is corrupt: its configuration does not match its checksum")]
    public void TamperedStageConfiguration_IsRefused(int format, string expected)
    {
        IDataView data = mlContext.Data.LoadFromEnumerable(Rows);
        ITransformer load = mlContext.Transforms.LoadImages("Image", null, nameof(PathPair.Path)).Fit(data);
        IDataView images = load.Transform(data);
        string text = StageConfigText.Write(new DownscaleStageConfig { Inputs = [ImageGeometry.Unknown], InputColumn = "Image", Method = "area", Scale = 2 });
        string tampered = format == 1 ? text.Replace("\"area\"", "\"dpid\"", StringComparison.Ordinal) : text.Replace("stage/1 ", "stage/2 ", StringComparison.Ordinal);
        var stage = PortableStageChain.Build(
            images.Schema, tampered, [new PortableInput("Image", ImageGeometry.Unknown)], PortableStageChain.DownscaleWorker(ImageGeometry.Unknown),
            [new PortableOutput("Small", Downscale.MLNet.Persistence.Workers.StageColumns.ImageOutput, ImageGeometry.Unknown)]);
        string file = Path.Combine(folder, "tampered.zip");
        mlContext.Model.Save(load.Append(stage), data.Schema, file);

        (int plain, string plainErrors, _) = ChildProcess.Load(file, Rows); // refused when the first row is computed
        (int atLoad, string loadErrors, _) = ChildProcess.Load(file, Rows, options: ["--verify", "--load-only"]); // refused by LoadModel

        Assert.Equal(3, plain);
        Assert.Contains(typeof(DownscalingModelException).FullName!, plainErrors, StringComparison.Ordinal);
        Assert.Contains(expected, plainErrors, StringComparison.Ordinal);
        Assert.Equal(3, atLoad);
        Assert.Contains(expected, loadErrors, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadModel_OfAGoodPipeline_DescribesItsStages()
    {
        string file = SavePipeline();
        var fresh = new MLContext(seed: 3);

        ITransformer model = fresh.Downscaling().LoadModel(file, out DataViewSchema schema);

        VerifiedStage stage = Assert.Single(fresh.Downscaling().Verify(model));
        Assert.Equal(new VerifiedStage("DownscaleImages", "area x2 on 'Image'"), stage);
        Assert.Equal(nameof(PathPair.Path), schema[0].Name);
    }
}
