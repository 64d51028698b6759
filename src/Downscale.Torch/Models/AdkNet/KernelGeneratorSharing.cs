namespace Downscale.Torch.Models.AdkNet;

/// <summary>How ADK-Net's kernel generator streams share weights (section III-D and the ablations of section IV).</summary>
public enum KernelGeneratorSharing
{
    /// <summary>The paper's model: three independent streams (trunk + branch), one per colour channel.</summary>
    PerChannel = 0,

    /// <summary>ADK-Net-SharedTrunk: one trunk feeds three per-channel branches.</summary>
    SharedTrunk = 1,

    /// <summary>ADK-Net-Single: one stream whose kernel is applied to all three channels.</summary>
    SingleStream = 2,
}
