using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Downscale.Core.Imaging;

/// <summary>
/// The kernels behind every integer/float pixel conversion: interleaved (HWC) 8- or 16-bit samples to planar float
/// and back, with an arbitrary channel map so that channel reordering (BGRA), gray expansion and alpha dropping cost
/// nothing extra.
/// </summary>
/// <remarks>
/// Integer to float: <c>v / max</c> in float32 (max = 255 or 65535), the correctly rounded quotient, so an 8- or 16-bit
/// round trip is exact. Float to integer: <c>clamp(floor(v * max + 0.5), 0, max)</c> evaluated in float32, that is
/// round half up with saturation; NaN becomes 0. Both directions run a scalar gather or scatter per row and do the
/// arithmetic with <see cref="TensorPrimitives"/> (SIMD).
/// </remarks>
internal static unsafe class PixelConversion
{
    /// <summary>Marks a destination channel that is filled with the full-scale value (opaque alpha) in <see cref="Interleave{T}"/>.</summary>
    public const int Opaque = -1;

    /// <summary>
    /// Fills <paramref name="destination"/> from interleaved samples: plane <c>p</c> takes source channel
    /// <c>planeSources[p]</c>.
    /// </summary>
    public static void Deinterleave<T>(ReadOnlySpan<T> source, int sourceChannels, ReadOnlySpan<int> planeSources, PlanarImage destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        CheckMap(planeSources, destination.Channels, sourceChannels, allowOpaque: false);
        CheckLength(source.Length, destination, sourceChannels);
        fixed (T* pointer = source)
        {
            Deinterleave(pointer, sourceChannels, planeSources, destination);
        }
    }

    /// <summary>As <see cref="Deinterleave{T}(ReadOnlySpan{T}, int, ReadOnlySpan{int}, PlanarImage)"/>, over native memory of exactly H x W x sourceChannels samples.</summary>
    public static void Deinterleave<T>(T* source, int sourceChannels, ReadOnlySpan<int> planeSources, PlanarImage destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        CheckMap(planeSources, destination.Channels, sourceChannels, allowOpaque: false);
        int[] map = planeSources.ToArray();
        int width = destination.Width;
        int plane = destination.PlaneLength;
        float scale = float.CreateTruncating(T.AllBitsSet);
        nint address = (nint)source;
        Memory<float> data = destination.Data;
        RowParallel.For(destination.Height, (long)width * map.Length, (start, end) =>
        {
            Span<float> all = data.Span;
            for (int y = start; y < end; y++)
            {
                T* row = (T*)address + ((long)y * width * sourceChannels);
                for (int p = 0; p < map.Length; p++)
                {
                    Span<float> target = all.Slice((p * plane) + (y * width), width);
                    T* sample = row + map[p];
                    for (int x = 0; x < target.Length; x++)
                    {
                        target[x] = float.CreateTruncating(sample[(long)x * sourceChannels]);
                    }

                    TensorPrimitives.Divide(target, scale, target);
                }
            }
        });
    }

    /// <summary>
    /// Writes <paramref name="source"/> as interleaved samples: destination channel <c>k</c> takes plane
    /// <c>channelPlanes[k]</c>, or the full-scale value where it is <see cref="Opaque"/>.
    /// </summary>
    public static void Interleave<T>(PlanarImage source, ReadOnlySpan<int> channelPlanes, Span<T> destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        CheckMap(channelPlanes, channelPlanes.Length, source.Channels, allowOpaque: true);
        CheckLength(destination.Length, source, channelPlanes.Length);
        int[] map = channelPlanes.ToArray();
        int channels = map.Length;
        int width = source.Width;
        int plane = source.PlaneLength;
        T full = T.AllBitsSet;
        float scale = float.CreateTruncating(full);
        ReadOnlyMemory<float> data = source.Data;
        fixed (T* pointer = destination)
        {
            nint address = (nint)pointer;
            RowParallel.For(source.Height, (long)width * channels, (start, end) =>
            {
                ReadOnlySpan<float> all = data.Span;
                float[] rented = ArrayPool<float>.Shared.Rent(width);
                try
                {
                    Span<float> quantized = rented.AsSpan(0, width);
                    for (int y = start; y < end; y++)
                    {
                        T* row = (T*)address + ((long)y * width * channels);
                        for (int k = 0; k < channels; k++)
                        {
                            T* sample = row + k;
                            if (map[k] == Opaque)
                            {
                                for (int x = 0; x < width; x++)
                                {
                                    sample[(long)x * channels] = full;
                                }

                                continue;
                            }

                            Quantize(all.Slice((map[k] * plane) + (y * width), width), scale, quantized);
                            for (int x = 0; x < width; x++)
                            {
                                sample[(long)x * channels] = T.CreateTruncating(quantized[x]);
                            }
                        }
                    }
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(rented);
                }
            });
        }
    }

    /// <summary>
    /// <c>clamp(floor(v * scale + 0.5), 0, scale)</c> in float32, NaN to 0: the documented rounding rule.
    /// Multiply and add stay separate operations (no fused multiply-add) so the result matches the scalar formula bit for bit.
    /// </summary>
    public static void Quantize(ReadOnlySpan<float> values, float scale, Span<float> destination)
    {
        TensorPrimitives.Multiply(values, scale, destination);
        TensorPrimitives.Add(destination, 0.5f, destination);
        TensorPrimitives.Floor(destination, destination);
        TensorPrimitives.MaxNumber(destination, 0f, destination); // MaxNumber, unlike Max, maps NaN to 0.
        TensorPrimitives.Min(destination, scale, destination);
    }

    private static void CheckMap(ReadOnlySpan<int> map, int expectedLength, int available, bool allowOpaque)
    {
        if (map.Length != expectedLength)
        {
            throw new ArgumentException($"The channel map has {map.Length} entries; {expectedLength} are needed.", nameof(map));
        }

        foreach (int index in map)
        {
            if ((uint)index >= (uint)available && !(allowOpaque && index == Opaque))
            {
                throw new ArgumentOutOfRangeException(nameof(map), index, $"Channel map entries must be in [0, {available}).");
            }
        }
    }

    private static void CheckLength(int length, PlanarImage image, int channels)
    {
        long needed = (long)image.PlaneLength * channels;
        if (length != needed)
        {
            throw new ArgumentException(
                $"A {image.Height}x{image.Width} image with {channels} interleaved channels needs {needed} samples, but the buffer holds {length}.");
        }
    }
}
