using Microsoft.ML.Data;

namespace Downscale.MLNet.Imaging;

/// <summary>
/// Rebuilds an <see cref="MLImage"/> from the vector that ML.NET's <c>ExtractPixels</c> makes with
/// <c>ColorBits.All</c>, order ARGB, planar, no offset and scale 1: the image's own bytes (premultiplied BGRA), exactly.
/// </summary>
/// <remarks>
/// Persisted stages read fixed-size image columns (<c>Image&lt;h, w&gt;</c>) this way, because ML.NET maps
/// <see cref="MLImage"/> members of <c>CustomMapping</c> classes only to image columns of unknown size. The rebuilt image
/// is then converted exactly as the in-memory stage converts the original, so both give identical results.
/// </remarks>
internal static class ArgbPlanes
{
    /// <summary>The BGRA image whose ARGB planes are <paramref name="planes"/>.</summary>
    /// <exception cref="InvalidOperationException">The vector does not hold 4 x height x width values.</exception>
    public static MLImage ToMLImage(ReadOnlySpan<float> planes, int height, int width, string column)
    {
        int plane = checked(height * width);
        if (planes.Length != 4 * plane)
        {
            throw new InvalidOperationException(
                $"Column '{column}' should hold a {width}x{height} image ({4 * plane} ARGB values), but the row holds {planes.Length} values.");
        }

        byte[] bgra = new byte[4 * plane];
        for (int i = 0; i < plane; i++)
        {
            bgra[(4 * i) + 0] = (byte)planes[(3 * plane) + i];
            bgra[(4 * i) + 1] = (byte)planes[(2 * plane) + i];
            bgra[(4 * i) + 2] = (byte)planes[plane + i];
            bgra[(4 * i) + 3] = (byte)planes[i];
        }

        return MLImage.CreateFromPixels(width, height, MLPixelFormat.Bgra32, bgra);
    }
}
