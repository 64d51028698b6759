using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>
/// The encoder E of section 3.1: a 3x3 convolution from the 4 packed planes to c features, then K cascaded residual
/// blocks giving the pyramid f_1 .. f_K with f_k at 1/2^(k-1) of the input size. Block 1 keeps the resolution (f_1 is
/// full size, as the paper's f_k sizes say) and blocks 2..K halve it. Names <c>head</c>, <c>blocks.0</c> (residual),
/// <c>blocks.1</c> .. (downsampling).
/// </summary>
internal sealed class RawEncoder : Module<Tensor, Tensor>
{
    private readonly Conv2d head;
    private readonly ModuleList<Module<Tensor, Tensor>> blocks;

    public RawEncoder(int features, int levels)
        : base(nameof(RawEncoder))
    {
        head = RawLayers.Conv3x3(4, features);
        blocks = new ModuleList<Module<Tensor, Tensor>>(
            [new RawResidualBlock(features), .. Enumerable.Range(1, levels - 1).Select(_ => new RawDownBlock(features))]);
        RegisterComponents();
    }

    /// <summary>The last pyramid level (use <see cref="Pyramid"/> for all of them).</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor[] pyramid = Pyramid(input);
        foreach (Tensor level in pyramid[..^1])
        {
            level.Dispose();
        }

        return pyramid[^1];
    }

    /// <summary>f_1 .. f_K, fresh tensors owned by the caller.</summary>
    public Tensor[] Pyramid(Tensor input)
    {
        var levels = new Tensor[blocks.Count];
        using (var scope = NewDisposeScope())
        {
            Tensor x = head.forward(input);
            for (int k = 0; k < blocks.Count; k++)
            {
                x = blocks[k].forward(x);
                levels[k] = x.MoveToOuterDisposeScope();
            }
        }

        return levels;
    }
}
