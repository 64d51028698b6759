namespace Downscale.Core.Resampling;

/// <summary>
/// The weight tables and pass order of one separable resize (every method but DPID), built from the method and the
/// convention. Building is cheap (tables are O(output size x taps)); a plan can be reused for many images of one size.
/// </summary>
internal sealed class ResamplePlan
{
    private ResamplePlan(AxisWeights horizontal, AxisWeights vertical, bool horizontalFirst)
    {
        Horizontal = horizontal;
        Vertical = vertical;
        HorizontalFirst = horizontalFirst;
    }

    /// <summary>Weights along x.</summary>
    public AxisWeights Horizontal { get; }

    /// <summary>Weights along y.</summary>
    public AxisWeights Vertical { get; }

    /// <summary>
    /// True for PIL's kernels with negative lobes: PIL resamples x first and stores the intermediate as uint8, so its
    /// overshoot is clamped before the vertical pass (up to 5 LSB of difference at hard edges otherwise). For
    /// non-negative kernels the clamp cannot act on in-range input, and the faster vertical-first order is used.
    /// </summary>
    public bool HorizontalFirst { get; }

    /// <summary>Builds the plan for resizing (inWidth, inHeight) to (outWidth, outHeight).</summary>
    /// <exception cref="ArgumentException">The method has no definition in the convention.</exception>
    public static ResamplePlan Create(ResampleMethod method, ResampleOptions options, int inWidth, int inHeight, int outWidth, int outHeight)
    {
        ResampleConvention convention = options.Convention;
        bool pilClamp = convention == ResampleConvention.Pil && method is ResampleMethod.Bicubic or ResampleMethod.Lanczos3 or ResampleMethod.Lanczos4;
        return new ResamplePlan(
            Axis(method, options, inWidth, outWidth), Axis(method, options, inHeight, outHeight), pilClamp);
    }

    /// <summary>
    /// Resizes <paramref name="planes"/> planes of rows of width x <paramref name="channels"/> interleaved elements
    /// (see <see cref="SeparableEngine.Run{TIn, TOut}"/> for the parameters).
    /// </summary>
    public unsafe void Run<TIn, TOut>(
        byte* source, byte* destination, int planes, long inPlaneStride, long outPlaneStride, int channels, float clampMax, int degree)
        where TIn : struct, IPixelFormat
        where TOut : struct, IPixelFormat
    {
        SeparableEngine.Run<TIn, TOut>(
            source, destination, planes, inPlaneStride, outPlaneStride, channels, Horizontal, Vertical, HorizontalFirst, clampMax, degree);
    }

    /// <summary>DPID's [1 2 1] guidance smoothing of a width x height image.</summary>
    public static ResamplePlan Smoothing(int width, int height) =>
        new(ConventionWeights.Smooth121(width), ConventionWeights.Smooth121(height), horizontalFirst: false);

    private static AxisWeights Axis(ResampleMethod method, ResampleOptions options, int inSize, int outSize) =>
        method switch
        {
            ResampleMethod.Nearest => options.Convention switch
            {
                ResampleConvention.Pil => ConventionWeights.PilNearest(inSize, outSize),
                ResampleConvention.Matlab => ConventionWeights.Matlab(KnownKernels.MatlabBox, inSize, outSize, antialias: false),
                _ => ConventionWeights.OpenCvNearest(inSize, outSize),
            },
            ResampleMethod.Bilinear => Kernel(KnownKernels.Triangle, options.Convention, inSize, outSize),
            ResampleMethod.Bicubic => Kernel(new CubicKernel(options.EffectiveCubicA), options.Convention, inSize, outSize),
            ResampleMethod.Lanczos3 => Kernel(KnownKernels.Lanczos3, options.Convention, inSize, outSize),
            ResampleMethod.Lanczos4 => Kernel(KnownKernels.Lanczos4, options.Convention, inSize, outSize),
            ResampleMethod.Box => options.Convention switch
            {
                ResampleConvention.Pil => ConventionWeights.Pil(KnownKernels.Box, inSize, outSize),
                ResampleConvention.Matlab => ConventionWeights.Matlab(KnownKernels.MatlabBox, inSize, outSize, antialias: true),
                _ => throw new ArgumentException(
                    "OpenCV has no box filter; use ResampleMethod.Area for cv2.INTER_AREA.", nameof(method)),
            },
            ResampleMethod.Area => ConventionWeights.Area(inSize, outSize),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a separable resampling method."),
        };

    private static AxisWeights Kernel<TKernel>(TKernel kernel, ResampleConvention convention, int inSize, int outSize)
        where TKernel : struct, IResamplingKernel =>
        convention switch
        {
            ResampleConvention.Pil => ConventionWeights.Pil(kernel, inSize, outSize),
            ResampleConvention.Matlab => ConventionWeights.Matlab(kernel, inSize, outSize, antialias: true),
            _ => ConventionWeights.OpenCv(kernel, inSize, outSize),
        };
}
