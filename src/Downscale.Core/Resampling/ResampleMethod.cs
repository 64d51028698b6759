namespace Downscale.Core.Resampling;

/// <summary>The classic resampling methods.</summary>
public enum ResampleMethod
{
    /// <summary>Nearest neighbour (each convention's own index rule).</summary>
    Nearest,

    /// <summary>Triangle filter (bilinear); antialiased in the PIL and MATLAB conventions.</summary>
    Bilinear,

    /// <summary>Keys cubic convolution (a = -0.5, or -0.75 in the OpenCV convention); antialiased in PIL and MATLAB.</summary>
    Bicubic,

    /// <summary>Lanczos with 3 lobes (PIL <c>LANCZOS</c>, MATLAB <c>lanczos3</c>: support 3·scale when downscaling).</summary>
    Lanczos3,

    /// <summary>Lanczos with 4 lobes: OpenCV's <c>INTER_LANCZOS4</c> in the OpenCV convention (8 taps, not antialiased).</summary>
    Lanczos4,

    /// <summary>Box filter as a kernel (PIL <c>BOX</c>, MATLAB <c>box</c>): whole input pixels whose centres fall in the footprint.</summary>
    Box,

    /// <summary>
    /// Pixel-area averaging: each output pixel is the mean of its footprint [i·s, (i+1)·s) with fractional coverage of
    /// the pixels cut by its borders (OpenCV <c>INTER_AREA</c>). Exactly the block mean for integer scales. The same in
    /// every convention.
    /// </summary>
    Area,

    /// <summary>
    /// Detail-preserving image downscaling (Weber et al. 2016), tuned by <see cref="ResampleOptions.DpidLambda"/>.
    /// Downscaling only; the same in every convention.
    /// </summary>
    Dpid,
}

/// <summary>Whose definition of a method to reproduce (sample centres, filter widening, borders, pass order).</summary>
public enum ResampleConvention
{
    /// <summary>
    /// PIL <c>Image.resize</c>: centres (x + 0.5)·s, support widened by s when downscaling, window clipped to the image
    /// and weights renormalised; horizontal pass first with the intermediate clamped to [0, 1] (PIL keeps it in uint8).
    /// </summary>
    Pil,

    /// <summary>
    /// MATLAB <c>imresize</c>: centres u = x/k + 0.5(1 - 1/k) (1-based, k = out/in), kernel widened by s only when
    /// downscaling, weights normalised, symmetric (half-sample mirror) borders; nearest is not antialiased.
    /// </summary>
    Matlab,

    /// <summary>
    /// OpenCV <c>cv2.resize</c>: centres (x + 0.5)·s - 0.5, kernels never widened (no antialiasing), replicated borders;
    /// bicubic uses a = -0.75 and Lanczos-4 is available.
    /// </summary>
    OpenCv,
}
