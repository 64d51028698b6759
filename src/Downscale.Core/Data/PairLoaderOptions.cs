namespace Downscale.Core.Data;

/// <summary>What <see cref="PairLoader"/> does after decoding and checking a pair.</summary>
public sealed record PairLoaderOptions
{
    /// <summary>Side of a random square HR patch (a multiple of the scale), or null (the default) for whole images.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int? HrPatchSize
    {
        get;
        init
        {
            if (value is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(HrPatchSize), value, "The HR patch size must be positive.");
            }

            field = value;
        }
    }

    /// <summary>Apply a random flip/transpose (<see cref="Augment.Draw"/>), the same to both images. Off by default.</summary>
    public bool Augment { get; init; }

    /// <summary>Seed of the loader's <see cref="System.Random"/>; the same seed and call order give the same crops and augmentations.</summary>
    public int Seed { get; init; }
}
