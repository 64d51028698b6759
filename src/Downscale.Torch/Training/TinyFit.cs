using System.Globalization;
using Downscale.Core.Data;
using Downscale.Core.Imaging;
using Downscale.Torch.Models;
using Downscale.Torch.Safetensors;
using static TorchSharp.torch;

namespace Downscale.Torch.Training;

/// <summary>
/// Fits a <see cref="TinyConvDownscaler"/> on one whole HR/LR pair for a few steps with the <see cref="Trainer"/> (L1
/// loss, Adam at 1e-3), reporting each step, and saves the weights as safetensors. The smoke test of the training stack.
/// </summary>
public static class TinyFit
{
    /// <summary>Adam's rate for the demo: higher than ADK-Net's 1e-4 so that a few steps show the loss falling.</summary>
    public const double LearningRate = 1e-3;

    /// <summary>Runs the fit.</summary>
    /// <param name="hr">The high-resolution image (3 channels).</param>
    /// <param name="lr">Its ground-truth low-resolution image, exactly <paramref name="scale"/> times smaller.</param>
    /// <param name="scale">Integer factor.</param>
    /// <param name="steps">Optimiser steps.</param>
    /// <param name="weightsPath">Where the safetensors weights are written (atomically); null to skip saving.</param>
    /// <param name="progress">Called after each step (and nothing else: no validation, no checkpoints).</param>
    /// <param name="seed">Seed of the weight initialisation.</param>
    /// <returns>The L1 loss of every step, in order.</returns>
    public static IReadOnlyList<double> Run(
        PlanarImage hr, PlanarImage lr, int scale, int steps, string? weightsPath, IProgress<TrainingProgress>? progress = null, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(hr);
        ArgumentNullException.ThrowIfNull(lr);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (hr.Channels != 3 || lr.Channels != 3 || hr.Height != lr.Height * scale || hr.Width != lr.Width * scale)
        {
            throw new ArgumentException(
                $"The pair must be RGB with HR = {scale} x LR; got HR {hr} and LR {lr}.", nameof(lr));
        }

        Native.TorchNative.EnsureLoaded();
        random.manual_seed(seed);
        using var model = new TinyConvDownscaler(scale);
        using var objective = DownscalingObjective.L1();
        var sampler = PairCropSampler.FromLoaded([new LoadedPair("pair", hr, lr, scale)], new PairSamplingOptions { Augment = false });
        var options = new TrainerOptions { LearningRate = LearningRate, BatchSize = 1, Steps = steps };
        var losses = new List<double>(steps);
        var recorder = new StepRecorder(losses, progress);
        new Trainer(model, objective, sampler, options).Run(recorder);
        if (weightsPath != null)
        {
            SafetensorsFile.Save(weightsPath, model.state_dict(), new Dictionary<string, string>
            {
                ["architecture"] = nameof(TinyConvDownscaler),
                ["scale"] = scale.ToString(CultureInfo.InvariantCulture),
            });
        }

        return losses;
    }

    /// <summary>Collects the loss of each step and forwards the report.</summary>
    private sealed class StepRecorder(List<double> losses, IProgress<TrainingProgress>? inner) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Event == TrainingEvent.Step)
            {
                losses.Add(value.Loss);
                inner?.Report(value);
            }
        }
    }
}
