namespace Downscale.Torch.Models.AdkNet;

/// <summary>How raw kernels become resampling weights (section III-E and its ablations), per pixel and channel.</summary>
public enum KernelNormalization
{
    /// <summary>The paper's: min-max scaling <c>(K - min) / (max - min + eps)</c>, then sum-to-one <c>K / (sum + eps)</c>.</summary>
    TwoStage = 0,

    /// <summary>ADK-Net-SumOnly: <c>K / (sum K + eps)</c> on the raw kernel (weights may be negative).</summary>
    SumOnly = 1,

    /// <summary>ADK-Net-MMOnly: min-max scaling only; weights lie in [0, 1] but need not sum to one.</summary>
    MinMaxOnly = 2,
}
