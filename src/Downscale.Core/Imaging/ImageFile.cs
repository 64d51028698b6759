using SkiaSharp;

namespace Downscale.Core.Imaging;

/// <summary>
/// Reads and writes image files as <see cref="PlanarImage"/>s.
/// </summary>
/// <remarks>
/// First cut (Foundation): 8-bit RGB through SkiaSharp. The Imaging core issue replaces it with the measured codec
/// choice, 16-bit support, EXIF orientation, alpha/gray rules and hardened error handling.
/// </remarks>
public static class ImageFile
{
    /// <summary>Decodes an image file to a 3-channel RGB image with values in [0, 1].</summary>
    public static PlanarImage Read(string path)
    {
        using var bitmap = SKBitmap.Decode(path)
            ?? throw new InvalidDataException($"'{path}' could not be decoded as an image.");
        using var rgba = bitmap.ColorType == SKColorType.Rgba8888 ? null : bitmap.Copy(SKColorType.Rgba8888);
        SKBitmap source = rgba ?? bitmap;
        var image = new PlanarImage(3, source.Height, source.Width);
        ReadOnlySpan<byte> pixels = source.GetPixelSpan();
        Span<float> all = image.Data.Span;
        int plane = image.PlaneLength;
        for (int i = 0; i < plane; i++)
        {
            all[i] = pixels[(4 * i) + 0] / 255f;
            all[plane + i] = pixels[(4 * i) + 1] / 255f;
            all[(2 * plane) + i] = pixels[(4 * i) + 2] / 255f;
        }

        return image;
    }

    /// <summary>Encodes a 3-channel image as an 8-bit PNG (values clamped to [0, 1], rounded half up), atomically.</summary>
    public static void WritePng(string path, PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        byte[] pixels = new byte[image.PlaneLength * 4];
        ReadOnlySpan<float> all = image.Data.Span;
        int plane = image.PlaneLength;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                float v = all[(Math.Min(c, image.Channels - 1) * plane) + i];
                pixels[(4 * i) + c] = (byte)Math.Clamp(MathF.Floor((v * 255f) + 0.5f), 0f, 255f);
            }

            pixels[(4 * i) + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        IO.AtomicFile.Write(path, data.SaveTo);
    }
}
