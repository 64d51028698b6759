using Downscale.Core.Wavelets;
using Downscale.Torch.Wavelets;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>
/// One level k of the Wavelet-based Recurrent Reconstruction Decoder (section 3.2): the Haar DWT of f_k into
/// A_HR, V_HR, H_HR, D_HR; LASDM(A_HR) (c channels at the level's LR size); Â = <c>a_head</c>(LASDM) at the coarsest
/// level, or <c>a_head</c>(LASDM ‖ IDWT of level k+1) below it; then HFPM for V̂, Ĥ, D̂. Names <c>lasdm.*</c>,
/// <c>a_head.*</c>, <c>hfpm.*</c>.
/// </summary>
/// <remarks>
/// With the identity path, Â adds the coarsest sub-band of the base (top level) or the reconstruction from the level
/// above (below it), and V̂, Ĥ, D̂ add the base's own sub-bands; the heads start at zero so the untrained model
/// returns the base.
/// </remarks>
internal sealed class WaveletLevel : Module
{
    private readonly Lasdm lasdm;
    private readonly Conv2d a_head;
    private readonly Hfpm hfpm;
    private readonly HaarNormalization wavelet;

    public WaveletLevel(RawWaveletOptions options, bool coarsest)
        : base(nameof(WaveletLevel))
    {
        int c = options.Features;
        lasdm = new Lasdm(c, options.Scale, options.LasdmBlocks, options.Merge);
        a_head = RawLayers.Conv3x3(coarsest ? c : c + 4, 4);
        hfpm = new Hfpm(c, options.HfpmBlocks);
        wavelet = options.Wavelet;
        RegisterComponents();
        if (options.Base != RawBaseInterpolation.None)
        {
            RawLayers.ZeroInit(a_head);
            hfpm.ZeroInitHeads();
        }
    }

    /// <summary>The level's predicted LR sub-bands (fresh tensors).</summary>
    /// <param name="features">f_k, N x c x h' x w' (h', w' even).</param>
    /// <param name="above">The IDWT of level k+1's prediction (N x 4 x h x w), or null at the coarsest level.</param>
    /// <param name="baseBands">The base's sub-bands at this level, or null without an identity path.</param>
    public WaveletBands Forward(Tensor features, Tensor? above, WaveletBands? baseBands)
    {
        using var scope = NewDisposeScope();
        var (a, v, h, d) = HaarWavelet.Forward(features, wavelet);
        Tensor low = lasdm.forward(a);
        Tensor aHat = above is null ? a_head.forward(low) : a_head.forward(cat([low, above], 1));
        if (baseBands is not null)
        {
            aHat = aHat + (above ?? baseBands.A);
        }

        var (vHat, hHat, dHat) = hfpm.Forward(v, h, d, aHat);
        if (baseBands is not null)
        {
            vHat = vHat + baseBands.V;
            hHat = hHat + baseBands.H;
            dHat = dHat + baseBands.D;
        }

        return new WaveletBands(
            aHat.MoveToOuterDisposeScope(), vHat.MoveToOuterDisposeScope(), hHat.MoveToOuterDisposeScope(), dHat.MoveToOuterDisposeScope());
    }
}
