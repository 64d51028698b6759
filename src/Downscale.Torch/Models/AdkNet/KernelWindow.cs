namespace Downscale.Torch.Models.AdkNet;

/// <summary>
/// Which HR pixels the taps of an ADK-Net kernel read (section III-F), along one axis; rows and columns use the same
/// rule. For LR index <c>x</c>, tap <c>j</c> in <c>[0, k)</c> reads HR index
/// <code>x * s + Offset + j,   Offset = floor((s - k) / 2),</code>
/// reflected at the borders as PyTorch's <c>ReflectionPad2d</c> does (the edge pixel is not repeated: -1 reads 1).
/// Tap <c>(i, j)</c> of the flattened kernel is channel <c>i * k + j</c>, row tap i, column tap j.
/// </summary>
/// <remarks>
/// The paper projects LR pixel x to the HR centre <c>u = (x + 0.5) s - 0.5</c>. The window's centre is
/// <c>x s + Offset + (k - 1) / 2</c>, so it equals u exactly when k and s have the same parity, and lies half an HR
/// pixel before u (up, or left) otherwise: the paper's odd <c>k = 2s + 1</c> centres for odd s but not for even s,
/// where <c>k = 2s + 2</c> does. Examples (x = 0): s = 2, k = 5 reads -2..2 (centre 0, u = 0.5); s = 2, k = 6 reads
/// -2..3 (centre 0.5); s = 3, k = 7 reads -2..4 (centre 1 = u); s = 4, k = 9 reads -3..5 (centre 1, u = 1.5).
/// </remarks>
public readonly record struct KernelWindow
{
    /// <summary>Creates the window of a <paramref name="size"/>-tap kernel at scale <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is less than 1.</exception>
    public KernelWindow(int scale, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Scale = scale;
        Size = size;
    }

    /// <summary>The integer scale s.</summary>
    public int Scale { get; }

    /// <summary>The kernel side k.</summary>
    public int Size { get; }

    /// <summary><c>floor((s - k) / 2)</c>: the first tap of LR index x reads HR index <c>x s + Offset</c>.</summary>
    public int Offset => (int)Math.Floor((Scale - Size) / 2.0);

    /// <summary>HR pixels of reflection padding needed before index 0.</summary>
    public int PadBefore => Math.Max(0, -Offset);

    /// <summary>HR pixels of reflection padding needed after the last index (for an HR length that is a multiple of s).</summary>
    public int PadAfter => Math.Max(0, Offset + Size - Scale);

    /// <summary>The window centre minus the projected centre u: 0 when k and s have the same parity, otherwise -0.5.</summary>
    public double CentreShift => Offset + ((Size - 1) / 2.0) - ((Scale - 1) / 2.0);

    /// <summary>True when the window centres exactly on u (k and s have the same parity).</summary>
    public bool IsCentred => (Size - Scale) % 2 == 0;

    /// <summary>The HR index that tap 0 of LR index <paramref name="lrIndex"/> reads before reflection.</summary>
    public int Start(int lrIndex) => (lrIndex * Scale) + Offset;

    /// <summary>The HR index in <c>[0, hrLength)</c> that tap <paramref name="tap"/> of LR index <paramref name="lrIndex"/> reads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tap is outside <c>[0, k)</c> or the length is less than 2.</exception>
    public int Source(int lrIndex, int tap, int hrLength)
    {
        if ((uint)tap >= (uint)Size)
        {
            throw new ArgumentOutOfRangeException(nameof(tap), tap, $"A tap index lies in [0, {Size}).");
        }

        return Reflect(Start(lrIndex) + tap, hrLength);
    }

    /// <summary>Reflects an index into <c>[0, length)</c> without repeating the edge (…, 2, 1, [0, 1, …, n-1], n-2, …).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 2.</exception>
    public static int Reflect(int index, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        int period = 2 * (length - 1);
        int folded = ((index % period) + period) % period;
        return folded < length ? folded : period - folded;
    }
}
