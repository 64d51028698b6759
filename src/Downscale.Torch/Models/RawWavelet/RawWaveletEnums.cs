namespace Downscale.Torch.Models.RawWavelet;

/// <summary>How LASDM merges the c·m² channels of PixelUnshuffle(m) into the c·n² channels of PixelShuffle(n).</summary>
public enum LasdmMerge
{
    /// <summary>
    /// One 1x1 convolution from c·m² to c·n² channels (the paper's reading; at x1.3 it maps c·169 to c·100 channels and
    /// holds almost all of the model's parameters).
    /// </summary>
    Dense,

    /// <summary>
    /// The merge factorised by axis: the rows of each m x m block are merged by a 1x1 convolution from c·m to c·n
    /// channels, then the columns by another (about m·n/2 times fewer parameters than <see cref="Dense"/>).
    /// </summary>
    Separable,
}

/// <summary>
/// The RAW-domain interpolation that the improved configuration adds its wavelet sub-bands to (an identity path), or
/// none (the paper). Each runs on the fixed ISP's bilinear demosaic of the input and samples the result back through
/// the RGGB CFA at the output's sites, the stronger of the two RAW-domain baselines (docs/models/raw-wavelet.md).
/// </summary>
public enum RawBaseInterpolation
{
    /// <summary>No base: every coefficient comes from the network (the paper).</summary>
    None,

    /// <summary>Antialiased bilinear (PIL convention: triangle widened by the scale).</summary>
    Bilinear,

    /// <summary>Antialiased bicubic (PIL convention: Keys a = -0.5 widened by the scale).</summary>
    Bicubic,

    /// <summary>Pixel-area averaging (OpenCV INTER_AREA).</summary>
    Area,
}
