using Downscale.Core.Imaging;

namespace Downscale.Core.Data;

/// <summary>
/// Decodes pairs (<see cref="ImageFile.Read(string)"/>), checks their sizes, mod-crops the HR, and optionally takes a random
/// aligned patch and a random flip/transpose, identical on both images, from a seeded <see cref="Random"/>.
/// </summary>
/// <remarks>
/// Size rule: the HR must be <c>s</c> times the LR on each axis, or larger by fewer than <c>s</c> pixels (a source
/// that was not mod-cropped); the extra rows and columns are dropped from the bottom and right (top-left is kept).
/// Anything else is an <see cref="InvalidDataException"/> naming both files. Random draws per pair: patch row, patch
/// column (when cropping), then the augmentation (when enabled). One loader is not thread-safe: give each worker its own.
/// </remarks>
public sealed class PairLoader
{
    private readonly PairLoaderOptions _options;
    private readonly Random _random;

    /// <summary>A loader with the given options (whole images, no augmentation, seed 0 when null).</summary>
    public PairLoader(PairLoaderOptions? options = null)
    {
        _options = options ?? new PairLoaderOptions();
        _random = new Random(_options.Seed);
    }

    /// <summary>Decodes, checks and mod-crops a pair, then crops and augments it as the options say.</summary>
    /// <exception cref="FileNotFoundException">An image file is missing.</exception>
    /// <exception cref="InvalidDataException">The sizes do not agree with the scale, or the channel counts differ.</exception>
    /// <exception cref="ArgumentException">The patch is larger than the LR image or not a multiple of the scale.</exception>
    public LoadedPair Load(ImagePair pair)
    {
        LoadedPair loaded = LoadWhole(pair);
        if (_options.HrPatchSize is int patch)
        {
            loaded = AlignedCrop.Random(loaded, patch, _random);
        }

        if (_options.Augment)
        {
            AugmentKind kind = Augment.Draw(_random);
            loaded = loaded with { Hr = Augment.Apply(loaded.Hr, kind), Lr = Augment.Apply(loaded.Lr, kind) };
        }

        return loaded;
    }

    /// <summary>Loads each pair in turn, lazily.</summary>
    public IEnumerable<LoadedPair> LoadAll(IEnumerable<ImagePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return Iterate(pairs);

        IEnumerable<LoadedPair> Iterate(IEnumerable<ImagePair> source)
        {
            foreach (ImagePair pair in source)
            {
                yield return Load(pair);
            }
        }
    }

    /// <summary>Decodes a pair, checks that the HR is the scale times the LR (within a mod-crop), and mod-crops the HR.</summary>
    /// <exception cref="FileNotFoundException">An image file is missing.</exception>
    /// <exception cref="InvalidDataException">The sizes do not agree with the scale, or the channel counts differ.</exception>
    public static LoadedPair LoadWhole(ImagePair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (pair.Scale < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pair), pair.Scale, $"The scale of pair '{pair.Name}' must be at least 1.");
        }

        PlanarImage hr = Read(pair.HrPath, "HR", pair.Name);
        PlanarImage lr = Read(pair.LrPath, "LR", pair.Name);
        return new LoadedPair(pair.Name, ModCrop(hr, lr, pair), lr, pair.Scale);
    }

    private static PlanarImage Read(string path, string role, string name)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {role} image of pair '{name}', '{path}', does not exist.", path);
        }

        return ImageFile.Read(path);
    }

    private static PlanarImage ModCrop(PlanarImage hr, PlanarImage lr, ImagePair pair)
    {
        int s = pair.Scale;
        long extraRows = hr.Height - ((long)s * lr.Height), extraColumns = hr.Width - ((long)s * lr.Width);
        if (extraRows < 0 || extraRows >= s || extraColumns < 0 || extraColumns >= s)
        {
            throw new InvalidDataException(
                $"Pair '{pair.Name}': the HR image '{pair.HrPath}' is {hr.Height}x{hr.Width} (HxW) but the LR image '{pair.LrPath}' is " +
                $"{lr.Height}x{lr.Width}; at scale {s} the HR must be {s * lr.Height}x{s * lr.Width}, or larger by fewer than {s} " +
                "pixels per axis (which are cropped).");
        }

        if (hr.Channels != lr.Channels)
        {
            throw new InvalidDataException(
                $"Pair '{pair.Name}': the HR image '{pair.HrPath}' has {hr.Channels} channels but the LR image '{pair.LrPath}' has {lr.Channels}.");
        }

        return hr.Crop(0, 0, s * lr.Height, s * lr.Width);
    }
}
