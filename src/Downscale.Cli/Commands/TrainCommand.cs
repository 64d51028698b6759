using System.CommandLine;
using Downscale.Core.Data;
using Downscale.Core.Imaging;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Training;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale train</c>: trains ADK-Net on a paired set (pairs-v1 layout) with L1 against the ground-truth LR, Adam
/// and ReduceLROnPlateau on the validation loss, checkpointing into a run folder that a second call resumes.
/// Ctrl-C finishes the current step, saves a checkpoint and exits with code 130.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var trainSet = new Option<string>("--train-set") { Description = "Training set folder in the pairs-v1 layout (for example ../shared/data/SunHays80).", Required = true };
        var valSet = new Option<string?>("--val-set") { Description = "Validation set folder (default: the bundled Set5 samples)." };
        var protocol = new Option<string>("--protocol") { Description = "Ground truth: camsim or bicubic.", DefaultValueFactory = _ => "camsim" };
        protocol.AcceptOnlyFromAmong("camsim", "bicubic");
        var scale = new Option<int>("--scale") { Description = "Integer scale.", DefaultValueFactory = _ => 4 };
        scale.AcceptOnlyFromAmong("2", "3", "4");
        var kernelSize = new Option<int?>("--kernel-size") { Description = "Kernel size k (default 2s+1, as in the paper)." };
        var features = new Option<int>("--features") { Description = "Feature channels C.", DefaultValueFactory = _ => AdkNetOptions.Defaults.Features };
        var fieldAware = new Option<bool>("--field-aware") { Description = "Feed each pixel's normalised position in the full image to the feature extractor." };
        var generators = new Option<KernelGeneratorSharing>("--generators") { Description = "Kernel generators: PerChannel (paper), SharedTrunk or SingleStream (the paper's 'Single' ablation)." };
        var generatorBlocks = new Option<GeneratorBlockKind>("--generator-blocks") { Description = "Generator blocks: Residual (paper) or Plain (the 'SimpleGen' ablation: conv+ReLU)." };
        var normalization = new Option<KernelNormalization>("--normalization") { Description = "Kernel normalisation: TwoStage (paper), SumOnly or MinMaxOnly." };
        var fidelityWeight = new Option<double>("--l1-weight") { Description = "Weight of L1 against the ground-truth LR (the paper's loss).", DefaultValueFactory = _ => 1.0 };
        var restorabilityWeight = new Option<double>("--restorability-weight") { Description = "Weight of L1 between the bicubic upscale of the output and the HR image (paper's Table III). With --l1-weight 0, no LR is needed.", DefaultValueFactory = _ => 0.0 };
        var init = new Option<string?>("--init") { Description = "Start from these ADK-Net weights (same architecture) instead of a random initialisation; ignored when the run resumes from its last/ checkpoint." };
        var patch = new Option<int>("--patch") { Description = "HR crop size (a multiple of the scale).", DefaultValueFactory = _ => 192 };
        var command = new Command("train", "Train ADK-Net on a paired set; resumable; writes the best weights as safetensors.")
        {
            trainSet, valSet, protocol, scale, kernelSize, features, fieldAware, generators, generatorBlocks, normalization,
            fidelityWeight, restorabilityWeight, init, patch,
        };
        var common = new CommonTrainingOptions();
        common.AddTo(command);
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            int s = parse.GetValue(scale);
            string proto = parse.GetValue(protocol)!;
            var modelOptions = new AdkNetOptions
            {
                Scale = s,
                KernelSize = parse.GetValue(kernelSize),
                Features = parse.GetValue(features),
                FieldAware = parse.GetValue(fieldAware),
                GeneratorSharing = parse.GetValue(generators),
                GeneratorBlocks = parse.GetValue(generatorBlocks),
                Normalization = parse.GetValue(normalization),
            };
            modelOptions.Validate();
            var sampling = new PairSamplingOptions { HrPatchSize = parse.GetValue(patch), FieldCoordinates = modelOptions.FieldAware };
            var sampler = PairCropSampler.FromPairs(PairsV1DataSet.Enumerate(parse.GetValue(trainSet)!, proto, s), sampling);
            var validation = ValidationSet.FromPairs(
                PairsV1DataSet.Enumerate(parse.GetValue(valSet) ?? Samples.Root, proto, s),
                sampling with { HrPatchSize = null });
            TrainerOptions trainerOptions = common.Build(parse, LearningRateSchedule.ReduceOnPlateau(patience: 5), modelOptions.ToMetadata());

            TorchSharp.torch.random.manual_seed(trainerOptions.Seed);
            using var model = new AdkNet(modelOptions);
            if (parse.GetValue(init) is { } initWeights)
            {
                model.LoadWeights(initWeights);
            }

            using var objective = new DownscalingObjective(parse.GetValue(fidelityWeight), parse.GetValue(restorabilityWeight));
            var trainer = new Trainer(model, objective, sampler, trainerOptions, validation);
            string header = $"Training ADK-Net x{s} (k={modelOptions.EffectiveKernelSize}, C={modelOptions.Features}{(modelOptions.FieldAware ? ", field-aware" : string.Empty)}) on {sampler.SamplesPerEpoch} pairs, {proto} protocol";
            return TrainingRun.Execute(trainer, trainerOptions.OutputFolder!, header);
        }));
        return command;
    }
}
