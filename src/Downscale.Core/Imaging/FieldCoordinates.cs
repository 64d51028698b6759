using Downscale.Core.Data;

namespace Downscale.Core.Imaging;

/// <summary>
/// Where each pixel sits in its full image, as two planes a field-aware model reads after the colour planes: plane 0
/// the normalised x and plane 1 the normalised y of each pixel centre, <c>(2 i + 1) / n - 1</c> in (-1, 1) for index
/// i of n (the centres of <c>align_corners = false</c>).
/// </summary>
/// <remarks>
/// Append the planes to the <b>full</b> image once (<see cref="Append"/>), then crop, tile and augment the 5-plane
/// image exactly as an RGB one: every pixel keeps carrying its true position in the original full image, since
/// the planes move with the pixels. After a flip or transpose that position is in the original frame; when the
/// model should instead see its position in the augmented frame (so that a mirrored view of a lens acts like a
/// mirrored lens), re-express the planes with <see cref="ToAugmentedFrame"/>.
/// </remarks>
public static class FieldCoordinates
{
    /// <summary>Number of coordinate planes (x, then y).</summary>
    public const int Planes = 2;

    /// <summary>The normalised centre of pixel <paramref name="index"/> along an axis of <paramref name="length"/> pixels.</summary>
    public static float Normalize(int index, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return (float)((((2.0 * index) + 1.0) / length) - 1.0);
    }

    /// <summary>The coordinate planes of a full <paramref name="height"/> x <paramref name="width"/> image.</summary>
    public static PlanarImage Create(int height, int width) => Create(height, width, 0, 0, height, width);

    /// <summary>
    /// The planes of a <paramref name="height"/> x <paramref name="width"/> window whose top-left pixel is
    /// (<paramref name="top"/>, <paramref name="left"/>) in a <paramref name="fullHeight"/> x <paramref name="fullWidth"/>
    /// image. The window may reach outside the image (a tile with a halo); its values then continue linearly beyond ±1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static PlanarImage Create(int fullHeight, int fullWidth, int top, int left, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fullHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fullWidth, 1);
        var planes = new PlanarImage(Planes, height, width);
        Span<float> xs = planes.Row(0, 0);
        for (int x = 0; x < width; x++)
        {
            xs[x] = Normalize(left + x, fullWidth);
        }

        for (int y = 0; y < height; y++)
        {
            xs.CopyTo(planes.Row(0, y));
            planes.Row(1, y).Fill(Normalize(top + y, fullHeight));
        }

        return planes;
    }

    /// <summary>A new image: the planes of <paramref name="image"/>, taken as a full image, followed by its two coordinate planes.</summary>
    public static PlanarImage Append(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new PlanarImage(image.Channels + Planes, image.Height, image.Width);
        image.Data.Span.CopyTo(result.Data.Span);
        Create(image.Height, image.Width).Data.Span.CopyTo(result.Data.Span[image.Data.Length..]);
        return result;
    }

    /// <summary>
    /// Coordinates that moved with their pixels through <see cref="Augment.Apply"/>(…, <paramref name="kind"/>),
    /// re-expressed in the augmented frame: a horizontal flip negates x, a vertical flip negates y, a transpose swaps
    /// them. The result equals <see cref="Create(int, int)"/> of the augmented full image, cropped like the pixels.
    /// </summary>
    /// <param name="coordinates">The two planes (x, y) after augmentation, e.g. a <see cref="PlanarImage.ChannelView"/>.</param>
    /// <param name="kind">The augmentation that was applied.</param>
    /// <exception cref="ArgumentException">The image does not have exactly two planes.</exception>
    public static PlanarImage ToAugmentedFrame(PlanarImage coordinates, AugmentKind kind)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Channels != Planes)
        {
            throw new ArgumentException($"Coordinates are {Planes} planes (x, y); this image has {coordinates.Channels}.", nameof(coordinates));
        }

        // Augment flips first, then transposes: values flip with the flips, and the planes swap with the transpose.
        bool transpose = kind.HasFlag(AugmentKind.Transpose);
        float signX = kind.HasFlag(AugmentKind.FlipHorizontal) ? -1f : 1f, signY = kind.HasFlag(AugmentKind.FlipVertical) ? -1f : 1f;
        var result = new PlanarImage(Planes, coordinates.Height, coordinates.Width);
        Copy(coordinates.Plane(0), result.Plane(transpose ? 1 : 0), signX);
        Copy(coordinates.Plane(1), result.Plane(transpose ? 0 : 1), signY);
        return result;
    }

    private static void Copy(ReadOnlySpan<float> source, Span<float> target, float sign) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(source, sign, target);
}
