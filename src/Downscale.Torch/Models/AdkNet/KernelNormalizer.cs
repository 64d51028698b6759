using static TorchSharp.torch;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>Section III-E: raw kernels to resampling weights, independently for each pixel and channel.</summary>
internal static class KernelNormalizer
{
    /// <summary>Normalises the taps along <paramref name="dim"/>; never disposes <paramref name="raw"/>, returns a fresh tensor.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    public static Tensor Normalize(Tensor raw, KernelNormalization mode, double epsilon, long dim = 2)
    {
        using var scope = NewDisposeScope();
        Tensor kernels = mode switch
        {
            KernelNormalization.TwoStage => SumToOne(MinMax(raw, epsilon, dim), epsilon, dim),
            KernelNormalization.SumOnly => SumToOne(raw, epsilon, dim),
            KernelNormalization.MinMaxOnly => MinMax(raw, epsilon, dim),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown kernel normalisation."),
        };
        return kernels.MoveToOuterDisposeScope();
    }

    /// <summary><c>(K - min K) / (max K - min K + eps)</c>.</summary>
    private static Tensor MinMax(Tensor raw, double epsilon, long dim)
    {
        Tensor low = raw.amin([dim], keepdim: true);
        Tensor high = raw.amax([dim], keepdim: true);
        return (raw - low) / (high - low + epsilon);
    }

    /// <summary><c>K / (sum K + eps)</c>.</summary>
    private static Tensor SumToOne(Tensor kernels, double epsilon, long dim) =>
        kernels / (kernels.sum(dim, keepdim: true) + epsilon);
}
