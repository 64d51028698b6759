using Downscale.Torch.Models.AdkNet;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Export;

/// <summary>ADK-Nets with random weights whose signal survives every layer, so that parity tests see every stage's effect.</summary>
internal static class RandomModels
{
    /// <summary>
    /// PyTorch's default initialisation, with two changes that keep a random model well-conditioned:
    /// <list type="bullet">
    /// <item>Plain generator blocks get their conv weights scaled by sqrt(6), to He's gain: the default keeps only about
    /// 1/sqrt(6) of the signal per conv-ReLU, so a deep plain generator would emit near-constant kernels that hide mistakes
    /// in the kernel path (residual blocks keep the signal through their identity).</item>
    /// <item>With sum-only normalisation, the branches' final biases are raised by 10, so raw kernels are positive and sum to about 10 k*k instead of
    /// about 0: sum-only normalisation divides by that sum, and a random model whose sums cross zero amplifies float
    /// rounding without bound (a trained model's kernels sum to about 1). Min-max normalisation is shift-invariant, and the shift would only cost it precision.</item>
    /// </list>
    /// </summary>
    public static AdkNet Create(AdkNetOptions options, int seed)
    {
        manual_seed(seed);
        var model = new AdkNet(options);
        using (no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
            {
                bool plainBlock = options.GeneratorBlocks == GeneratorBlockKind.Plain && !name.StartsWith("feature_extractor.", StringComparison.Ordinal)
                    && name.Contains(".blocks.", StringComparison.Ordinal) && name.EndsWith(".weight", StringComparison.Ordinal);
                if (plainBlock)
                {
                    parameter.mul_(Math.Sqrt(6));
                }
                else if (options.Normalization == KernelNormalization.SumOnly && name.StartsWith("branches.", StringComparison.Ordinal) && name.EndsWith(".conv.bias", StringComparison.Ordinal))
                {
                    parameter.add_(10);
                }
            }
        }

        model.eval();
        return model;
    }
}
