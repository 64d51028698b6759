namespace Downscale.Core.Imaging;

/// <summary>
/// A float32 image in planar CHW layout (channel-major, then rows, then columns), values nominally in [0, 1].
/// This is the form the models see: plane <c>c</c> starts at <c>c * Height * Width</c>.
/// </summary>
/// <remarks>
/// The pixels live in a <see cref="Memory{T}"/>, so an image can be a zero-copy view over another buffer
/// (see <see cref="ChannelView"/> and <see cref="Wrap"/>). Views share storage with their source: writes are visible
/// through both. The type does no clamping; producers and encoders decide what to do with values outside [0, 1].
/// </remarks>
public sealed class PlanarImage
{
    /// <summary>Creates a zero-filled image.</summary>
    /// <param name="channels">Number of planes (1 for gray, 3 for RGB, 4 for packed RAW or RGBA).</param>
    /// <param name="height">Rows per plane.</param>
    /// <param name="width">Columns per row.</param>
    public PlanarImage(int channels, int height, int width)
        : this(new float[CheckedLength(channels, height, width)], channels, height, width)
    {
    }

    private PlanarImage(Memory<float> data, int channels, int height, int width)
    {
        Data = data;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>Number of planes.</summary>
    public int Channels { get; }

    /// <summary>Rows per plane.</summary>
    public int Height { get; }

    /// <summary>Columns per row.</summary>
    public int Width { get; }

    /// <summary>Elements per plane (<see cref="Height"/> x <see cref="Width"/>).</summary>
    public int PlaneLength => Height * Width;

    /// <summary>All pixels, plane after plane, row-major within a plane.</summary>
    public Memory<float> Data { get; }

    /// <summary>Wraps an existing CHW buffer without copying. Its length must be exactly channels x height x width.</summary>
    /// <exception cref="ArgumentException">The buffer length does not match the shape.</exception>
    public static PlanarImage Wrap(Memory<float> data, int channels, int height, int width)
    {
        int length = CheckedLength(channels, height, width);
        if (data.Length != length)
        {
            throw new ArgumentException(
                $"A {channels}x{height}x{width} image needs {length} floats, but the buffer holds {data.Length}.", nameof(data));
        }

        return new PlanarImage(data, channels, height, width);
    }

    /// <summary>The pixels of plane <paramref name="channel"/>.</summary>
    public Span<float> Plane(int channel) => Data.Span.Slice(PlaneOffset(channel), PlaneLength);

    /// <summary>Row <paramref name="y"/> of plane <paramref name="channel"/>.</summary>
    public Span<float> Row(int channel, int y)
    {
        if ((uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(y), y, $"Row must be in [0, {Height}).");
        }

        return Data.Span.Slice(PlaneOffset(channel) + (y * Width), Width);
    }

    /// <summary>A zero-copy view of <paramref name="count"/> consecutive planes starting at <paramref name="first"/>.</summary>
    public PlanarImage ChannelView(int first, int count)
    {
        if (first < 0 || count <= 0 || first + count > Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Planes [{first}, {first + count}) are outside [0, {Channels}).");
        }

        return new PlanarImage(Data.Slice(first * PlaneLength, count * PlaneLength), count, Height, Width);
    }

    /// <summary>A copy of the rectangle of <paramref name="height"/> x <paramref name="width"/> pixels at (<paramref name="top"/>, <paramref name="left"/>), every plane.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rectangle is empty or leaves the image.</exception>
    public PlanarImage Crop(int top, int left, int height, int width)
    {
        if (top < 0 || left < 0 || height <= 0 || width <= 0 || top + height > Height || left + width > Width)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"The crop {height}x{width} at ({top}, {left}) leaves the {Height}x{Width} image.");
        }

        var crop = new PlanarImage(Channels, height, width);
        for (int c = 0; c < Channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                Row(c, top + y).Slice(left, width).CopyTo(crop.Row(c, y));
            }
        }

        return crop;
    }

    /// <summary>A deep copy with its own storage.</summary>
    public PlanarImage Clone() => new(Data.ToArray(), Channels, Height, Width);

    /// <summary>True when both images have the same channel count, height and width.</summary>
    public bool SameShape(PlanarImage other) =>
        other.Channels == Channels && other.Height == Height && other.Width == Width;

    /// <inheritdoc />
    public override string ToString() => $"PlanarImage {Channels}x{Height}x{Width}";

    private int PlaneOffset(int channel)
    {
        if ((uint)channel >= (uint)Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"Channel must be in [0, {Channels}).");
        }

        return channel * PlaneLength;
    }

    private static int CheckedLength(int channels, int height, int width)
    {
        if (channels <= 0 || height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(channels), $"An image needs positive dimensions, got {channels}x{height}x{width}.");
        }

        long length = (long)channels * height * width;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(channels), $"A {channels}x{height}x{width} image ({length} floats) exceeds the largest array .NET allows.");
        }

        return (int)length;
    }
}
