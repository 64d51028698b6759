using Downscale.Torch.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>
/// ADK-Net, the Adaptive Downscaling Kernel Network (section III of the paper in <c>shared/seeds/000_17dc79e65030b8f7</c>):
/// it predicts a normalised k x k resampling kernel for every LR pixel and colour channel and applies it to the HR
/// image. One model per integer scale. Input (N, 3, H, W) RGB in [0, 1], or (N, 5, H, W) with the field coordinates
/// when <see cref="AdkNetOptions.FieldAware"/>; H and W are multiples of the scale. Output (N, 3, H/s, W/s).
/// </summary>
/// <remarks>
/// <para>Stages: <c>feature_extractor</c> (HR, <see cref="FeatureExtractor"/>), <c>downsample</c> (PixelUnshuffle + conv),
/// <c>trunks</c> and <c>branches</c> (stream c is <c>branches[c]</c> after <c>trunks[c]</c>, or after <c>trunks[0]</c>
/// when the trunk is shared), kernel normalisation, then <see cref="KernelApplication"/>. Tap (i, j) of an output pixel
/// reads the HR pixel that <see cref="KernelWindow"/> defines.</para>
/// <para>State-dict names are PyTorch's (<c>feature_extractor.backbone.0.conv1.weight</c>, <c>branches.2.conv.bias</c>,
/// ...), identical to <c>tools/reference/adknet.py</c>; <see cref="Save"/> and <see cref="Load"/> write and read
/// safetensors with the options as metadata, interchangeable with the Python reference.</para>
/// </remarks>
public sealed partial class AdkNet : Module<Tensor, Tensor>
{
    private readonly FeatureExtractor featureExtractor;
    private readonly FeatureDownsampling downsample;
    private readonly ModuleList<GeneratorStage> trunks;
    private readonly ModuleList<GeneratorStage> branches;

    /// <summary>The paper's model for <paramref name="scale"/> (C = 64, k = 2s + 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scale is outside [2, 8].</exception>
    public AdkNet(int scale)
        : this(new AdkNetOptions { Scale = scale })
    {
    }

    /// <summary>A freshly initialised model (PyTorch's default initialisation) with the given architecture.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent (<see cref="AdkNetOptions.Validate"/>).</exception>
    public AdkNet(AdkNetOptions options)
        : base(ValidatedName(options))
    {
        Options = options;
        int c = options.Features, taps = options.EffectiveKernelSize * options.EffectiveKernelSize;
        featureExtractor = new FeatureExtractor(options.InputChannels, c, options.BackboneBlocks);
        downsample = new FeatureDownsampling(c, options.Scale);
        trunks = new ModuleList<GeneratorStage>([.. Enumerable.Range(0, options.TrunkCount)
            .Select(_ => new GeneratorStage(c, options.TrunkBlocks, c, options.GeneratorBlocks))]);
        branches = new ModuleList<GeneratorStage>([.. Enumerable.Range(0, options.BranchCount)
            .Select(_ => new GeneratorStage(c, options.BranchBlocks, taps, options.GeneratorBlocks))]);
        register_module("feature_extractor", featureExtractor);
        register_module("downsample", downsample);
        register_module("trunks", trunks);
        register_module("branches", branches);
    }

    /// <summary>The architecture.</summary>
    public AdkNetOptions Options { get; }

    /// <summary>The integer downscaling factor s.</summary>
    public int Scale => Options.Scale;

    /// <summary>The kernel side k in effect.</summary>
    public int KernelSize => Options.EffectiveKernelSize;

    /// <summary>Which HR pixels each tap reads.</summary>
    public KernelWindow Window => Options.Window;

    /// <summary>
    /// HR pixels of context, beyond an output pixel's own s x s HR block, that the output depends on: output (y, x)
    /// reads HR rows <c>[y s - R, y s + s - 1 + R]</c> and the same span of columns, and nothing else. A tiler that
    /// gives every tile a halo of at least R HR pixels (rounded up to a multiple of s to keep the LR grid aligned)
    /// reproduces the whole-image result away from the image border. R is the larger of the network's reach,
    /// <c>L s + M</c> with L = 1 + (2 trunk blocks + 1) + (2 branch blocks + 1) LR convolutions and M = 2 + 2 backbone
    /// blocks HR convolutions (62 at s = 4 with the paper's depths), and the kernel window's own reach.
    /// </summary>
    public int ReceptiveFieldRadius
    {
        get
        {
            int lrConvs = 1 + ((2 * Options.TrunkBlocks) + 1) + ((2 * Options.BranchBlocks) + 1);
            int hrConvs = 2 + (2 * Options.BackboneBlocks);
            KernelWindow window = Window;
            return Math.Max((lrConvs * Scale) + hrConvs, Math.Max(window.PadBefore, window.PadAfter));
        }
    }

    /// <summary>The downscaled image (N, 3, H/s, W/s).</summary>
    /// <exception cref="ArgumentException">The input's shape does not fit the model (the message says how).</exception>
    public override Tensor forward(Tensor input)
    {
        ValidateInput(input);
        using var scope = NewDisposeScope();
        Tensor kernels = StreamKernels(input);
        Tensor rgb = Options.FieldAware ? input.narrow(1, 0, 3) : input;
        return KernelApplication.Apply(rgb, kernels, Window).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The normalised per-pixel kernels (N, 3, k*k, h, w), for visualisation (<see cref="KernelImages"/>): entry
    /// <c>[n, c, i*k + j, y, x]</c> weights the HR pixel that tap (i, j) of LR pixel (y, x) reads in channel c. A
    /// <see cref="KernelGeneratorSharing.SingleStream"/> model repeats its one kernel for the three channels.
    /// </summary>
    /// <exception cref="ArgumentException">The input's shape does not fit the model.</exception>
    public Tensor PredictKernels(Tensor input)
    {
        ValidateInput(input);
        using var scope = NewDisposeScope();
        Tensor kernels = StreamKernels(input);
        return kernels.expand(kernels.shape[0], 3, kernels.shape[2], kernels.shape[3], kernels.shape[4])
            .contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Normalised kernels (N, G, k*k, h, w) with G = the number of branches (3, or 1 for a single stream).</summary>
    private Tensor StreamKernels(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor features = downsample.forward(featureExtractor.forward(input));
        Tensor[] embeddings = [.. trunks.Select(trunk => trunk.forward(features))];
        Tensor[] raw = [.. branches.Select((branch, c) => branch.forward(embeddings[Math.Min(c, embeddings.Length - 1)]))];
        return KernelNormalizer.Normalize(stack(raw, 1), Options.Normalization, Options.Epsilon).MoveToOuterDisposeScope();
    }

    /// <summary>Runs before the base constructor touches libtorch: options first, then the native library.</summary>
    private static string ValidatedName(AdkNetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchNative.EnsureLoaded();
        return nameof(AdkNet);
    }

    private void ValidateInput(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long[] shape = input.shape;
        string actual = $"[{string.Join(", ", shape)}]";
        if (shape.Length != 4 || shape[1] != Options.InputChannels)
        {
            string planes = Options.FieldAware ? "5 planes (R, G, B, field x, field y)" : "3 planes (R, G, B)";
            throw new ArgumentException($"This ADK-Net takes an (N, C, H, W) tensor with {planes}; the input is {actual}.", nameof(input));
        }

        if (!input.is_floating_point())
        {
            throw new ArgumentException($"ADK-Net takes floating-point images in [0, 1]; the input is {input.dtype}.", nameof(input));
        }

        long s = Scale, minimum = 2 * s;
        if (shape[2] % s != 0 || shape[3] % s != 0 || shape[2] < minimum || shape[3] < minimum)
        {
            throw new ArgumentException(
                $"At scale {s} the HR height and width must be multiples of {s} and at least {minimum}; the input is {shape[2]}x{shape[3]}. Crop or pad the image first.",
                nameof(input));
        }
    }
}
