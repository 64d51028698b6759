using System.Globalization;

namespace Downscale.Core.Imaging;

/// <summary>
/// An image's header declares more pixels than <see cref="ImageReadOptions.MaxPixels"/> allows. Raised from the
/// header alone, before any pixel is decoded or allocated.
/// </summary>
public sealed class ImageTooLargeException : ImageFormatException
{
    /// <summary>Creates the exception for an image of <paramref name="width"/> x <paramref name="height"/> over <paramref name="maxPixels"/>.</summary>
    public ImageTooLargeException(string path, int width, int height, long maxPixels)
        : base(path, string.Create(
            CultureInfo.InvariantCulture,
            $"{width}x{height} = {(long)width * height} pixels exceeds the limit of {maxPixels} (raise ImageReadOptions.MaxPixels if the file is trusted)."))
    {
        Width = width;
        Height = height;
        MaxPixels = maxPixels;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ImageTooLargeException()
        : base()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ImageTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ImageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The width the header declares.</summary>
    public int Width { get; }

    /// <summary>The height the header declares.</summary>
    public int Height { get; }

    /// <summary>The limit that was exceeded.</summary>
    public long MaxPixels { get; }
}
