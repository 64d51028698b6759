using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>
/// The convolutions and block lists of the RAW wavelet model. Zero padding throughout: the coarsest levels can be a
/// single pixel wide, where reflection padding is undefined.
/// </summary>
internal static class RawLayers
{
    /// <summary>A 3x3 convolution with zero padding 1 (names <c>weight</c>, <c>bias</c>).</summary>
    public static Conv2d Conv3x3(long inChannels, long outChannels, long stride = 1) =>
        Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1);

    /// <summary>A 1x1 convolution.</summary>
    public static Conv2d Conv1x1(long inChannels, long outChannels, long stride = 1) =>
        Conv2d(inChannels, outChannels, 1, stride: stride);

    /// <summary><paramref name="count"/> residual blocks registered as <c>0</c>, <c>1</c>, ... (PyTorch's ModuleList names).</summary>
    public static ModuleList<RawResidualBlock> Blocks(int count, int features) =>
        new([.. Enumerable.Range(0, count).Select(_ => new RawResidualBlock(features))]);

    /// <summary>Runs the blocks in order; returns a fresh tensor, never <paramref name="input"/> itself, and frees each intermediate once consumed.</summary>
    public static Tensor Run(ModuleList<RawResidualBlock> blocks, Tensor input)
    {
        Tensor x = input.alias();
        foreach (RawResidualBlock block in blocks)
        {
            Tensor next = block.forward(x);
            x.Dispose();
            x = next;
        }

        return x;
    }

    /// <summary>Sets a convolution's weight and bias to zero (a residual head that starts as the identity path).</summary>
    public static void ZeroInit(Conv2d conv)
    {
        using var noGrad = no_grad();
        conv.weight!.zero_();
        conv.bias?.zero_();
    }
}

/// <summary>conv3x3-ReLU-conv3x3 plus the input (identity shortcut), no normalisation. Names <c>conv1</c>, <c>conv2</c>.</summary>
internal sealed class RawResidualBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;

    public RawResidualBlock(int features)
        : base(nameof(RawResidualBlock))
    {
        conv1 = RawLayers.Conv3x3(features, features);
        conv2 = RawLayers.Conv3x3(features, features);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return (input + conv2.forward(functional.relu(conv1.forward(input)))).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// A residual block that halves the resolution: conv3x3 (stride 2)-ReLU-conv3x3 plus a strided 1x1 projection of the
/// input. Names <c>conv1</c>, <c>conv2</c>, <c>shortcut</c>.
/// </summary>
internal sealed class RawDownBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Conv2d shortcut;

    public RawDownBlock(int features)
        : base(nameof(RawDownBlock))
    {
        conv1 = RawLayers.Conv3x3(features, features, stride: 2);
        conv2 = RawLayers.Conv3x3(features, features);
        shortcut = RawLayers.Conv1x1(features, features, stride: 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return (shortcut.forward(input) + conv2.forward(functional.relu(conv1.forward(input)))).MoveToOuterDisposeScope();
    }
}
