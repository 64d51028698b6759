using Downscale.Core.Data;
using Downscale.Tests;
using Downscale.Torch.Models;
using Downscale.Torch.Native;
using Downscale.Torch.Training;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Training;

/// <summary>A tiny model, a tiny pair set on disk and helpers to compare runs, shared by the trainer tests.</summary>
internal sealed class TrainerKit
{
    public TrainerKit()
    {
        TorchNative.EnsureLoaded();
        string set = TestPaths.NewTempFolder();
        Pairs = TrainingData.WritePairsV1(Path.Combine(set, "train"), 4, 24, 28, 2, seed: 20);
        Sampler = PairCropSampler.FromPairs(Pairs, new PairSamplingOptions { HrPatchSize = 8 });
        Validation = ValidationSet.FromPairs(TrainingData.WritePairsV1(Path.Combine(set, "val"), 2, 32, 40, 2, seed: 40), new PairSamplingOptions());
    }

    public IReadOnlyList<ImagePair> Pairs { get; }

    public PairCropSampler Sampler { get; }

    public ValidationSet Validation { get; }

    /// <summary>Options of the reference run: 8 steps, validation and checkpoints every 2, one thread (bit-exact).</summary>
    public static TrainerOptions Options(string? folder, LearningRateSchedule? schedule = null) => new()
    {
        LearningRate = 1e-2,
        // A threshold of 0.9 (a 90% gain needed) reduces the rate at nearly every validation, so resumes must restore it exactly.
        Schedule = schedule ?? LearningRateSchedule.ReduceOnPlateau(patience: 0, threshold: 0.9),
        BatchSize = 2,
        Steps = 8,
        Seed = 3,
        ValidateEvery = 2,
        CheckpointEvery = 2,
        Threads = 1,
        OutputFolder = folder,
    };

    /// <summary>A tiny model whose weights come from a seeded managed generator (torch's global generator is shared by parallel tests).</summary>
    public static TinyConvDownscaler Model(int seed, int features = 4)
    {
        var model = new TinyConvDownscaler(2, features);
        var random = new Random(seed);
        using var noGrad = no_grad();
        foreach (var (_, parameter) in model.named_parameters())
        {
            float[] values = [.. Enumerable.Range(0, (int)parameter.numel()).Select(_ => (random.NextSingle() - 0.5f) * 0.2f)];
            using Tensor source = tensor(values, parameter.shape);
            parameter.copy_(source);
        }

        return model;
    }

    public Trainer Trainer(TinyConvDownscaler model, TrainerOptions options, ITrainingObjective? objective = null) =>
        new(model, objective ?? DownscalingObjective.L1(), Sampler, options, Validation);

    /// <summary>The model's weights by name, copied out.</summary>
    public static Dictionary<string, float[]> Weights(TinyConvDownscaler model) =>
        model.state_dict().ToDictionary(p => p.Key, p => p.Value.data<float>().ToArray());

    /// <summary>Asserts bit-identical weights.</summary>
    public static void AssertSameWeights(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected)
        {
            Assert.True(values.AsSpan().SequenceEqual(actual[name]), $"'{name}' differs");
        }
    }

    /// <summary>The step numbers of the log's step lines, in order.</summary>
    public static long[] LoggedSteps(string folder) =>
        [.. File.ReadAllLines(Path.Combine(folder, "log.jsonl"))
            .Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!)
            .Where(n => n["type"]!.GetValue<string>() == "step")
            .Select(n => n["step"]!.GetValue<long>())];

    /// <summary>The step recorded in the checkpoint <c>last/trainer.json</c>.</summary>
    public static long CheckpointStep(string folder) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "last", "trainer.json")))!["trainer"]!["step"]!.GetValue<long>();
}

/// <summary>Reports synchronously and runs an action on each report.</summary>
internal sealed class InlineProgress(Action<TrainingProgress> action) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        action(value);
    }
}
