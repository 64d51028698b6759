namespace Downscale.Core.Raw;

/// <summary>
/// Per-channel white-balance gains of camera RGB, applied as <c>R *= Red, G *= Green, B *= Blue</c> by the ISP
/// (the raw protocol's <c>wb_gains</c>; green is 1 there).
/// </summary>
/// <param name="Red">Gain of the red channel.</param>
/// <param name="Green">Gain of the green channel.</param>
/// <param name="Blue">Gain of the blue channel.</param>
public readonly record struct WhiteBalanceGains(double Red, double Green, double Blue)
{
    /// <summary>Gains of 1 (no white balance).</summary>
    public static WhiteBalanceGains Neutral => new(1, 1, 1);

    /// <summary>The gain of one colour.</summary>
    public double For(CfaColor color) => color switch
    {
        CfaColor.Red => Red,
        CfaColor.Green => Green,
        CfaColor.Blue => Blue,
        _ => throw new ArgumentOutOfRangeException(nameof(color), color, "Unknown CFA colour."),
    };

    /// <summary>Throws unless all three gains are finite and positive.</summary>
    /// <exception cref="ArgumentException">A gain is zero, negative, NaN or infinite.</exception>
    public void Validate()
    {
        if (!(IsPositive(Red) && IsPositive(Green) && IsPositive(Blue)))
        {
            throw new ArgumentException($"White-balance gains must be finite and positive, got {this}.");
        }
    }

    private static bool IsPositive(double value) => double.IsFinite(value) && value > 0;
}
