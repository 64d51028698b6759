using Downscale.Core.Raw;
using Downscale.MLNet.Raw;
using Downscale.MLNet.Tests.Hosting;
using Downscale.Onnx.Runtime;
using Downscale.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Tests.RawStages;

/// <summary>
/// The RAW downscaling stage with an exported RAW wavelet model scored by ONNX Runtime (the committed x13/10 fixture
/// exported by <c>tools/fixtures/make_onnx_raw_fixtures.py</c>): equal to the ONNX RAW scorer run directly, and saved
/// with its bytes so that a fresh scoring-only process rebuilds it.
/// </summary>
public sealed class OnnxRawStageTests
{
    private static readonly string Model = TestPaths.Fixture("onnx_raw", "improved_x13.onnx");
    private readonly MLContext mlContext = new(seed: 0);

    private IEstimator<ITransformer> Pipeline(RawDownscaler model) =>
        mlContext.Transforms.LoadRawFrames("Hr", nameof(PathPair.Path))
            .Append(mlContext.Transforms.LoadRawFrames("Lr", nameof(PathPair.LrPath)))
            .Append(mlContext.Transforms.DownscaleRaw("Small", model, "Hr"))
            .Append(mlContext.Transforms.ComputeRawFidelity("Small", "Lr", cropBorder: 1));

    [Fact]
    public void DownscaleRaw_WithAnOnnxModel_EqualsTheOnnxRawScorer_AndReloadsInAFreshProcess()
    {
        RationalScale scale = RationalScale.Parse("1.3");
        PathPair[] rows = RawData.Rows(scale);
        IDataView data = mlContext.Data.LoadFromEnumerable(rows);
        RawDownscaler model = RawDownscaler.FromOnnx(Model);

        ITransformer fitted = Pipeline(model).Fit(data);
        IDataView output = fitted.Transform(data);
        List<RawFrame> small = [.. output.GetColumn<RawFrame>("Small")];

        Assert.Equal(scale, model.Scale);
        using var engine = RawOnnxDownscaler.Load(Model);
        for (int i = 0; i < rows.Length; i++)
        {
            RawFrame direct = engine.Downscale(RawProtocolFile.Read(rows[i].Path));
            RawFrame published = RawProtocolFile.Read(rows[i].LrPath);
            Assert.Equal((published.Height, published.Width), (small[i].Height, small[i].Width));
            Assert.Equal(direct.Mosaic.Data.ToArray(), small[i].Mosaic.Data.ToArray());
        }

        string file = Path.Combine(TestPaths.NewTempFolder(), "onnx-raw.zip");
        mlContext.Model.Save(fitted, data.Schema, file);
        (int exitCode, string errors, string dump) = ChildProcess.Load(file, rows);
        Assert.True(exitCode == 0, errors);
        Assert.Equal(PipelineDump.Describe(output), PipelineDump.Read(dump));
    }

    [Fact]
    public void FromOnnx_OnAnImageDownscalerOrGarbage_IsRefusedWithTheModelsName()
    {
        var garbage = Assert.Throws<OnnxModelFormatException>(() => RawDownscaler.FromOnnx([1, 2, 3], "raw-x2"));
        var adkNet = Assert.Throws<OnnxModelFormatException>(() =>
            RawDownscaler.FromOnnx(Downscale.Models.ShippedModels.AdkNetOnnx(4)));

        Assert.Contains("raw-x2", garbage.Message, StringComparison.Ordinal);
        Assert.Contains("adknet-x4-camsim", adkNet.Message, StringComparison.Ordinal);
    }
}
