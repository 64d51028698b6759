using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>
/// A Bayer RAW frame: a normalised mosaic (1 x H x W, 0 = black level, 1 = white level), its CFA pattern and its
/// metadata. Produced by <see cref="RawProtocolFile"/> and <see cref="CameraRawFile"/>.
/// </summary>
public sealed class RawFrame
{
    /// <summary>Creates a frame.</summary>
    /// <param name="mosaic">The normalised mosaic: one channel, even height and width.</param>
    /// <param name="pattern">The CFA pattern of the mosaic's top-left 2x2 block.</param>
    /// <param name="metadata">Levels, white balance and colour matrices.</param>
    /// <exception cref="ArgumentException">The mosaic is not 1-channel or has an odd size.</exception>
    public RawFrame(PlanarImage mosaic, CfaPattern pattern, RawMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(mosaic);
        ArgumentNullException.ThrowIfNull(metadata);
        if (mosaic.Channels != 1)
        {
            throw new ArgumentException($"A RAW frame holds a 1-channel mosaic, got {mosaic.Channels} channels.", nameof(mosaic));
        }

        BayerPacking.RequireEvenSize(mosaic.Height, mosaic.Width, nameof(mosaic));
        _ = CfaPatterns.ToName(pattern);
        Mosaic = mosaic;
        Pattern = pattern;
        Metadata = metadata;
    }

    /// <summary>The normalised mosaic (1 x H x W).</summary>
    public PlanarImage Mosaic { get; }

    /// <summary>The CFA pattern.</summary>
    public CfaPattern Pattern { get; }

    /// <summary>Levels, white balance, colour matrices and protocol fields.</summary>
    public RawMetadata Metadata { get; }

    /// <summary>Mosaic height.</summary>
    public int Height => Mosaic.Height;

    /// <summary>Mosaic width.</summary>
    public int Width => Mosaic.Width;

    /// <summary>The mosaic packed to 4 x H/2 x W/2 planes [R, G1, G2, B] (see <see cref="BayerPacking"/>).</summary>
    public PlanarImage Pack() => BayerPacking.Pack(Mosaic, Pattern);

    /// <inheritdoc />
    public override string ToString() => $"RawFrame {Pattern.ToName()} {Height}x{Width}";
}
