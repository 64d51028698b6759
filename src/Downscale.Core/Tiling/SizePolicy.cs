namespace Downscale.Core.Tiling;

/// <summary>What to do with an HR image whose height or width is not a multiple of the scale.</summary>
/// <remarks>The same policy applies to tiled and untiled inference, so both see the same pixels.</remarks>
public enum SizePolicy
{
    /// <summary>Refuse with an <see cref="ArgumentException"/> that names the size, the scale and the other policies. The default.</summary>
    Fail = 0,

    /// <summary>Drop the bottom rows and right columns beyond the last whole multiple: the output is floor(H / s) x floor(W / s).</summary>
    Crop = 1,

    /// <summary>
    /// Mirror the image past its bottom and right edges up to the next multiple (reflection without repeating the edge
    /// pixel, as NumPy's and PyTorch's <c>reflect</c>): the output is ceil(H / s) x ceil(W / s).
    /// </summary>
    ReflectPad = 2,
}
