using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>
/// The SimpleGen ablation's replacement of a residual block: conv3x3-ReLU-conv3x3-ReLU, no identity. Same
/// convolutions, so the same state-dict names (<c>conv1.*</c>, <c>conv2.*</c>) and parameter count.
/// </summary>
internal sealed class PlainBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;

    public PlainBlock(int features)
        : base(nameof(PlainBlock))
    {
        conv1 = AdkLayers.Conv3x3(features, features);
        conv2 = AdkLayers.Conv3x3(features, features);
        register_module("conv1", conv1);
        register_module("conv2", conv2);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = functional.relu(conv2.forward(functional.relu(conv1.forward(input))));
        return x.MoveToOuterDisposeScope();
    }
}
