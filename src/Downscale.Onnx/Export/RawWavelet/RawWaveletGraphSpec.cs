using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using Downscale.Core.Wavelets;

namespace Downscale.Onnx.Export.RawWavelet;

/// <summary>
/// The architecture of a RAW wavelet model (<c>Downscale.Torch</c>'s <c>RawWaveletOptions</c>) as the ONNX exporter
/// needs it, restated here because this assembly must not reference TorchSharp. The Torch-side walker
/// (<c>Downscale.Torch.Export.RawWaveletOnnxExporter</c>) fills it from a model; tests may fill it by hand.
/// </summary>
public sealed record RawWaveletGraphSpec
{
    /// <summary>The scale m/n: m packed input pixels become n output pixels.</summary>
    public required RationalScale Scale { get; init; }

    /// <summary>Feature channels c.</summary>
    public required int Features { get; init; }

    /// <summary>Wavelet levels K.</summary>
    public required int Levels { get; init; }

    /// <summary>Residual blocks before the LASDM merge.</summary>
    public required int LasdmBlocks { get; init; }

    /// <summary>Residual blocks in each HFPM stage.</summary>
    public required int HfpmBlocks { get; init; }

    /// <summary>Dense (one 1x1 conv c·m² → c·n²) or separable (per axis) LASDM merge.</summary>
    public RawGraphMerge Merge { get; init; }

    /// <summary>The Haar normalisation of every DWT and IDWT.</summary>
    public HaarNormalization Wavelet { get; init; }

    /// <summary>
    /// The identity path's resize of the demosaicked camera RGB, or null for a model without one. The weights are
    /// <see cref="AxisTaps.Resize"/> of this method in <see cref="BaseConvention"/>.
    /// </summary>
    public ResampleMethod? BaseMethod { get; init; }

    /// <summary>The convention of <see cref="BaseMethod"/>.</summary>
    public ResampleConvention BaseConvention { get; init; }

    /// <summary>The packed input sides are multiples of this: 2^K·m.</summary>
    public int InputBlock => (1 << Levels) * Scale.Input;

    /// <summary>The packed output sides are multiples of this: 2^K·n.</summary>
    public int OutputBlock => (1 << Levels) * Scale.Output;

    /// <summary>Checks the ranges the graph relies on.</summary>
    /// <exception cref="ArgumentException">A value is out of range or undefined; the message names it.</exception>
    public void Validate()
    {
        Require(Scale.Input > Scale.Output && Scale.Output >= 1, nameof(Scale), "must be a downscaling m/n with m > n ≥ 1");
        Require(Features is >= 1 and <= 512, nameof(Features), "must lie in [1, 512]");
        Require(Levels is >= 1 and <= 6, nameof(Levels), "must lie in [1, 6]");
        Require(LasdmBlocks is >= 0 and <= 16 && HfpmBlocks is >= 0 and <= 16, "block counts", "must lie in [0, 16]");
        Require(Enum.IsDefined(Merge) && Enum.IsDefined(Wavelet), "variant", "must use defined values");
        Require(BaseMethod is null || (Enum.IsDefined(BaseMethod.Value) && BaseMethod != ResampleMethod.Dpid && Enum.IsDefined(BaseConvention)),
            nameof(BaseMethod), "must be a fixed linear filter (not DPID) in a defined convention");
    }

    private static void Require(bool condition, string what, string rule) => GraphSpecRules.Require(condition, "RAW wavelet", what, rule);
}

/// <summary>The LASDM merge (the Torch <c>LasdmMerge</c>).</summary>
public enum RawGraphMerge
{
    /// <summary>One 1x1 convolution c·m² → c·n² between PixelUnshuffle(m) and PixelShuffle(n) (names <c>merge.*</c>).</summary>
    Dense = 0,

    /// <summary>Rows, then columns, each by a 1x1 convolution c·m → c·n (names <c>merge_rows.*</c>, <c>merge_cols.*</c>).</summary>
    Separable = 1,
}
