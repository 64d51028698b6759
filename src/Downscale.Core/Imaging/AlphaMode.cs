namespace Downscale.Core.Imaging;

/// <summary>What decoding does with an alpha channel (RGBA, gray + alpha, or a palette with transparency).</summary>
public enum AlphaMode
{
    /// <summary>Drop alpha and keep the colour values as stored (PNG stores them unassociated). The default.</summary>
    Drop,

    /// <summary>
    /// Composite over <see cref="ImageReadOptions.Background"/>: <c>out = a * c + (1 - a) * background</c>, per channel, in
    /// float32 on the stored (sRGB-encoded) values, as PIL's <c>alpha_composite</c> does.
    /// </summary>
    Composite,

    /// <summary>Keep alpha as the last plane (RGBA gives 4 planes; gray + alpha gives 2, or 4 when gray is expanded).</summary>
    Keep,
}
