namespace Downscale.Torch.Models.AdkNet;

/// <summary>The blocks inside the kernel generators' trunks and branches.</summary>
public enum GeneratorBlockKind
{
    /// <summary>The paper's residual block: reflpad-conv-ReLU-reflpad-conv plus the identity.</summary>
    Residual = 0,

    /// <summary>
    /// ADK-Net-SimpleGen: conv-ReLU-conv-ReLU without the identity. It keeps the residual block's two convolutions (the
    /// paper keeps "the total number of layers roughly comparable"), so parameter names and counts are the same.
    /// </summary>
    Plain = 1,
}
