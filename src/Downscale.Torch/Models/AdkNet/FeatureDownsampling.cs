using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>Section III-C, eq. (1): <c>F_LR = Conv(PixelUnshuffle_s(F_HR))</c>, the conv from C s² back to C channels. Names <c>conv.*</c>.</summary>
internal sealed class FeatureDownsampling : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly int scale;

    public FeatureDownsampling(int features, int scale)
        : base(nameof(FeatureDownsampling))
    {
        this.scale = scale;
        conv = AdkLayers.Conv3x3((long)features * scale * scale, features);
        register_module("conv", conv);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return conv.forward(functional.pixel_unshuffle(input, scale)).MoveToOuterDisposeScope();
    }
}
