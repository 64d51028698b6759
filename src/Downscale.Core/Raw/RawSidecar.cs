using System.Text.Json;

namespace Downscale.Core.Raw;

/// <summary>Maps raw protocol sidecars (JSON) to <see cref="RawMetadata"/> and back.</summary>
internal static class RawSidecar
{
    /// <summary>Parses sidecar JSON; <paramref name="source"/> names the file in error messages.</summary>
    /// <exception cref="InvalidDataException">Malformed JSON, a missing required field or a value out of range.</exception>
    public static (RawMetadata Metadata, CfaPattern Pattern) Parse(ReadOnlySpan<byte> json, string source)
    {
        RawSidecarDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize(json, RawSidecarJsonContext.Default.RawSidecarDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"RAW sidecar '{source}' is not valid JSON for the raw protocol: {e.Message}", e);
        }

        if (doc is null)
        {
            throw new InvalidDataException($"RAW sidecar '{source}' holds JSON null instead of an object.");
        }

        CfaPattern pattern;
        try
        {
            pattern = CfaPatterns.Parse(Require(doc.CfaPattern, "cfa_pattern", source));
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"RAW sidecar '{source}': {e.Message}", e);
        }

        var gains = Require(doc.WbGains, "wb_gains", source);
        var metadata = new RawMetadata
        {
            WhiteBalance = new WhiteBalanceGains(gains.Red, gains.Green, gains.Blue),
            XyzToCam = Matrix(doc.XyzToCam, "xyz2cam", source),
            RgbToXyz = Matrix(doc.RgbToXyz, "rgb2xyz", source) ?? ColorMatrix3x3.SrgbToXyz,
            RgbToCam = Matrix(doc.RgbToCam, "rgb2cam", source),
            CamToRgb = Matrix(Require(doc.CamToRgb, "cam2rgb", source), "cam2rgb", source)!,
            BlackLevel = Require(doc.BlackLevel, "black_level", source),
            WhiteLevel = Require(doc.WhiteLevel, "white_level", source),
            BitDepth = doc.BitDepth ?? 16,
            Scale = doc.Scale ?? 1,
            HrSize = Size(doc.HrSize, "hr_size", source),
            LrSize = Size(doc.LrSize, "lr_size", source),
            HrRegion = Size(doc.HrRegion, "hr_region", source),
            ScaleActual = ScalePair(doc.ScaleActual, source),
            Noise = doc.Noise is { } n ? new RawNoiseParameters(n.Shot, n.ReadStd, n.Seed, n.Variance) : null,
            Generator = doc.Generator,
            ImageName = doc.Image,
            SetName = doc.Set,
            Kind = doc.Kind,
            Isp = doc.Isp,
            AdditionalFields = doc.Extra,
        };
        try
        {
            metadata.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"RAW sidecar '{source}': {e.Message}", e);
        }

        return (metadata, pattern);
    }

    /// <summary>Serialises metadata and pattern to sidecar JSON (UTF-8).</summary>
    public static byte[] Serialize(RawMetadata metadata, CfaPattern pattern)
    {
        var doc = new RawSidecarDocument
        {
            BitDepth = metadata.BitDepth,
            BlackLevel = metadata.BlackLevel,
            CamToRgb = metadata.CamToRgb.ToRows(),
            CfaPattern = pattern.ToName(),
            Generator = metadata.Generator,
            HrRegion = ToArray(metadata.HrRegion),
            HrSize = ToArray(metadata.HrSize),
            Image = metadata.ImageName,
            Isp = metadata.Isp,
            Kind = metadata.Kind,
            LrSize = ToArray(metadata.LrSize),
            Noise = metadata.Noise is { } n
                ? new RawSidecarDocument.NoiseDocument { Shot = n.Shot, ReadStd = n.ReadStd, Seed = n.Seed, Variance = n.Variance }
                : null,
            RgbToCam = metadata.RgbToCam?.ToRows(),
            RgbToXyz = metadata.RgbToXyz.ToRows(),
            Scale = metadata.Scale,
            ScaleActual = metadata.ScaleActual is { } s ? [s.Vertical, s.Horizontal] : null,
            Set = metadata.SetName,
            WbGains = new RawSidecarDocument.GainsDocument
            {
                Red = metadata.WhiteBalance.Red,
                Green = metadata.WhiteBalance.Green,
                Blue = metadata.WhiteBalance.Blue,
            },
            WhiteLevel = metadata.WhiteLevel,
            XyzToCam = metadata.XyzToCam?.ToRows(),
            Extra = metadata.AdditionalFields?.ToDictionary(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(doc, RawSidecarJsonContext.Default.RawSidecarDocument);
    }

    private static T Require<T>(T? value, string field, string source)
        where T : class =>
        value ?? throw new InvalidDataException($"RAW sidecar '{source}' lacks the required field '{field}'.");

    private static double Require(double? value, string field, string source) =>
        value ?? throw new InvalidDataException($"RAW sidecar '{source}' lacks the required field '{field}'.");

    private static ColorMatrix3x3? Matrix(double[][]? rows, string field, string source)
    {
        if (rows is null)
        {
            return null;
        }

        try
        {
            return ColorMatrix3x3.FromRows(rows);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"RAW sidecar '{source}': '{field}' is not a 3x3 matrix of numbers ({e.Message}).", e);
        }
    }

    private static FrameSize? Size(int[]? values, string field, string source)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Length != 2 || values[0] <= 0 || values[1] <= 0)
        {
            throw new InvalidDataException($"RAW sidecar '{source}': '{field}' must be [height, width] with positive values.");
        }

        return new FrameSize(values[0], values[1]);
    }

    private static FrameScale? ScalePair(double[]? values, string source)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Length != 2)
        {
            throw new InvalidDataException($"RAW sidecar '{source}': 'scale_actual' must be [vertical, horizontal].");
        }

        return new FrameScale(values[0], values[1]);
    }

    private static int[]? ToArray(FrameSize? size) => size is { } s ? [s.Height, s.Width] : null;
}
