using System.Buffers;

namespace Downscale.Core.Resampling;

/// <summary>A work item of a parallel loop, with its worker's pinned scratch buffer.</summary>
internal unsafe delegate void ScratchItem(int item, float* scratch);

/// <summary>Parallel loops whose workers each rent one scratch buffer for all their items.</summary>
internal static unsafe class Workers
{
    /// <summary>
    /// Runs <paramref name="body"/> for items [0, <paramref name="count"/>) on up to <paramref name="degree"/> threads.
    /// Each worker rents <paramref name="scratchLength"/> floats once and returns them when it finishes.
    /// </summary>
    public static void ForEach(int count, int degree, int scratchLength, ScratchItem body)
    {
        if (degree <= 1 || count <= 1)
        {
            float[] scratch = ArrayPool<float>.Shared.Rent(scratchLength);
            try
            {
                fixed (float* p = scratch)
                {
                    for (int i = 0; i < count; i++)
                    {
                        body(i, p);
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }

            return;
        }

        Parallel.For(
            0,
            count,
            new ParallelOptions { MaxDegreeOfParallelism = degree },
            () => ArrayPool<float>.Shared.Rent(scratchLength),
            (i, _, scratch) =>
            {
                fixed (float* p = scratch)
                {
                    body(i, p);
                }

                return scratch;
            },
            scratch => ArrayPool<float>.Shared.Return(scratch));
    }
}
