using Downscale.Core.Imaging;

namespace Downscale.Core.Resampling;

/// <summary>
/// The classic resamplers: nearest, bilinear, bicubic, Lanczos, box, area and DPID, each in the PIL, MATLAB or OpenCV
/// convention (<see cref="ResampleOptions.Convention"/>), for downscaling and upscaling to any size.
/// </summary>
/// <remarks>
/// <para>Images are float planar (<see cref="PlanarImage"/>); all channels share one set of weight tables. Results are
/// not clamped (PIL's clamped intermediate aside); encoders clamp and round. Work is spread over rows and planes on up
/// to <see cref="ResampleOptions.MaxDegreeOfParallelism"/> threads, and each output pixel depends only on its inputs,
/// so results do not depend on the thread count.</para>
/// <para>Pass order: the passes are linear and run in float32, so their order changes results only by rounding
/// (~1e-7 relative) and is chosen for speed, except for PIL's negative-lobed kernels, whose clamped uint8 intermediate
/// is reproduced by resampling along x first and clamping to [0, 1].</para>
/// </remarks>
public static class Resampler
{
    /// <summary>Resizes <paramref name="source"/> to <paramref name="outputWidth"/> x <paramref name="outputHeight"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative, or the method is unknown.</exception>
    /// <exception cref="ArgumentException">The method has no definition in the convention, or DPID is asked to upscale.</exception>
    public static PlanarImage Resize(PlanarImage source, int outputWidth, int outputHeight, ResampleMethod method, ResampleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckSize(outputWidth, outputHeight);
        var destination = new PlanarImage(source.Channels, outputHeight, outputWidth);
        ResizeInto(source, destination, method, options ?? ResampleOptions.Default);
        return destination;
    }

    /// <summary>Downscales <paramref name="source"/> by <paramref name="factor"/> (2 halves each side; below 1 upscales) to <see cref="ScaledSize"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is not a positive finite number.</exception>
    public static PlanarImage Resize(PlanarImage source, double factor, ResampleMethod method, ResampleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        (int width, int height) = ScaledSize(source.Width, source.Height, factor);
        return Resize(source, width, height, method, options);
    }

    /// <summary>Resizes <paramref name="source"/> into <paramref name="destination"/>, whose shape gives the output size.</summary>
    /// <exception cref="ArgumentException">The images have different channel counts or share storage.</exception>
    public static void Resize(PlanarImage source, PlanarImage destination, ResampleMethod method, ResampleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.Channels != destination.Channels)
        {
            throw new ArgumentException(
                $"The destination has {destination.Channels} channels but the source has {source.Channels}.", nameof(destination));
        }

        if (source.Data.Span.Overlaps(destination.Data.Span))
        {
            throw new ArgumentException("The destination must not share storage with the source.", nameof(destination));
        }

        ResizeInto(source, destination, method, options ?? ResampleOptions.Default);
    }

    /// <summary>
    /// Resizes an 8-bit interleaved image (HWC, e.g. RGB or RGBA rows) without converting it to planar float: the
    /// passes read bytes and write bytes (rounded half up, saturated), keeping a float intermediate. DPID converts
    /// through planar float.
    /// </summary>
    /// <param name="source">height x width x channels bytes.</param>
    /// <param name="width">Source width.</param>
    /// <param name="height">Source height.</param>
    /// <param name="channels">Interleaved channels (1 to 4).</param>
    /// <param name="destination">outputHeight x outputWidth x channels bytes.</param>
    /// <param name="outputWidth">Output width.</param>
    /// <param name="outputHeight">Output height.</param>
    /// <param name="method">The method.</param>
    /// <param name="options">Options, or null for the defaults.</param>
    /// <exception cref="ArgumentException">A buffer's length does not match its shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or the channel count is out of range.</exception>
    public static unsafe void ResizeInterleaved(
        ReadOnlySpan<byte> source, int width, int height, int channels, Span<byte> destination, int outputWidth, int outputHeight,
        ResampleMethod method, ResampleOptions? options = null)
    {
        CheckSize(width, height);
        CheckSize(outputWidth, outputHeight);
        if (channels is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Interleaved images have 1 to 4 channels.");
        }

        CheckLength(source.Length, width, height, channels, nameof(source));
        CheckLength(destination.Length, outputWidth, outputHeight, channels, nameof(destination));
        options ??= ResampleOptions.Default;
        if (method == ResampleMethod.Dpid)
        {
            PlanarImage planar = Interleaving.ToPlanar(source, width, height, channels);
            PlanarImage result = Resize(planar, outputWidth, outputHeight, method, options);
            Interleaving.FromPlanar(result, destination);
            return;
        }

        var plan = ResamplePlan.Create(method, options, width, height, outputWidth, outputHeight);
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            plan.Run<ByteFormat, ByteFormat>(src, dst, 1, 0, 0, channels, 255f, options.EffectiveDegree);
        }
    }

    /// <summary>
    /// The output size for a downscaling <paramref name="factor"/>: each side is round(side / factor), halves rounded
    /// away from zero, and at least 1 (131 / 1.3 = 100.8 gives 101; 131 / 2 = 65.5 gives 66). Integer factors that
    /// divide the size give exactly side / factor. Pass explicit sizes for floor (PIL-style <c>w // s</c>) or ceil
    /// (MATLAB <c>imresize(I, 1/s)</c>) rounding.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is not a positive finite number, or a size overflows.</exception>
    public static (int Width, int Height) ScaledSize(int width, int height, double factor)
    {
        CheckSize(width, height);
        if (!double.IsFinite(factor) || factor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The scale factor must be a positive finite number (2 halves each side).");
        }

        return (Scaled(width, factor), Scaled(height, factor));
    }

    private static int Scaled(int size, double factor)
    {
        double scaled = Math.Round(size / factor, MidpointRounding.AwayFromZero);
        if (scaled > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"Scaling {size} by 1/{factor} overflows the largest image size.");
        }

        return Math.Max(1, (int)scaled);
    }

    private static unsafe void ResizeInto(PlanarImage source, PlanarImage destination, ResampleMethod method, ResampleOptions options)
    {
        if (method == ResampleMethod.Dpid)
        {
            if (destination.Width > source.Width || destination.Height > source.Height)
            {
                throw new ArgumentException(
                    $"DPID only downscales; {source.Width}x{source.Height} to {destination.Width}x{destination.Height} enlarges a side. Use Bicubic to upscale.",
                    nameof(method));
            }

            Dpid.Resize(source, destination, options.DpidLambda, options.EffectiveDegree);
            return;
        }

        var plan = ResamplePlan.Create(method, options, source.Width, source.Height, destination.Width, destination.Height);
        using var input = source.Data.Pin();
        using var output = destination.Data.Pin();
        plan.Run<FloatFormat, FloatFormat>(
            (byte*)input.Pointer, (byte*)output.Pointer, source.Channels,
            (long)source.PlaneLength * sizeof(float), (long)destination.PlaneLength * sizeof(float), 1, 1f, options.EffectiveDegree);
    }

    private static void CheckSize(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Image sizes must be positive, got {width}x{height}.");
        }
    }

    private static void CheckLength(int length, int width, int height, int channels, string name)
    {
        long expected = (long)width * height * channels;
        if (length != expected)
        {
            throw new ArgumentException($"A {width}x{height} image with {channels} channels needs {expected} bytes, but the buffer holds {length}.", name);
        }
    }
}
