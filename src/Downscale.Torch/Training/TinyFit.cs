using Downscale.Core.Imaging;
using Downscale.Torch.Imaging;
using Downscale.Torch.Models;
using Downscale.Torch.Safetensors;
using static TorchSharp.torch;

namespace Downscale.Torch.Training;

/// <summary>
/// Fits a <see cref="TinyConvDownscaler"/> on one HR/LR pair for a few steps (L1 loss, Adam), reporting each step's loss,
/// and saves the weights as safetensors. The Foundation's smoke test of the training stack.
/// </summary>
public static class TinyFit
{
    /// <summary>Runs the fit.</summary>
    /// <param name="hr">The high-resolution image (3 channels).</param>
    /// <param name="lr">Its ground-truth low-resolution image, exactly <paramref name="scale"/> times smaller.</param>
    /// <param name="scale">Integer factor.</param>
    /// <param name="steps">Optimiser steps.</param>
    /// <param name="weightsPath">Where the safetensors weights are written (atomically); null to skip saving.</param>
    /// <param name="onStep">Called after each step with (step, L1 loss).</param>
    /// <param name="seed">Seed of the weight initialisation.</param>
    /// <returns>The L1 loss of every step, in order.</returns>
    public static IReadOnlyList<double> Run(
        PlanarImage hr, PlanarImage lr, int scale, int steps, string? weightsPath, Action<int, double>? onStep = null, long seed = 0)
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
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using Tensor input = hr.ToTensor();
        using Tensor target = lr.ToTensor();
        var losses = new List<double>(steps);
        for (int step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = nn.functional.l1_loss(model.forward(input), target);
            loss.backward();
            optimizer.step();
            double value = loss.item<float>();
            losses.Add(value);
            onStep?.Invoke(step, value);
        }

        if (weightsPath != null)
        {
            var state = model.state_dict();
            SafetensorsFile.Save(weightsPath, state, new Dictionary<string, string>
            {
                ["architecture"] = nameof(TinyConvDownscaler),
                ["scale"] = scale.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return losses;
    }
}
