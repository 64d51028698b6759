using Downscale.Core.Raw;
using Downscale.Core.Wavelets;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>
/// The architecture of one <see cref="RawWaveletNet"/> (one model per scale m/n). Immutable; a value out of range fails
/// when it is set. The defaults are the paper-faithful reading (<see cref="PaperFaithful"/>); <see cref="Improved"/>
/// adds the identity path over a RAW-domain interpolation and the separable LASDM merge.
/// </summary>
public sealed record RawWaveletOptions
{
    /// <summary>The downscaling factor m/n (13/10 for x1.3, 2/1 for x2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The default (uninitialised) value.</exception>
    public required RationalScale Scale
    {
        get;
        init => field = value.Input > value.Output && value.Output >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Scale), value, "Give a downscaling factor such as RationalScale.Parse(\"13/10\").");
    }

    /// <summary>Feature channels c of the encoder, LASDM and HFPM. Default <see cref="Defaults.Features"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 512].</exception>
    public int Features { get; init => field = InRange(value, 1, 512, nameof(Features)); } = Defaults.Features;

    /// <summary>K, the wavelet levels of the decoder and the encoder's blocks. Default <see cref="Defaults.Levels"/> (the paper's).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 6].</exception>
    public int Levels { get; init => field = InRange(value, 1, 6, nameof(Levels)); } = Defaults.Levels;

    /// <summary>Residual blocks of LASDM before PixelUnshuffle(m). Default <see cref="Defaults.LasdmBlocks"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 16].</exception>
    public int LasdmBlocks { get; init => field = InRange(value, 0, 16, nameof(LasdmBlocks)); } = Defaults.LasdmBlocks;

    /// <summary>Residual blocks of each HFPM stage (before top-k, and after each remapping). Default <see cref="Defaults.HfpmBlocks"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 16].</exception>
    public int HfpmBlocks { get; init => field = InRange(value, 0, 16, nameof(HfpmBlocks)); } = Defaults.HfpmBlocks;

    /// <summary>LASDM's channel merge. Default <see cref="LasdmMerge.Dense"/> (the paper).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public LasdmMerge Merge { get; init => field = Defined(value, nameof(Merge)); }

    /// <summary>The Haar normalisation of every DWT and IDWT (features, reconstruction, losses). Default orthonormal.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public HaarNormalization Wavelet { get; init => field = Defined(value, nameof(Wavelet)); }

    /// <summary>
    /// The identity path: when not <see cref="RawBaseInterpolation.None"/>, each level's sub-bands are predicted as
    /// corrections of the Haar pyramid of this interpolation of the input (the residual heads start at zero), and each
    /// level's A as a correction of the level below's reconstruction. Default none (the paper).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public RawBaseInterpolation Base { get; init => field = Defined(value, nameof(Base)); }

    /// <summary>Model input sides are multiples of this (packed pixels): 2^K·m.</summary>
    public int InputBlock => (1 << Levels) * Scale.Input;

    /// <summary>Model output sides are multiples of this (packed pixels): 2^K·n.</summary>
    public int OutputBlock => (1 << Levels) * Scale.Output;

    /// <summary>The paper-faithful configuration at <paramref name="scale"/> (the defaults).</summary>
    public static RawWaveletOptions PaperFaithful(RationalScale scale) => new() { Scale = scale };

    /// <summary>
    /// The improved configuration: the paper's modules plus an identity path over antialiased bilinear interpolation
    /// of the demosaicked input, and the separable LASDM merge.
    /// </summary>
    public static RawWaveletOptions Improved(RationalScale scale) => new()
    {
        Scale = scale,
        Base = RawBaseInterpolation.Bilinear,
        Merge = LasdmMerge.Separable,
    };

    /// <summary>The safetensors metadata that describes a model with these options (<see cref="RawWaveletNet.Load"/> reads it).</summary>
    public IReadOnlyDictionary<string, string> ToMetadata() => RawWaveletMetadata.Write(this);

    private static int InRange(int value, int min, int max, string name) =>
        value < min || value > max ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}].") : value;

    private static T Defined<T>(T value, string name)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be one of {string.Join(", ", Enum.GetNames<T>())}.");

    /// <summary>Default values (the paper gives K = 4; the widths are the issue's first reading).</summary>
    public static class Defaults
    {
        /// <summary>c = 16 (the paper does not say; issue 14's first reading used 16).</summary>
        public const int Features = 16;

        /// <summary>K = 4 (section 4.2).</summary>
        public const int Levels = 4;

        /// <summary>"Several" residual blocks: 2.</summary>
        public const int LasdmBlocks = 2;

        /// <summary>"Several" residual blocks: 2.</summary>
        public const int HfpmBlocks = 2;
    }
}
