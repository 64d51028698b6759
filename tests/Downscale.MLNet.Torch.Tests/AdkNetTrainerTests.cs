using Downscale.MLNet.Tests.Contracts;
using Downscale.MLNet.Data;
using Downscale.MLNet.Tests.Hosting;
using Downscale.MLNet.Transforms;
using Downscale.Tests;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Downscale.MLNet.Torch.Tests;

/// <summary>mlContext.Downscaling().Trainers.AdkNet: Fit runs the ADK-Net trainer and returns a downscaling transformer.</summary>
public sealed class AdkNetTrainerTests
{
    private readonly MLContext mlContext = new(seed: 0);
    private readonly string folder = TestPaths.NewTempFolder();

    private IDataView Pairs => mlContext.Data.LoadPairsV1(Path.Combine(TestPaths.SharedData, "Set5"), "camsim", 4);

    private AdkNetTrainerOptions TinyOptions(List<TrainingProgress> reports) => new()
    {
        Model = new AdkNetOptions { Scale = 4, Features = 8, BackboneBlocks = 1, TrunkBlocks = 1, BranchBlocks = 1 },
        Training = new TrainerOptions { Steps = 4, BatchSize = 2, ValidateEvery = 2, CheckpointEvery = 2, LearningRate = 1e-3, Threads = 2, OutputFolder = Path.Combine(folder, "run") },
        Sampling = new PairSamplingOptions { HrPatchSize = 32 },
        ValidationData = Pairs,
        Progress = new Recorder(reports),
        Tiling = new Core.Tiling.TilingOptions { SizePolicy = Core.Tiling.SizePolicy.Crop },
    };

    [Fact]
    public void Fit_OnImageColumns_TrainsWithProgressAndCheckpoints_AndReturnsADownscaler()
    {
        var reports = new List<TrainingProgress>();
        var pipeline = mlContext.Transforms.LoadImages("Hr", null, ImagePairRow.Columns.HrPath)
            .Append(mlContext.Transforms.LoadImages("Lr", null, ImagePairRow.Columns.LrPath))
            .Append(mlContext.Downscaling().Trainers.AdkNet(TinyOptions(reports) with { ValidationData = null }))
            .Append(mlContext.Transforms.ComputeFidelity("Downscaled", "Lr", cropBorder: 4));

        var model = pipeline.Fit(Pairs);
        IDataView scored = model.Transform(Pairs);

        Assert.Equal(4, reports.Count(r => r.Event == TrainingEvent.Step));
        Assert.True(File.Exists(Path.Combine(folder, "run", TrainerOptions.LogFileName)));
        Assert.Equal(new ImageDataViewType(), scored.Schema["Downscaled"].Type);
        MLImage small = scored.GetColumn<MLImage>("Downscaled").First();
        Assert.Equal((126, 126), (small.Width, small.Height)); // baby.png, 504 / 4
        Assert.All(scored.GetColumn<double>(FidelityColumns.PsnrRgb), psnr => Assert.InRange(psnr, 5, 60));
        var downscaler = Assert.IsType<AdkNetDownscaler>(model.OfType<ImageDownscalingTransformer>().Single().Model);
        Assert.Equal(4, downscaler.Training!.Step);
    }

    [Fact]
    public void Fit_OnPathColumns_WithValidation_ReturnsATransformerThatSavesAndLoadsInAFreshProcess()
    {
        var reports = new List<TrainingProgress>();
        AdkNetTrainer trainer = mlContext.Downscaling().Trainers.AdkNet(TinyOptions(reports) with { HrColumnName = "HrPath", LrColumnName = "LrPath", OutputColumnName = "Small" });

        ImageDownscalingTransformer downscaler = trainer.Fit(Pairs);

        Assert.Equal(2, reports.Count(r => r.Event == TrainingEvent.Validation));
        Assert.True(File.Exists(Path.Combine(folder, "run", "best.safetensors")));
        PathPair[] rows = [new PathPair { Path = MLNet.Tests.TestData.Set5("bird") }];
        IDataView data = mlContext.Data.LoadFromEnumerable(rows);
        ITransformer model = mlContext.Transforms.LoadImages("HrPath", null, nameof(PathPair.Path)).Fit(data).Append(downscaler);
        var expected = PipelineDump.Describe(model.Transform(data));
        string file = Path.Combine(folder, "trained.zip");
        mlContext.Model.Save(model, data.Schema, file);

        (int exitCode, string errors, string dump) = ChildProcess.Load(file, rows, hostPath: ChildProcess.TorchHostPath);

        Assert.True(exitCode == 0, errors);
        Assert.Equal(expected, PipelineDump.Read(dump));
        Assert.StartsWith("72x72 ", expected["Small"][1], StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WithTheOnnxEngine_ScoresAsTheTrainedNetwork_AndLoadsInAScoringOnlyProcess()
    {
        var reports = new List<TrainingProgress>();
        AdkNetTrainerOptions options = TinyOptions(reports) with { HrColumnName = "HrPath", LrColumnName = "LrPath", OutputColumnName = "Small", ValidationData = null };
        ImageDownscalingTransformer onnx = mlContext.Downscaling().Trainers.AdkNet(options with { Engine = LearnedEngine.Onnx }).Fit(Pairs);
        ImageDownscalingTransformer torch = mlContext.Downscaling().Trainers.AdkNet(options with { Training = options.Training with { OutputFolder = null } }).Fit(Pairs);

        Assert.IsNotType<AdkNetDownscaler>(onnx.Model);
        PathPair[] rows = [new PathPair { Path = MLNet.Tests.TestData.Set5("bird") }];
        IDataView data = mlContext.Data.LoadFromEnumerable(rows);
        ITransformer load = mlContext.Transforms.LoadImages("HrPath", null, nameof(PathPair.Path)).Fit(data);
        ITransformer model = load.Append(onnx);
        var expected = PipelineDump.Describe(model.Transform(data));
        string file = Path.Combine(folder, "trained-onnx.zip");
        mlContext.Model.Save(model, data.Schema, file);

        (int exitCode, string errors, string dump) = ChildProcess.Load(file, rows);

        Assert.True(exitCode == 0, errors); // Downscale.MLNet alone: no TorchSharp needed
        Assert.Equal(expected, PipelineDump.Read(dump));
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(dump, "assemblies.txt")), a => a.StartsWith("TorchSharp", StringComparison.Ordinal));
        Assert.StartsWith("72x72 ", expected["Small"][1], StringComparison.Ordinal);
        MLImage a = model.Transform(data).GetColumn<MLImage>("Small").Single();
        MLImage b = load.Append(torch).Transform(data).GetColumn<MLImage>("Small").Single();
        Assert.InRange(a.Pixels.ToArray().Zip(b.Pixels.ToArray(), (x, y) => Math.Abs(x - y)).Max(), 0, 1); // same seed, same training: ORT and libtorch agree within rounding
    }

    [Fact]
    public void Trainer_MeetsTheContract()
    {
        IDataView images = mlContext.Transforms.LoadImages("Hr", null, ImagePairRow.Columns.HrPath)
            .Append(mlContext.Transforms.LoadImages("Lr", null, ImagePairRow.Columns.LrPath))
            .Fit(Pairs).Transform(Pairs);

        EstimatorContract.Check(
            mlContext.Downscaling().Trainers.AdkNet(TinyOptions([]) with { ValidationData = null, Training = TinyOptions([]).Training with { Steps = 1 } }),
            images,
            [new MustFail(mlContext.Transforms.LoadImages("Lr", null, ImagePairRow.Columns.LrPath).Fit(Pairs).Transform(Pairs), "Hr")],
            ["Downscaled"],
            "Hr",
            fitReadsRows: true);
    }

    [Fact]
    public void Fit_WithoutTheLrColumn_NamesIt()
    {
        AdkNetTrainer trainer = mlContext.Downscaling().Trainers.AdkNet(4, hrColumnName: "HrPath", lrColumnName: "Ground", steps: 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(Pairs));

        Assert.Contains("'Ground'", error.Message, StringComparison.Ordinal);
    }

    private sealed class Recorder(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
