using System.CommandLine;
using Downscale.Core.Data;
using System.Globalization;
using Downscale.Core.Raw;
using Downscale.Core.Wavelets;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Training;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale raw train</c>: trains the RAW wavelet model on the <c>raw</c> protocol's pairs (pairs-v1 layout) with
/// the paper's losses and Adam with step decay, through the same resumable trainer as ADK-Net.
/// </summary>
internal static class RawTrainCommand
{
    public static Command Create()
    {
        var trainSet = new Option<string>("--train-set") { Description = "Training set folder in the pairs-v1 layout with a RAW/ sub-folder (for example ../shared/data/SunHays80).", Required = true };
        var valSet = new Option<string?>("--val-set") { Description = "Validation set folder with a RAW/ sub-folder (for example ../shared/data/Set14); pairs smaller than the patch are left out. Without it there is no validation and no best.safetensors." };
        var scale = RawOptions.Scale();
        var preset = new Option<string>("--preset") { Description = "improved (identity path over antialiased bilinear, separable merge) or paper (the paper-faithful reading).", DefaultValueFactory = _ => "improved" };
        preset.AcceptOnlyFromAmong("improved", "paper");
        var features = new Option<int?>("--features") { Description = $"Feature width c (default {RawWaveletOptions.Defaults.Features})." };
        var levels = new Option<int?>("--levels") { Description = $"Wavelet levels K (default {RawWaveletOptions.Defaults.Levels})." };
        var merge = new Option<LasdmMerge?>("--merge") { Description = "LASDM merge: Dense (paper) or Separable (default of the improved preset)." };
        var wavelet = new Option<HaarNormalization?>("--wavelet") { Description = "Haar normalisation: Orthonormal (default) or Average." };
        var interpolationBase = new Option<RawBaseInterpolation?>("--base") { Description = "Identity path: None (paper), Bilinear (improved), Bicubic or Area." };
        var contentWeight = new Option<double>("--con-weight") { Description = "Weight of L_con (L1 on the LR RAW).", DefaultValueFactory = _ => 1.0 };
        var waveletWeight = new Option<double>("--hwc-weight") { Description = "Weight of L_hwc (L1 of every level's sub-bands).", DefaultValueFactory = _ => 1.0 };
        var energyWeight = new Option<double>("--em-weight") { Description = "Weight of L_em (Eq. 6).", DefaultValueFactory = _ => 0.1 };
        var init = new Option<string?>("--init") { Description = "Start from these RAW wavelet weights (same options) instead of a random initialisation; ignored when the run resumes." };
        var patch = new Option<int?>("--patch") { Description = "Packed LR crop side, a multiple of 2^K·n (default: the smallest multiple of it that is at least 32)." };
        var decayEvery = new Option<long>("--decay-every") { Description = "Multiply the learning rate by --decay-factor every N steps (the paper: 40000 of 160000).", DefaultValueFactory = _ => 40_000 };
        var decayFactor = new Option<double>("--decay-factor") { Description = "Step decay factor.", DefaultValueFactory = _ => 0.8 };
        var command = new Command("train", "Train the RAW wavelet model at a rational scale; resumable; writes the best weights as safetensors.")
        {
            trainSet, valSet, scale, preset, features, levels, merge, wavelet, interpolationBase, contentWeight, waveletWeight,
            energyWeight, init, patch, decayEvery, decayFactor,
        };
        var common = new CommonTrainingOptions();
        common.AddTo(command);
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            RationalScale s = RationalScale.Parse(parse.GetValue(scale)!);
            RawWaveletOptions defaults = parse.GetValue(preset) == "paper" ? RawWaveletOptions.PaperFaithful(s) : RawWaveletOptions.Improved(s);
            RawWaveletOptions modelOptions = defaults with
            {
                Features = parse.GetValue(features) ?? defaults.Features,
                Levels = parse.GetValue(levels) ?? defaults.Levels,
                Merge = parse.GetValue(merge) ?? defaults.Merge,
                Wavelet = parse.GetValue(wavelet) ?? defaults.Wavelet,
                Base = parse.GetValue(interpolationBase) ?? defaults.Base,
            };
            int block = modelOptions.OutputBlock;
            var sampling = new RawSamplingOptions { LrPatchSize = parse.GetValue(patch) ?? (32 + block - 1) / block * block };
            var sampler = RawPairSampler.FromPairs(PairsV1DataSet.EnumerateRaw(parse.GetValue(trainSet)!, s.Factor), modelOptions, sampling);
            ValidationSet? validation = parse.GetValue(valSet) is { } valFolder ? Validation(valFolder, modelOptions, sampling) : null;
            TrainerOptions trainerOptions = common.Build(
                parse, LearningRateSchedule.StepDecay(parse.GetValue(decayEvery), parse.GetValue(decayFactor)), modelOptions.ToMetadata());

            TorchSharp.torch.random.manual_seed(trainerOptions.Seed);
            using RawWaveletNet model = parse.GetValue(init) is { } initWeights ? WarmStart(initWeights, modelOptions) : new RawWaveletNet(modelOptions);
            var objective = new RawWaveletObjective(parse.GetValue(contentWeight), parse.GetValue(waveletWeight), parse.GetValue(energyWeight));
            var trainer = new Trainer(model, objective, sampler, trainerOptions, validation);
            string header = $"Training the RAW wavelet model x{s} ({parse.GetValue(preset)}: c={modelOptions.Features}, K={modelOptions.Levels}, " +
                $"{modelOptions.Merge} merge, {modelOptions.Wavelet} Haar, base {modelOptions.Base}) on {sampler.SamplesPerEpoch} RAW pairs, " +
                $"packed LR crops {sampling.LrPatchSize}, validation on {validation?.Samples.Count.ToString(CultureInfo.InvariantCulture) ?? "no"} crops";
            return TrainingRun.Execute(trainer, trainerOptions.OutputFolder!, header);
        }));
        return command;
    }

    /// <summary>Centre crops of the validation pairs that are at least one patch large.</summary>
    private static ValidationSet Validation(string folder, RawWaveletOptions model, RawSamplingOptions sampling)
    {
        RawPackedPair[] large = [.. PairsV1DataSet.EnumerateRaw(folder, model.Scale.Factor)
            .Select(pair => RawPackedPair.Load(pair, model.Scale))
            .Where(pair => pair.Lr.Height >= sampling.LrPatchSize && pair.Lr.Width >= sampling.LrPatchSize)];
        if (large.Length == 0)
        {
            throw new ArgumentException($"No validation pair in '{folder}' is at least {sampling.LrPatchSize} packed LR pixels on each side; lower --patch.");
        }

        return RawPairSampler.ValidationSet(large, model, sampling);
    }

    private static RawWaveletNet WarmStart(string path, RawWaveletOptions wanted)
    {
        RawWaveletNet model = RawWaveletNet.Load(path);
        if (model.Options != wanted)
        {
            model.Dispose();
            throw new ArgumentException($"--init '{path}' holds a model with {model.Options}, but the run asks for {wanted}.");
        }

        return model;
    }
}
