using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>
/// One sub-module of a kernel generator (section III-D): a channel trunk (blocks, then a 3x3 conv C to C, giving the
/// embedding E_c) or a channel branch (blocks, then a 3x3 conv C to k*k, giving the raw kernels K'_c). The paper
/// names no activation after the final conv, so there is none. Names <c>blocks.{i}.conv{1,2}.*</c>, <c>conv.*</c>.
/// </summary>
internal sealed class GeneratorStage : Module<Tensor, Tensor>
{
    private readonly ModuleList<Module<Tensor, Tensor>> blocks;
    private readonly Conv2d conv;

    public GeneratorStage(int features, int blockCount, int outChannels, GeneratorBlockKind kind)
        : base(nameof(GeneratorStage))
    {
        blocks = AdkLayers.Blocks(blockCount, features, kind);
        conv = AdkLayers.Conv3x3(features, outChannels);
        register_module("blocks", blocks);
        register_module("conv", conv);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return conv.forward(AdkLayers.Run(blocks, input)).MoveToOuterDisposeScope();
    }
}
