using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Raw;
using Downscale.MLNet.Tests.Contracts;
using Downscale.MLNet.Tests.Hosting;
using Downscale.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Tests.RawStages;

/// <summary>
/// The RAW stages on Set14 RAW pairs: LoadRawFrames → DownscaleRaw (x2 and x1.3) → ComputeRawFidelity and
/// RenderRawPreview → ML.NET's image stages, equal to Downscale.Core's RAW functions run directly, lazy, schema-checked,
/// saved and loaded in a fresh process.
/// </summary>
public sealed class RawStageTests
{
    private readonly MLContext mlContext = new(seed: 0);
    private readonly string folder = TestPaths.NewTempFolder();

    public static TheoryData<string> Scales() => new("2", "1.3");

    private IEstimator<ITransformer> Pipeline(RationalScale scale) =>
        mlContext.Transforms.LoadRawFrames("Hr", nameof(PathPair.Path))
            .Append(mlContext.Transforms.LoadRawFrames("Lr", nameof(PathPair.LrPath)))
            .Append(mlContext.Transforms.DownscaleRaw("Small", scale, "bilinear-pil", "Hr"))
            .Append(mlContext.Transforms.ComputeRawFidelity("Small", "Lr", RawEvaluation.CropBorder(scale)))
            .Append(mlContext.Transforms.RenderRawPreview("Preview", "Small"))
            .Append(mlContext.Transforms.ResizeImages("Thumb", 64, 64, "Preview"))
            .Append(mlContext.Transforms.ExtractPixels("Pixels", "Thumb"));

    [Theory]
    [MemberData(nameof(Scales))]
    public void RawPipeline_EqualsTheCoreRawFunctionsRunDirectly(string scaleText)
    {
        RationalScale scale = RationalScale.Parse(scaleText);
        PathPair[] rows = RawData.Rows(scale);
        IDataView data = mlContext.Data.LoadFromEnumerable(rows);

        IDataView output = Pipeline(scale).Fit(data).Transform(data);
        List<RawFrame> small = [.. output.GetColumn<RawFrame>("Small")];
        List<MLImage> previews = [.. output.GetColumn<MLImage>("Preview")];
        List<double> rawPsnr = [.. output.GetColumn<double>(RawFidelityColumns.RawPsnr)];
        List<double> srgbPsnr = [.. output.GetColumn<double>(RawFidelityColumns.SrgbPsnrRgb)];

        for (int i = 0; i < rows.Length; i++)
        {
            RawFrame hr = RawProtocolFile.Read(rows[i].Path), lr = RawProtocolFile.Read(rows[i].LrPath);
            ClassicDownscaler method = ClassicDownscalers.Get("bilinear-pil");
            PlanarImage expected = RawInterpolation.Downscale(hr, RawEvaluation.PlanOf(RawData.Names[i], hr, lr, scale), method.Method, RawInterpolationDomain.Demosaicked, method.Options);
            Assert.Equal((lr.Height, lr.Width), (small[i].Height, small[i].Width));
            Assert.Equal(expected.Data.ToArray().Select(v => Math.Clamp(v, 0f, 1f)), small[i].Mosaic.Data.ToArray());
            Assert.Equal(scale.Factor, small[i].Metadata.Scale);
            RawScores scores = RawEvaluation.Score(RawData.Names[i], expected, lr, RawEvaluation.CropBorder(scale));
            Assert.Equal(scores.RawPsnr, rawPsnr[i], 9);
            Assert.Equal(scores.Srgb.PsnrRgb, srgbPsnr[i], 9);
            Assert.InRange(rawPsnr[i], 33, 50); // docs/models/raw-wavelet.md: this baseline averages 41.2 (x2) and 39.4 (x1.3) dB on Set14
            byte[] developed = InterleavedPixels.ToInterleaved8(ForwardIsp.Develop(small[i]));
            Assert.Equal(developed, InterleavedPixels.ToInterleaved8(previews[i].ToPlanarImage()));
        }

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3, 64, 64), output.Schema["Pixels"].Type);
    }

    [Fact]
    public void RawPipeline_LoadsInAFreshScoringOnlyProcess_Identically()
    {
        RationalScale scale = RationalScale.Parse("1.3");
        PathPair[] rows = RawData.Rows(scale);
        IDataView data = mlContext.Data.LoadFromEnumerable(rows);
        ITransformer model = Pipeline(scale).Fit(data);
        var expected = PipelineDump.Describe(model.Transform(data));
        string file = Path.Combine(folder, "raw-pipeline.zip");
        mlContext.Model.Save(model, data.Schema, file);

        (int exitCode, string errors, string dump) = ChildProcess.Load(file, rows);
        (int verified, string verifyErrors, _) = ChildProcess.Load(file, rows, options: ["--verify", "--load-only"]);
        (int mapped, string mapErrors, string mapDump) = ChildProcess.Load(file, rows, predictionEngine: true);

        Assert.True(exitCode == 0, errors);
        Assert.True(verified == 0, verifyErrors);
        Assert.True(mapped == 0, mapErrors);
        Assert.Equal(expected, PipelineDump.Read(dump));
        var rowByRow = PipelineDump.Read(mapDump); // the row-to-row mapper that PredictionEngine uses
        foreach (string column in new[] { "Small", "Preview", "Pixels", RawFidelityColumns.RawPsnr, RawFidelityColumns.SrgbSsimY })
        {
            Assert.Equal(expected[column], rowByRow[column]);
        }
        Assert.StartsWith("type RawFrame", expected["Small"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DescribesEveryRawStage()
    {
        RationalScale scale = RationalScale.Parse("2");
        IDataView data = mlContext.Data.LoadFromEnumerable(RawData.Rows(scale));
        string file = Path.Combine(folder, "raw.zip");
        mlContext.Model.Save(Pipeline(scale).Fit(data), data.Schema, file);

        ITransformer loaded = mlContext.Downscaling().LoadModel(file, out _);

        Assert.Equal(
            ["LoadRawFrames", "LoadRawFrames", "DownscaleRaw", "ComputeRawFidelity", "RenderRawPreview"],
            mlContext.Downscaling().Verify(loaded).Select(s => s.Kind));
        Assert.Contains(mlContext.Downscaling().Verify(loaded), s => s.Description == "bilinear-pil (Demosaicked) x2 on 'Hr'");
    }

    [Fact]
    public void LoadRawFrames_MeetsTheContract()
    {
        IDataView valid = TestData.Paths(mlContext, RawData.Names.Select(RawData.Hr));
        IDataView numbers = mlContext.Data.LoadFromEnumerable([new NumberRow { Path = 1 }]);
        EstimatorContract.Check(mlContext.Transforms.LoadRawFrames("Hr", "Path"), valid, [new MustFail(numbers, "Path")], ["Hr"], "Path");
    }

    [Fact]
    public void DownscaleRaw_MeetsTheContract()
    {
        IDataView valid = Frames(RationalScale.Parse("2"));
        EstimatorContract.Check(
            mlContext.Transforms.DownscaleRaw("Small", RationalScale.Parse("1.3"), "area", "Hr"),
            valid,
            [new MustFail(mlContext.Data.LoadFromEnumerable(RawData.Rows(RationalScale.Parse("2"))), "Hr"), new MustFail(mlContext.Transforms.CopyColumns("Hr", "Path").Fit(valid).Transform(valid), "Hr")],
            ["Small"],
            "Hr");
    }

    [Fact]
    public void RenderRawPreview_MeetsTheContract()
    {
        IDataView valid = Frames(RationalScale.Parse("2"));
        IDataView images = mlContext.Transforms.LoadImages("Hr", null, "Path").Fit(valid).Transform(valid);
        EstimatorContract.Check(mlContext.Transforms.RenderRawPreview("Preview", "Hr"), valid, [new MustFail(images, "Hr")], ["Preview"], "Hr");
    }

    [Fact]
    public void ComputeRawFidelity_MeetsTheContract()
    {
        RationalScale scale = RationalScale.Parse("2");
        IDataView valid = mlContext.Transforms.DownscaleRaw("Small", scale, "area", "Hr").Fit(Frames(scale)).Transform(Frames(scale));
        EstimatorContract.Check(
            mlContext.Transforms.ComputeRawFidelity("Small", "Lr", cropBorder: 2, columnPrefix: "Area"),
            valid,
            [new MustFail(Frames(scale), "Small"), new MustFail(mlContext.Transforms.CopyColumns("Lr", "LrPath").Fit(valid).Transform(valid), "Lr")],
            [.. RawFidelityColumns.All.Select(c => "Area" + c)],
            "Small");
    }

    [Fact]
    public void RawStages_RefuseBadInputs_WithActionableMessages()
    {
        IDataView missing = TestData.Paths(mlContext, [Path.Combine(folder, "absent.png")]);
        IDataView loaded = mlContext.Transforms.LoadRawFrames("Hr", "Path").Fit(missing).Transform(missing);

        var absent = Assert.Throws<FileNotFoundException>(() => loaded.GetColumn<RawFrame>("Hr").ToList());
        var noScale = Assert.Throws<ArgumentException>(() => mlContext.Transforms.DownscaleRaw(new RawDownscalingOptions { OutputColumnName = "Small", InputColumnName = "Hr" }));
        var unknown = Assert.Throws<ArgumentException>(() => mlContext.Transforms.DownscaleRaw("Small", RationalScale.Parse("2"), "no-such-method", "Hr"));

        Assert.Contains("absent.png", absent.Message, StringComparison.Ordinal);
        Assert.Contains("RationalScale.Parse", noScale.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-method", unknown.Message, StringComparison.Ordinal);
    }

    /// <summary>HR and LR RAW frame columns (loaded lazily) of the two pairs at <paramref name="scale"/>.</summary>
    private IDataView Frames(RationalScale scale)
    {
        IDataView rows = mlContext.Data.LoadFromEnumerable(RawData.Rows(scale));
        return mlContext.Transforms.LoadRawFrames("Hr", nameof(PathPair.Path))
            .Append(mlContext.Transforms.LoadRawFrames("Lr", nameof(PathPair.LrPath)))
            .Fit(rows).Transform(rows);
    }

    private sealed class NumberRow
    {
        public float Path { get; set; }
    }
}
