using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>
/// Fig. 2 of the paper: reflpad-conv3x3-ReLU-reflpad-conv3x3, plus the block's input (identity shortcut); no batch
/// norm. State-dict names <c>conv1.*</c>, <c>conv2.*</c>.
/// </summary>
internal sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;

    public ResidualBlock(int features)
        : base(nameof(ResidualBlock))
    {
        conv1 = AdkLayers.Conv3x3(features, features);
        conv2 = AdkLayers.Conv3x3(features, features);
        register_module("conv1", conv1);
        register_module("conv2", conv2);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor inner = conv2.forward(functional.relu(conv1.forward(input)));
        return (input + inner).MoveToOuterDisposeScope();
    }
}
