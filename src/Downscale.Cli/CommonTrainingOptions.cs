using System.CommandLine;
using Downscale.Torch.Training;

namespace Downscale.Cli;

/// <summary>
/// The options every <c>train</c> verb shares (length, batch, learning rate, validation and checkpoint cadence, threads,
/// seed, run folder) and how they become <see cref="TrainerOptions"/> for the one trainer.
/// </summary>
internal sealed class CommonTrainingOptions
{
    public Option<long> Steps { get; } = new("--steps") { Description = "Optimiser steps in total (a resumed run continues to this count).", DefaultValueFactory = _ => 1000 };

    public Option<int> Batch { get; } = new("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 4 };

    public Option<double> LearningRate { get; } = new("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => TrainerOptions.Defaults.LearningRate };

    public Option<int> ValidateEvery { get; } = new("--validate-every") { Description = "Validate every N steps.", DefaultValueFactory = _ => 100 };

    public Option<int> CheckpointEvery { get; } = new("--checkpoint-every") { Description = "Checkpoint every N steps.", DefaultValueFactory = _ => 50 };

    public Option<int?> Threads { get; } = new("--threads") { Description = "libtorch threads (default: physical cores)." };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the weights and of the sample order.", DefaultValueFactory = _ => 0 };

    public Option<string> Output { get; } = new("--out") { Description = "Run folder (checkpoints in last/, best.safetensors, log.jsonl).", Required = true };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Steps, Batch, LearningRate, ValidateEvery, CheckpointEvery, Threads, Seed, Output })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The trainer's options from the parsed values, with the verb's schedule and the model's metadata.</summary>
    public TrainerOptions Build(ParseResult parse, LearningRateSchedule schedule, IReadOnlyDictionary<string, string> modelMetadata) => new()
    {
        LearningRate = parse.GetValue(LearningRate),
        Schedule = schedule,
        BatchSize = parse.GetValue(Batch),
        Steps = parse.GetValue(Steps),
        Seed = parse.GetValue(Seed),
        ValidateEvery = parse.GetValue(ValidateEvery),
        CheckpointEvery = parse.GetValue(CheckpointEvery),
        OutputFolder = parse.GetValue(Output),
        Threads = parse.GetValue(Threads),
        ModelMetadata = modelMetadata,
    };
}
