namespace Downscale.Torch.Models.AdkNet;

/// <summary>
/// The architecture of one <see cref="AdkNet"/> (one model per scale). Immutable; a value out of range fails when it
/// is set, and the combination (kernel size against scale) is checked by <see cref="Validate"/>, which the model's
/// constructor calls. The defaults are the paper's (section IV-A3): C = 64, 4 backbone blocks, 3 trunk and 2 branch
/// blocks, k = 2s + 1, per-channel residual generators, two-stage normalisation.
/// </summary>
public sealed record AdkNetOptions
{
    /// <summary>The integer downscaling factor s, in [2, 8] (the paper trains 2, 3 and 4).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [2, 8].</exception>
    public required int Scale
    {
        get;
        init => field = InRange(value, 2, Defaults.MaxScale, nameof(Scale), "ADK-Net downscales by an integer factor from 2 to 8");
    }

    /// <summary>Feature channels C of every convolution. Default <see cref="Defaults.Features"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int Features
    {
        get;
        init => field = InRange(value, 1, 4096, nameof(Features), "Feature channels must be positive");
    } = Defaults.Features;

    /// <summary>
    /// Side k of the resampling kernels, or null for the paper's <c>2s + 1</c>. A window centres exactly on the projected
    /// pixel centre only when k and s have the same parity (see <see cref="KernelWindow"/>); <c>2s + 2</c> does so for even s.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 2 (a single tap always normalises to zero).</exception>
    public int? KernelSize
    {
        get;
        init => field = value is { } k ? InRange(k, 2, 4 * Defaults.MaxScale + 2, nameof(KernelSize), "A kernel needs at least 2 taps per side") : null;
    }

    /// <summary>Residual blocks in the feature extractor's backbone block. Default <see cref="Defaults.BackboneBlocks"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int BackboneBlocks
    {
        get;
        init => field = InRange(value, 0, 64, nameof(BackboneBlocks), "Block counts cannot be negative");
    } = Defaults.BackboneBlocks;

    /// <summary>Blocks in each channel trunk. Default <see cref="Defaults.TrunkBlocks"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int TrunkBlocks
    {
        get;
        init => field = InRange(value, 0, 64, nameof(TrunkBlocks), "Block counts cannot be negative");
    } = Defaults.TrunkBlocks;

    /// <summary>Blocks in each channel branch. Default <see cref="Defaults.BranchBlocks"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int BranchBlocks
    {
        get;
        init => field = InRange(value, 0, 64, nameof(BranchBlocks), "Block counts cannot be negative");
    } = Defaults.BranchBlocks;

    /// <summary>How the generator streams share weights. Default <see cref="KernelGeneratorSharing.PerChannel"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public KernelGeneratorSharing GeneratorSharing
    {
        get;
        init => field = Defined(value, nameof(GeneratorSharing));
    }

    /// <summary>Residual (paper) or plain (SimpleGen) blocks in the generators. Default <see cref="GeneratorBlockKind.Residual"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public GeneratorBlockKind GeneratorBlocks
    {
        get;
        init => field = Defined(value, nameof(GeneratorBlocks));
    }

    /// <summary>Kernel normalisation. Default <see cref="KernelNormalization.TwoStage"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public KernelNormalization Normalization
    {
        get;
        init => field = Defined(value, nameof(Normalization));
    }

    /// <summary>
    /// Beyond the paper: the input carries two more planes after RGB, the normalised x and y of each HR pixel centre
    /// in the full image (<c>Downscale.Core.Imaging.FieldCoordinates</c>). They feed the feature extractor only; the
    /// kernels resample the RGB planes. Off by default.
    /// </summary>
    public bool FieldAware { get; init; }

    /// <summary>The eps of both normalisation stages. Default <see cref="Defaults.Epsilon"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive and finite.</exception>
    public double Epsilon
    {
        get;
        init
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Epsilon), value, "The normalisation eps must be positive and finite (default 1e-6).");
            }

            field = value;
        }
    } = Defaults.Epsilon;

    /// <summary>The kernel side in effect: <see cref="KernelSize"/>, or <c>2s + 1</c> when it is null.</summary>
    public int EffectiveKernelSize => KernelSize ?? ((2 * Scale) + 1);

    /// <summary>Planes of the input tensor: 3 (RGB), or 5 when <see cref="FieldAware"/> (RGB, x, y).</summary>
    public int InputChannels => FieldAware ? 5 : 3;

    /// <summary>Number of trunks the sharing implies (3, or 1 for a shared trunk or a single stream).</summary>
    public int TrunkCount => GeneratorSharing == KernelGeneratorSharing.PerChannel ? 3 : 1;

    /// <summary>Number of branches, i.e. of distinct kernels per pixel (3, or 1 for a single stream).</summary>
    public int BranchCount => GeneratorSharing == KernelGeneratorSharing.SingleStream ? 1 : 3;

    /// <summary>The resampling window these options imply.</summary>
    public KernelWindow Window => new(Scale, EffectiveKernelSize);

    /// <summary>
    /// The safetensors metadata that describes a model with these options (scale, kernel size, variant, features), so
    /// that <see cref="AdkNet.Load"/> can rebuild it from the file alone. The trainer writes it into best weights.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToMetadata() => AdkNetMetadata.Write(this);

    /// <summary>Checks the combination of values that each setter cannot check alone.</summary>
    /// <exception cref="ArgumentException">The kernel is wider than <c>4s + 2</c> taps.</exception>
    public void Validate()
    {
        int maxKernel = (4 * Scale) + 2;
        if (EffectiveKernelSize > maxKernel)
        {
            throw new ArgumentException(
                $"A {EffectiveKernelSize}-tap kernel at scale {Scale} reaches beyond the neighbouring LR pixels' blocks; use at most {maxKernel} (the paper uses {(2 * Scale) + 1}).",
                nameof(KernelSize));
        }
    }

    private static int InRange(int value, int min, int max, string name, string why) =>
        value < min || value > max
            ? throw new ArgumentOutOfRangeException(name, value, $"{why}: {name} must be in [{min}, {max}].")
            : value;

    private static T Defined<T>(T value, string name)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be one of {string.Join(", ", Enum.GetNames<T>())}.");

    /// <summary>The paper's values.</summary>
    public static class Defaults
    {
        /// <summary>C = 64 feature channels.</summary>
        public const int Features = 64;

        /// <summary>One backbone block of 4 residual blocks.</summary>
        public const int BackboneBlocks = 4;

        /// <summary>3 blocks per trunk.</summary>
        public const int TrunkBlocks = 3;

        /// <summary>2 blocks per branch.</summary>
        public const int BranchBlocks = 2;

        /// <summary>eps = 1e-6 (the paper says only "a small constant").</summary>
        public const double Epsilon = 1e-6;

        /// <summary>The largest supported scale.</summary>
        public const int MaxScale = 8;
    }
}
