using Downscale.Core.Raw;
using Downscale.Torch.Native;
using Downscale.Torch.Wavelets;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>
/// Arbitrary-scale RAW downscaling with wavelet-based recurrent reconstruction (the paper in
/// <c>shared/seeds/003_54680f2651cff810</c>): packed RGGB in, packed RGGB out, at a rational scale m/n.
/// </summary>
/// <remarks>
/// <para><b>Grid.</b> <see cref="forward"/> is the fixed-ratio network: input N x 4 x H x W packed planes [R, G1, G2, B]
/// with H and W multiples of <see cref="RawWaveletOptions.InputBlock"/> (2^K·m), output N x 4 x (H n/m) x (W n/m), each
/// output pixel a centred on input pixel <c>(a + 0.5)·m/n - 0.5</c>. For any HR size and the protocol's exact LR size
/// and grid use <see cref="Downscale(Tensor, FrameSize?)"/>, which resamples the input onto that grid
/// (<see cref="RawDownscaleGeometry"/>).</para>
/// <para><b>Stages.</b> <c>encoder</c> (<see cref="RawEncoder"/>: f_1 .. f_K), then <c>levels.(K-1)</c> down to
/// <c>levels.0</c> (<see cref="WaveletLevel"/>: DWT, LASDM, Â, HFPM), each level's sub-bands inverted by the Haar IDWT
/// into the next level's A, the last IDWT giving the LR image. With <see cref="RawWaveletOptions.Base"/> the levels
/// predict corrections of the Haar pyramid of a RAW-domain interpolation (<see cref="Interpolate"/>).</para>
/// <para>State-dict names are PyTorch's and identical to <c>tools/reference/raw_wavelet.py</c>; <see cref="Save"/> and
/// <see cref="Load"/> write and read safetensors with the options as metadata.</para>
/// </remarks>
public sealed partial class RawWaveletNet : Module<Tensor, Tensor>
{
    private readonly RawEncoder encoder;
    private readonly ModuleList<WaveletLevel> levels;
    private readonly RawInterpolationBase? interpolation;

    /// <summary>A freshly initialised model (PyTorch's default initialisation; zero residual heads with an identity path).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public RawWaveletNet(RawWaveletOptions options)
        : base(ValidatedName(options))
    {
        Options = options;
        encoder = new RawEncoder(options.Features, options.Levels);
        levels = new ModuleList<WaveletLevel>([.. Enumerable.Range(1, options.Levels).Select(k => new WaveletLevel(options, coarsest: k == options.Levels))]);
        interpolation = options.Base == RawBaseInterpolation.None ? null : new RawInterpolationBase(options.Base, options.Scale);
        register_module("encoder", encoder);
        register_module("levels", levels);
    }

    /// <summary>The architecture.</summary>
    public RawWaveletOptions Options { get; }

    /// <summary>The scale m/n.</summary>
    public RationalScale Scale => Options.Scale;

    /// <summary>The LR packed image N x 4 x (H n/m) x (W n/m) of a packed HR input N x 4 x H x W.</summary>
    /// <exception cref="ArgumentException">The input is not N x 4 x H x W floating point with H and W multiples of 2^K·m.</exception>
    public override Tensor forward(Tensor input)
    {
        RawWaveletOutput result = ForwardLevels(input);
        foreach (WaveletBands bands in result.Levels)
        {
            foreach (Tensor band in bands.All)
            {
                band.Dispose();
            }
        }

        return result.Output;
    }

    /// <summary>The forward pass with every level's predicted sub-bands (for L_hwc and L_em); all tensors are fresh.</summary>
    /// <exception cref="ArgumentException">The input does not fit the model (see <see cref="forward"/>).</exception>
    public RawWaveletOutput ForwardLevels(Tensor input)
    {
        ValidateInput(input);
        int count = Options.Levels;
        var predicted = new WaveletBands[count];
        Tensor output;
        using (var scope = NewDisposeScope())
        {
            Tensor[] pyramid = encoder.Pyramid(input);
            WaveletBands[]? basePyramid = interpolation is null ? null : Decompose(interpolation.Forward(input), count);
            Tensor? above = null;
            for (int k = count; k >= 1; k--)
            {
                WaveletBands bands = levels[k - 1].Forward(pyramid[k - 1], above, basePyramid?[k - 1]);
                predicted[k - 1] = bands;
                above = HaarWavelet.Inverse(bands.A, bands.V, bands.H, bands.D, Options.Wavelet);
            }

            output = above!.MoveToOuterDisposeScope();
            foreach (WaveletBands bands in predicted)
            {
                foreach (Tensor band in bands.All)
                {
                    band.MoveToOuterDisposeScope();
                }
            }
        }

        return new RawWaveletOutput(output, predicted);
    }

    /// <summary>
    /// The identity path's RAW-domain interpolation of a packed input (what an untrained improved model returns), or
    /// null for a model without one.
    /// </summary>
    /// <exception cref="ArgumentException">The input does not fit the model.</exception>
    public Tensor? Interpolate(Tensor input)
    {
        ValidateInput(input);
        return interpolation?.Forward(input);
    }

    /// <summary>The Haar pyramid of <paramref name="image"/>: entry k - 1 holds the sub-bands of level k (k = 1 .. levels).</summary>
    internal WaveletBands[] Decompose(Tensor image, int count)
    {
        var bands = new WaveletBands[count];
        Tensor low = image;
        for (int k = 0; k < count; k++)
        {
            var (a, v, h, d) = HaarWavelet.Forward(low, Options.Wavelet);
            bands[k] = new WaveletBands(a, v, h, d);
            low = a;
        }

        return bands;
    }

    private static string ValidatedName(RawWaveletOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TorchNative.EnsureLoaded();
        return nameof(RawWaveletNet);
    }

    private void ValidateInput(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long[] shape = input.shape;
        if (shape.Length != 4 || shape[1] != 4)
        {
            throw new ArgumentException(
                $"The RAW wavelet model takes packed RGGB planes (N, 4, H, W) [R, G1, G2, B]; the input is [{string.Join(", ", shape)}]. " +
                "Pack a Bayer mosaic with BayerPacking.Pack first.", nameof(input));
        }

        if (!input.is_floating_point())
        {
            throw new ArgumentException($"The RAW wavelet model takes floating-point RAW values in [0, 1]; the input is {input.dtype}.", nameof(input));
        }

        long block = Options.InputBlock;
        if (shape[2] % block != 0 || shape[3] % block != 0 || shape[2] < block || shape[3] < block)
        {
            throw new ArgumentException(
                $"At scale {Scale} with {Options.Levels} levels the packed height and width must be positive multiples of {block} (2^K·m); " +
                $"the input is {shape[2]}x{shape[3]}. Use Downscale(...) for any size: it resamples the input onto the model's grid.",
                nameof(input));
        }
    }
}
