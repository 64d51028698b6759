namespace Downscale.Core.Imaging;

/// <summary>An RGB colour with components in [0, 1], used as the background that alpha is composited over.</summary>
/// <param name="R">Red, in [0, 1].</param>
/// <param name="G">Green, in [0, 1].</param>
/// <param name="B">Blue, in [0, 1].</param>
public readonly record struct RgbColor(float R, float G, float B)
{
    /// <summary>White (1, 1, 1).</summary>
    public static RgbColor White => new(1f, 1f, 1f);

    /// <summary>Black (0, 0, 0).</summary>
    public static RgbColor Black => new(0f, 0f, 0f);

    /// <summary>The BT.601 luma <c>0.299 R + 0.587 G + 0.114 B</c>: the background used when a gray image stays gray.</summary>
    public float Luma => (0.299f * R) + (0.587f * G) + (0.114f * B);

    /// <summary>True when every component is a number in [0, 1].</summary>
    public bool IsInUnitRange => InUnit(R) && InUnit(G) && InUnit(B);

    private static bool InUnit(float value) => value is >= 0f and <= 1f;
}
