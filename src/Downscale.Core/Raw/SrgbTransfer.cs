namespace Downscale.Core.Raw;

/// <summary>The sRGB transfer functions (IEC 61966-2-1) and the raw protocol's tone curve, in float64.</summary>
internal static class SrgbTransfer
{
    /// <summary>Linear light to sRGB-encoded (OETF).</summary>
    public static double Encode(double x) => x <= 0.0031308 ? 12.92 * x : (1.055 * Math.Pow(x, 1 / 2.4)) - 0.055;

    /// <summary>sRGB-encoded to linear light (EOTF).</summary>
    public static double Decode(double y) => y <= 0.04045 ? y / 12.92 : Math.Pow((y + 0.055) / 1.055, 2.4);

    /// <summary>The ISP's tone curve, smoothstep <c>3y² − 2y³</c>.</summary>
    public static double ToneCurve(double y) => y * y * (3 - (2 * y));

    /// <summary>The inverse of <see cref="ToneCurve"/> on [0, 1]: <c>0.5 − sin(asin(1 − 2y) / 3)</c>.</summary>
    public static double InverseToneCurve(double y) => 0.5 - Math.Sin(Math.Asin(1 - (2 * y)) / 3);
}
