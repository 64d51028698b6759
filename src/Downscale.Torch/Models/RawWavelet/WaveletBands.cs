using static TorchSharp.torch;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>The four Haar sub-bands of one level (A average, V vertical, H horizontal, D diagonal detail), N x C x h x w each.</summary>
/// <param name="A">Low frequency.</param>
/// <param name="V">Vertical detail (left minus right).</param>
/// <param name="H">Horizontal detail (top minus bottom).</param>
/// <param name="D">Diagonal detail.</param>
public sealed record WaveletBands(Tensor A, Tensor V, Tensor H, Tensor D)
{
    /// <summary>The bands in the paper's order A, V, H, D.</summary>
    public IEnumerable<Tensor> All => [A, V, H, D];

    /// <summary>The detail bands V, H, D.</summary>
    public IEnumerable<Tensor> Details => [V, H, D];
}

/// <summary>A forward pass with its intermediate predictions, for the training losses.</summary>
/// <param name="Output">The LR packed RAW, N x 4 x h x w.</param>
/// <param name="Levels">The predicted LR sub-bands of levels 1 .. K (index k - 1), each N x 4 x h/2^k x w/2^k.</param>
public sealed record RawWaveletOutput(Tensor Output, IReadOnlyList<WaveletBands> Levels);
