using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>The one convolution ADK-Net uses everywhere: 3x3 with reflection padding of 1 (no bias-free or strided variants).</summary>
internal static class AdkLayers
{
    /// <summary>ReflectionPad2d(1) then an unpadded 3x3 conv, with the names <c>weight</c> and <c>bias</c>.</summary>
    public static Conv2d Conv3x3(long inChannels, long outChannels) =>
        Conv2d(inChannels, outChannels, 3, padding: 1, padding_mode: PaddingModes.Reflect);

    /// <summary>A list of <paramref name="count"/> blocks registered as <c>0</c>, <c>1</c>, ... (PyTorch's Sequential names).</summary>
    public static ModuleList<Module<Tensor, Tensor>> Blocks(int count, int features, GeneratorBlockKind kind) =>
        new([.. Enumerable.Range(0, count).Select(_ => kind == GeneratorBlockKind.Plain
            ? (Module<Tensor, Tensor>)new PlainBlock(features)
            : new ResidualBlock(features))]);

    /// <summary>Runs the blocks in order; returns a fresh tensor, never <paramref name="input"/> itself.</summary>
    /// <remarks>
    /// Each intermediate is disposed as soon as the next block has consumed it, as PyTorch's reference counting frees
    /// it: otherwise the caller's dispose scope keeps every block's output alive to the end of the stage (at HR, 64
    /// planes of the whole image per block). Autograd keeps what the backward needs on its own.
    /// </remarks>
    public static Tensor Run(ModuleList<Module<Tensor, Tensor>> blocks, Tensor input)
    {
        Tensor x = input.alias();
        foreach (Module<Tensor, Tensor> block in blocks)
        {
            Tensor next = block.forward(x);
            x.Dispose();
            x = next;
        }

        return x;
    }
}
