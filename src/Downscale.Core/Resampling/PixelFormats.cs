using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Downscale.Core.Resampling;

/// <summary>
/// How the resampling passes read and write one element type. Static abstract members let the generic passes
/// specialise per format, so the conversions inline into the SIMD loops.
/// </summary>
internal unsafe interface IPixelFormat
{
    /// <summary>Bytes per element.</summary>
    static abstract int Size { get; }

    /// <summary>Eight consecutive elements at <paramref name="p"/> as floats.</summary>
    static abstract Vector256<float> Load8(byte* p);

    /// <summary>One element at <paramref name="p"/> as a float.</summary>
    static abstract float Load1(byte* p);

    /// <summary>Stores eight floats as consecutive elements at <paramref name="p"/>.</summary>
    static abstract void Store8(byte* p, Vector256<float> value);

    /// <summary>Stores one float at <paramref name="p"/>.</summary>
    static abstract void Store1(byte* p, float value);
}

/// <summary>float32 elements, stored as they are.</summary>
internal readonly unsafe struct FloatFormat : IPixelFormat
{
    public static int Size => sizeof(float);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load8(byte* p) => Vector256.Load((float*)p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load1(byte* p) => *(float*)p;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8(byte* p, Vector256<float> value) => value.Store((float*)p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store1(byte* p, float value) => *(float*)p = value;
}

/// <summary>uint8 elements on the 0-255 scale; stores round half up and saturate.</summary>
internal readonly unsafe struct ByteFormat : IPixelFormat
{
    public static int Size => sizeof(byte);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load8(byte* p)
    {
        if (Avx2.IsSupported)
        {
            return Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(p));
        }

        Vector128<ushort> wide = Vector128.WidenLower(Vector128.CreateScalarUnsafe(*(ulong*)p).AsByte());
        return Vector256.ConvertToSingle(Vector256.Create(Vector128.WidenLower(wide), Vector128.WidenUpper(wide)).AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load1(byte* p) => *p;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8(byte* p, Vector256<float> value)
    {
        Vector256<float> rounded = Vector256.Floor(value + Vector256.Create(0.5f));
        Vector256<int> clamped = Vector256.ConvertToInt32Native(Vector256.MinNative(Vector256.MaxNative(rounded, Vector256<float>.Zero), Vector256.Create(255f)));
        Vector128<short> shorts = Vector128.Narrow(clamped.GetLower(), clamped.GetUpper());
        *(ulong*)p = Vector128.Narrow(shorts, shorts).AsUInt64().ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store1(byte* p, float value) => *p = (byte)Math.Clamp(MathF.Floor(value + 0.5f), 0f, 255f);
}
