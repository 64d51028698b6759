namespace Downscale.Torch.Training;

/// <summary>
/// Derives independent, reproducible random streams from (seed, stream, index) with SplitMix64 finalisers, so that a
/// sample depends on its index alone and never on what was drawn before it.
/// </summary>
public static class SampleSeeds
{
    /// <summary>A <see cref="Random"/> for item <paramref name="index"/> of stream <paramref name="stream"/> under <paramref name="seed"/>.</summary>
    /// <remarks><c>new Random(int)</c> is the seeded legacy generator, whose sequence .NET keeps stable across versions.</remarks>
    public static Random Random(int seed, long stream, long index) => new(Derive(seed, stream, index));

    /// <summary>A 31-bit seed mixed from the three numbers.</summary>
    public static int Derive(int seed, long stream, long index)
    {
        ulong h = Mix(unchecked((ulong)seed) ^ 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ unchecked((ulong)stream));
        h = Mix(h ^ unchecked((ulong)index));
        return (int)(h >> 33);
    }

    /// <summary>A uniformly random permutation of 0..count-1 for (seed, stream, index) (Fisher-Yates).</summary>
    public static int[] Permutation(int count, int seed, long stream, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int[] order = Enumerable.Range(0, count).ToArray();
        Random random = Random(seed, stream, index);
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
