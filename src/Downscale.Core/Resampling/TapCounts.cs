namespace Downscale.Core.Resampling;

/// <summary>
/// A tap count known when the JIT compiles a pass (0: only known at run time). Passes take it as a type argument so
/// that short dot products are unrolled without a loop.
/// </summary>
internal interface ITaps
{
    /// <summary>The tap count, or 0 for "read it from the table".</summary>
    static abstract int Count { get; }
}

internal readonly struct TapsAny : ITaps
{
    public static int Count => 0;
}

internal readonly struct Taps1 : ITaps
{
    public static int Count => 1;
}

internal readonly struct Taps2 : ITaps
{
    public static int Count => 2;
}

internal readonly struct Taps3 : ITaps
{
    public static int Count => 3;
}

internal readonly struct Taps4 : ITaps
{
    public static int Count => 4;
}

internal readonly struct Taps5 : ITaps
{
    public static int Count => 5;
}

internal readonly struct Taps6 : ITaps
{
    public static int Count => 6;
}

internal readonly struct Taps7 : ITaps
{
    public static int Count => 7;
}

internal readonly struct Taps8 : ITaps
{
    public static int Count => 8;
}
