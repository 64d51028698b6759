namespace Downscale.Core.Imaging.Codecs;

/// <summary>
/// Interleaved 8 or 16-bit samples that libvips decoded into native memory; owns that memory and frees it on
/// <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class DecodedImage : IDisposable
{
    private nint pixels;

    /// <summary>Takes ownership of <paramref name="pixels"/>, allocated by libvips.</summary>
    public DecodedImage(nint pixels, int width, int height, int channels, int bitDepth)
    {
        this.pixels = pixels;
        Width = width;
        Height = height;
        Channels = channels;
        BitDepth = bitDepth;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Interleaved channels (1 to 4).</summary>
    public int Channels { get; }

    /// <summary>8 or 16.</summary>
    public int BitDepth { get; }

    /// <summary>Width x height x channels.</summary>
    public long SampleCount => (long)Width * Height * Channels;

    /// <summary>Fills <paramref name="destination"/>: plane <c>p</c> takes channel <c>planeSources[p]</c>, scaled to [0, 1].</summary>
    public void CopyTo(PlanarImage destination, ReadOnlySpan<int> planeSources)
    {
        ObjectDisposedException.ThrowIf(pixels == 0, this);
        if (destination.Width != Width || destination.Height != Height)
        {
            throw new ArgumentException($"The destination is {destination.Width}x{destination.Height}; the decoded image is {Width}x{Height}.", nameof(destination));
        }

        if (BitDepth == 16)
        {
            PixelConversion.Deinterleave((ushort*)pixels, Channels, planeSources, destination);
        }
        else
        {
            PixelConversion.Deinterleave((byte*)pixels, Channels, planeSources, destination);
        }
    }

    /// <summary>Frees the native samples.</summary>
    public void Dispose()
    {
        if (pixels != 0)
        {
            NetVips.NetVips.Free(pixels);
            pixels = 0;
        }
    }
}
