using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>
/// Section III-B, at full HR resolution: a reflection-padded 3x3 head conv (input planes to C), one backbone block of
/// residual blocks, and a reflection-padded 3x3 tail conv. Names <c>head.*</c>, <c>backbone.{i}.conv{1,2}.*</c>, <c>tail.*</c>.
/// </summary>
internal sealed class FeatureExtractor : Module<Tensor, Tensor>
{
    private readonly Conv2d head;
    private readonly ModuleList<Module<Tensor, Tensor>> backbone;
    private readonly Conv2d tail;

    public FeatureExtractor(int inChannels, int features, int blocks)
        : base(nameof(FeatureExtractor))
    {
        head = AdkLayers.Conv3x3(inChannels, features);
        backbone = AdkLayers.Blocks(blocks, features, GeneratorBlockKind.Residual);
        tail = AdkLayers.Conv3x3(features, features);
        register_module("head", head);
        register_module("backbone", backbone);
        register_module("tail", tail);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor features;
        using (Tensor headed = head.forward(input))
        {
            features = AdkLayers.Run(backbone, headed);
        }

        return tail.forward(features).MoveToOuterDisposeScope();
    }
}
