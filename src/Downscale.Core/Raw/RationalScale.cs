using System.Globalization;

namespace Downscale.Core.Raw;

/// <summary>
/// A downscaling factor as a reduced fraction <c>m/n</c> with m &gt; n &gt;= 1: every m input pixels become n output
/// pixels (1.3 is 13/10, 2 is 2/1). The RAW wavelet model's LASDM works with exactly these two integers
/// (PixelUnshuffle(m), PixelShuffle(n)).
/// </summary>
public readonly record struct RationalScale
{
    /// <summary>The largest numerator accepted: PixelUnshuffle(m) multiplies the channels by m squared.</summary>
    public const int MaxInput = 64;

    /// <summary>The scale <paramref name="input"/>/<paramref name="output"/>, reduced.</summary>
    /// <param name="input">m, input pixels per group.</param>
    /// <param name="output">n, output pixels per group.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not a downscale (m &lt;= n), n &lt; 1, or m &gt; <see cref="MaxInput"/> after reduction.</exception>
    public RationalScale(int input, int output)
    {
        if (output < 1 || input <= output)
        {
            throw new ArgumentOutOfRangeException(
                nameof(input), $"A downscaling factor m/n needs m > n >= 1, got {input}/{output}.");
        }

        int divisor = Gcd(input, output);
        Input = input / divisor;
        Output = output / divisor;
        if (Input > MaxInput)
        {
            throw new ArgumentOutOfRangeException(
                nameof(input), $"{Input}/{Output} has a numerator above {MaxInput}; use a simpler fraction (1.3 is 13/10).");
        }
    }

    /// <summary>m: input pixels per group (the numerator).</summary>
    public int Input { get; }

    /// <summary>n: output pixels per group (the denominator).</summary>
    public int Output { get; }

    /// <summary>m / n, the factor by which each side shrinks.</summary>
    public double Factor => (double)Input / Output;

    /// <summary>True for 2, 3, 4, ... (n = 1).</summary>
    public bool IsInteger => Output == 1;

    /// <summary>The simplest fraction m/n (n up to 64) equal to <paramref name="factor"/> within 1e-9: 1.3 gives 13/10, 2.5 gives 5/2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite, not above 1, or no such fraction.</exception>
    public static RationalScale FromFactor(double factor)
    {
        if (!double.IsFinite(factor) || factor <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "A downscaling factor must be a finite number above 1 (1.3, 2, 4).");
        }

        for (int n = 1; n <= MaxInput; n++)
        {
            double m = Math.Round(factor * n);
            if (Math.Abs((m / n) - factor) < 1e-9 && m <= MaxInput)
            {
                return new RationalScale((int)m, n);
            }
        }

        throw new ArgumentOutOfRangeException(
            nameof(factor), factor, $"{factor} is not a fraction m/n with m <= {MaxInput}; give it as one (e.g. \"13/10\").");
    }

    /// <summary>Parses <c>"13/10"</c>, <c>"1.3"</c> or <c>"2"</c> (invariant culture).</summary>
    /// <exception cref="FormatException">Not a number or a fraction of two integers.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Not a valid downscaling factor.</exception>
    public static RationalScale Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (int.TryParse(text.AsSpan(0, slash), NumberStyles.Integer, CultureInfo.InvariantCulture, out int m)
                && int.TryParse(text.AsSpan(slash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
            {
                return new RationalScale(m, n);
            }
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor))
        {
            return FromFactor(factor);
        }

        throw new FormatException($"'{text}' is not a scale: write a number (1.3, 2) or a fraction m/n (13/10).");
    }

    /// <summary><c>"13/10"</c>, or <c>"2"</c> for an integer scale; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() =>
        IsInteger ? Input.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Input}/{Output}");

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
