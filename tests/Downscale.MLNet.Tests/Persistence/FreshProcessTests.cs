using Downscale.MLNet.Tests.Hosting;
using Downscale.MLNet.Transforms;
using Downscale.Tests;
using Microsoft.ML;

namespace Downscale.MLNet.Tests.Persistence;

/// <summary>
/// A pipeline mixing ML.NET's stages and ours, saved with mlContext.Model.Save and loaded with a plain
/// mlContext.Model.Load in a fresh process (after one RegisterAssembly call), gives identical outputs.
/// </summary>
public sealed class FreshProcessTests
{
    private readonly MLContext mlContext = new(seed: 0);
    private readonly string folder = TestPaths.NewTempFolder();

    private static readonly string[] Names = ["baby", "bird", "butterfly"];

    private static PathPair[] Rows => [.. Names.Select(n => new PathPair { Path = TestData.Set5(n), LrPath = TestData.Set5Lr(n, 4) })];

    [Fact]
    public void MixedPipeline_LoadedInAFreshProcess_GivesIdenticalOutputs()
    {
        IDataView data = mlContext.Data.LoadFromEnumerable(Rows);
        var pipeline = mlContext.Transforms.LoadImages("Image", null, nameof(PathPair.Path))
            .Append(mlContext.Transforms.LoadImages("Target", null, nameof(PathPair.LrPath)))
            .Append(mlContext.Transforms.DownscaleImages("Small", 4, "bicubic-matlab", "Image"))
            .Append(mlContext.Transforms.ComputeFidelity("Small", "Target", cropBorder: 4))
            .Append(mlContext.Transforms.ResizeImages("Square", 96, 96, "Image"))
            .Append(mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions { OutputColumnName = "Tiny", InputColumnName = "Square", Scale = 3, Method = "lanczos3" }))
            .Append(mlContext.Transforms.ExtractPixels("Pixels", "Tiny"));
        ITransformer model = pipeline.Fit(data);
        var expected = PipelineDump.Describe(model.Transform(data));
        string file = Path.Combine(folder, "pipeline.zip");
        mlContext.Model.Save(model, data.Schema, file);

        (int exitCode, string errors, string dump) = ChildProcess.Load(file, Rows);

        Assert.True(exitCode == 0, errors);
        var actual = PipelineDump.Read(dump);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (string column in expected.Keys)
        {
            Assert.Equal(expected[column], actual[column]);
        }

        Assert.Equal("type Image<32, 32>", actual["Tiny"][0]);
        Assert.Equal("type Vector<Single, 3, 32, 32>", actual["Pixels"][0]);
        Assert.All(actual["PsnrRgb"].Skip(1), v => Assert.InRange(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture), 20, 60));
    }

    [Fact]
    public void MixedPipeline_ThroughTheRowToRowMapperInAFreshProcess_GivesIdenticalOutputs()
    {
        IDataView data = mlContext.Data.LoadFromEnumerable(Rows);
        var pipeline = mlContext.Transforms.LoadImages("Image", null, nameof(PathPair.Path))
            .Append(mlContext.Transforms.LoadImages("Target", null, nameof(PathPair.LrPath)))
            .Append(mlContext.Transforms.DownscaleImages("Small", 4, "area", "Image"))
            .Append(mlContext.Transforms.ComputeFidelity("Small", "Target", cropBorder: 4, columnPrefix: "Area"));
        ITransformer model = pipeline.Fit(data);
        var expected = PipelineDump.Describe(model.Transform(data));
        string file = Path.Combine(folder, "pipeline.zip");
        mlContext.Model.Save(model, data.Schema, file);

        (int exitCode, string errors, string dump) = ChildProcess.Load(file, Rows, predictionEngine: true);

        Assert.True(exitCode == 0, errors);
        var actual = PipelineDump.Read(dump);
        foreach (string column in new[] { "Small", "AreaPsnrRgb", "AreaPsnrY", "AreaSsimRgb", "AreaSsimY" })
        {
            Assert.Equal(expected[column], actual[column]);
        }
    }
}
