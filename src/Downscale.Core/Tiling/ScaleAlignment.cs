using Downscale.Core.Imaging;

namespace Downscale.Core.Tiling;

/// <summary>Applies a <see cref="SizePolicy"/>: brings an HR image to a size that the scale divides.</summary>
public static class ScaleAlignment
{
    /// <summary>The HR size after <paramref name="policy"/>; the LR output is this size divided by <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException">The policy refuses the size (see <see cref="SizePolicy"/>); the message says why and what to choose instead.</exception>
    public static (int Height, int Width) AlignedSize(int height, int width, int scale, SizePolicy policy) =>
        ComputeAlignedSize(height, width, scale, policy, nameof(height));

    /// <summary>
    /// The image after <paramref name="policy"/>: <paramref name="hr"/> itself when the scale already divides it,
    /// otherwise a new, cropped or reflection-padded image.
    /// </summary>
    /// <exception cref="ArgumentException">The policy refuses the size.</exception>
    public static PlanarImage Align(PlanarImage hr, int scale, SizePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(hr);
        (int height, int width) = ComputeAlignedSize(hr.Height, hr.Width, scale, policy, nameof(hr));
        if (height == hr.Height && width == hr.Width)
        {
            return hr;
        }

        var aligned = new PlanarImage(hr.Channels, height, width);
        TileCopy.ReadAligned(hr, aligned, firstChannel: 0, top: 0, left: 0);
        return aligned;
    }

    internal static (int Height, int Width) ComputeAlignedSize(int height, int width, int scale, SizePolicy policy, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (height % scale == 0 && width % scale == 0)
        {
            return (height, width);
        }

        switch (policy)
        {
            case SizePolicy.Crop:
                if (height < scale || width < scale)
                {
                    throw new ArgumentException(
                        $"The {height}x{width} (HxW) image is smaller than the scale {scale}: cropping to a multiple of it leaves nothing.", paramName);
                }

                return (height / scale * scale, width / scale * scale);

            case SizePolicy.ReflectPad:
                int alignedHeight = RoundUp(height, scale);
                int alignedWidth = RoundUp(width, scale);
                int rowsNeeded = alignedHeight - height + 1;
                int columnsNeeded = alignedWidth - width + 1;
                if (height < rowsNeeded || width < columnsNeeded)
                {
                    throw new ArgumentException(
                        $"The {height}x{width} (HxW) image is too small to reflect-pad to {alignedHeight}x{alignedWidth} for scale {scale}: " +
                        $"mirroring needs at least {rowsNeeded}x{columnsNeeded} pixels. Use SizePolicy.Crop or a larger image.", paramName);
                }

                return (alignedHeight, alignedWidth);

            case SizePolicy.Fail:
                throw new ArgumentException(
                    $"The {height}x{width} (HxW) image is not a multiple of the scale {scale}. Set TilingOptions.SizePolicy to " +
                    $"Crop (output {height / scale}x{width / scale}) or ReflectPad (output {RoundUp(height, scale) / scale}x{RoundUp(width, scale) / scale}), " +
                    "or resize the image first.", paramName);

            default:
                throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown size policy.");
        }
    }

    /// <summary>Index of aligned row or column <paramref name="index"/> in a source of <paramref name="length"/>: itself inside, mirrored (without repeating the edge) past the end.</summary>
    internal static int Mirror(int index, int length) => index < length ? index : (2 * (length - 1)) - index;

    private static int RoundUp(int value, int multiple) => checked((value + multiple - 1) / multiple * multiple);
}
