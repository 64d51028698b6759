using Downscale.Core.Raw;
using Downscale.MLNet.Raw;
using Downscale.MLNet.Tests.Contracts;
using Downscale.MLNet.Tests.Hosting;
using Downscale.MLNet.Tests.RawStages;
using Downscale.Tests;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Torch.Tests;

/// <summary>
/// mlContext.Downscaling().Trainers.RawWavelet on Set14 RAW pairs: Fit runs the generic trainer for a few steps and
/// returns the DownscaleRaw transformer of the trained model, which equals the network run directly, saves and loads
/// in a fresh process, and meets the shared contract.
/// </summary>
public sealed class RawWaveletTrainerTests
{
    private readonly MLContext mlContext = new(seed: 0);
    private readonly string folder = TestPaths.NewTempFolder();

    /// <summary>HR and LR RAW frame columns of two Set14 pairs at <paramref name="scale"/>.</summary>
    private IDataView Frames(RationalScale scale)
    {
        IDataView rows = mlContext.Data.LoadFromEnumerable(RawData.Rows(scale));
        return mlContext.Transforms.LoadRawFrames("Hr", nameof(PathPair.Path))
            .Append(mlContext.Transforms.LoadRawFrames("Lr", nameof(PathPair.LrPath)))
            .Fit(rows).Transform(rows);
    }

    /// <summary>A tiny model (4 features, one level, one HFPM block) trained for <paramref name="steps"/> steps.</summary>
    private RawWaveletTrainerOptions Tiny(RationalScale scale, int steps, List<TrainingProgress> reports) => new()
    {
        Model = RawWaveletOptions.Improved(scale) with { Features = 4, Levels = 1, LasdmBlocks = 0, HfpmBlocks = 1 },
        OutputColumnName = "Small",
        Training = new TrainerOptions { Steps = steps, BatchSize = 2, LearningRate = 1e-3, Threads = 2, ValidateEvery = steps, CheckpointEvery = steps, OutputFolder = Path.Combine(folder, "run") },
        Sampling = new RawSamplingOptions { LrPatchSize = 2 * scale.Output * 2 },
        ValidationData = Frames(scale),
        Progress = new Recorder(reports),
    };

    [Theory]
    [InlineData("2")]
    [InlineData("1.3")]
    public void Fit_TrainsForAFewSteps_AndTheTransformerEqualsTheNetworkRunDirectly(string scaleText)
    {
        RationalScale scale = RationalScale.Parse(scaleText);
        var reports = new List<TrainingProgress>();
        IDataView frames = Frames(scale);

        RawTransformer trained = mlContext.Downscaling().Trainers.RawWavelet(Tiny(scale, 3, reports)).Fit(frames);
        IDataView downscaled = trained.Transform(frames);
        IDataView scored = mlContext.Transforms.ComputeRawFidelity("Small", "Lr", RawEvaluation.CropBorder(scale)).Fit(downscaled).Transform(downscaled);

        Assert.Equal(3, reports.Count(r => r.Event == TrainingEvent.Step));
        Assert.True(File.Exists(Path.Combine(folder, "run", "best.safetensors")));
        var model = Assert.IsType<RawWaveletDownscaler>(trained.Model);
        Assert.Equal((3L, scale), (model.Training!.Step, model.Scale));
        List<RawFrame> small = [.. scored.GetColumn<RawFrame>("Small")];
        List<double> psnr = [.. scored.GetColumn<double>(RawFidelityColumns.RawPsnr)];
        for (int i = 0; i < RawData.Names.Length; i++)
        {
            RawFrame expected = model.Network.Downscale(RawProtocolFile.Read(RawData.Rows(scale)[i].Path));
            RawFrame lr = RawProtocolFile.Read(RawData.Rows(scale)[i].LrPath);
            Assert.Equal((lr.Height, lr.Width), (small[i].Height, small[i].Width));
            Assert.Equal(expected.Mosaic.Data.ToArray(), small[i].Mosaic.Data.ToArray());
            Assert.InRange(psnr[i], 15, 60); // three steps of a 4-feature model: far from trained, but a real downscale
        }
    }

    [Fact]
    public void TrainedPipeline_LoadsInAFreshProcessWithDownscaleMLNetTorch_Identically_AndIsRefusedWithoutIt()
    {
        RationalScale scale = RationalScale.Parse("1.3");
        RawTransformer trained = mlContext.Downscaling().Trainers.RawWavelet(Tiny(scale, 2, []) with { ValidationData = null }).Fit(Frames(scale));
        IDataView rows = mlContext.Data.LoadFromEnumerable(RawData.Rows(scale));
        ITransformer model = mlContext.Transforms.LoadRawFrames("Hr", nameof(PathPair.Path))
            .Append(mlContext.Transforms.LoadRawFrames("Lr", nameof(PathPair.LrPath)))
            .Fit(rows)
            .Append(trained)
            .Append(mlContext.Transforms.RenderRawPreview("Preview", "Small").Fit(trained.Transform(Frames(scale))));
        var expected = PipelineDump.Describe(model.Transform(rows));
        string file = Path.Combine(folder, "raw-trained.zip");
        mlContext.Model.Save(model, rows.Schema, file);

        (int exitCode, string errors, string dump) = ChildProcess.Load(file, RawData.Rows(scale), hostPath: ChildProcess.TorchHostPath);
        (int scoringOnly, string refusal, _) = ChildProcess.Load(file, RawData.Rows(scale), options: ["--verify", "--load-only"]);

        Assert.True(exitCode == 0, errors);
        Assert.Equal(expected, PipelineDump.Read(dump));
        Assert.Equal(3, scoringOnly);
        Assert.Contains("needs the engine 'Downscale.MLNet.Torch.RawWaveletCodec' from the assembly 'Downscale.MLNet.Torch'", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void DownscaleRaw_WithTheTorchSharpEngine_MeetsTheContract()
    {
        RationalScale scale = RationalScale.Parse("2");
        TorchSharp.torch.random.manual_seed(1);
        using var network = new RawWaveletNet(RawWaveletOptions.Improved(scale) with { Features = 4, Levels = 1, LasdmBlocks = 0, HfpmBlocks = 1 });
        IDataView valid = Frames(scale);
        EstimatorContract.Check(
            mlContext.Transforms.DownscaleRaw("Small", RawWaveletDownscaler.FromNetwork(network), "Hr"),
            valid,
            [new MustFail(mlContext.Data.LoadFromEnumerable(RawData.Rows(scale)), "Hr")],
            ["Small"],
            "Hr");
    }

    [Fact]
    public void Trainer_MeetsTheContract()
    {
        RationalScale scale = RationalScale.Parse("2");
        IDataView rows = mlContext.Data.LoadFromEnumerable(RawData.Rows(scale));
        IDataView lrOnly = mlContext.Transforms.LoadRawFrames("Lr", nameof(PathPair.LrPath)).Fit(rows).Transform(rows);

        EstimatorContract.Check(
            mlContext.Downscaling().Trainers.RawWavelet(Tiny(scale, 1, []) with { ValidationData = null }),
            Frames(scale),
            [new MustFail(lrOnly, "Hr")],
            ["Small"],
            "Hr",
            fitReadsRows: true);
    }

    [Fact]
    public void Trainer_WithoutItsColumns_NamesThem_FromTheSchemaAlone()
    {
        RawWaveletTrainer trainer = mlContext.Downscaling().Trainers.RawWavelet(new RawWaveletTrainerOptions { Model = RawWaveletOptions.Improved(RationalScale.Parse("2")), LrColumnName = "Ground" });
        IDataView frames = Frames(RationalScale.Parse("2"));

        var fromShape = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(ShapeProbe.Of(frames)));
        var fromFit = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(frames));
        var scale = Assert.Throws<ArgumentException>(() => mlContext.Transforms.DownscaleRaw(new RawDownscalingOptions
        {
            OutputColumnName = "Small",
            Model = RawWaveletDownscaler.FromNetwork(new RawWaveletNet(RawWaveletOptions.Improved(RationalScale.Parse("2")) with { Features = 2, Levels = 1 })),
            Scale = RationalScale.Parse("1.3"),
        }));

        Assert.Contains("'Ground'", fromShape.Message, StringComparison.Ordinal);
        Assert.Contains("'Ground'", fromFit.Message, StringComparison.Ordinal);
        Assert.Contains("differs from the model", scale.Message, StringComparison.Ordinal);
    }

    private sealed class Recorder(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
