using Downscale.Core.Data;
using Downscale.Core.Imaging;

namespace Downscale.Torch.Training;

/// <summary>
/// A decoded, checked and prepared image set: HR images (mod-cropped, with the <see cref="PairSamplingOptions.PrepareHr"/>
/// planes appended) and their LR images when the set is paired. Kept in memory while it fits the budget, decoded on
/// every access beyond it. Thread-safe.
/// </summary>
internal sealed class PreparedPairs
{
    private readonly Func<int, PreparedPair> _load;
    private readonly PreparedPair[]? _cache;

    private PreparedPairs(int count, Func<int, PreparedPair> load, PreparedPair[]? cache, IReadOnlyList<string> names)
    {
        Count = count;
        _load = load;
        _cache = cache;
        Names = names;
    }

    /// <summary>Number of images or pairs.</summary>
    public int Count { get; }

    /// <summary>Names of the pairs, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>True when every pair is held in memory.</summary>
    public bool IsCached => _cache != null;

    /// <summary>Pair <paramref name="index"/>.</summary>
    public PreparedPair this[int index] => _cache is { } cache ? cache[index] : _load(index);

    /// <summary>Pairs decoded from files (<see cref="PairLoader.LoadWhole"/>), cached while they fit the budget.</summary>
    public static PreparedPairs FromFiles(IReadOnlyList<ImagePair> pairs, PairSamplingOptions options) =>
        Create(pairs.Count, i => Prepare(PairLoader.LoadWhole(pairs[i]), options), [.. pairs.Select(p => p.Name)], options);

    /// <summary>HR images alone, mod-cropped to multiples of <paramref name="scale"/>.</summary>
    public static PreparedPairs FromHrFiles(IReadOnlyList<string> paths, int scale, PairSamplingOptions options) =>
        Create(
            paths.Count,
            i => Prepare(ModCrop(ImageFile.Read(paths[i]), scale, paths[i]), null, scale, Path.GetFileNameWithoutExtension(paths[i]), options),
            [.. paths.Select(Path.GetFileNameWithoutExtension).Select(n => n ?? string.Empty)],
            options);

    /// <summary>Pairs already in memory (always cached).</summary>
    public static PreparedPairs FromLoaded(IReadOnlyList<LoadedPair> pairs, PairSamplingOptions options)
    {
        var cache = pairs.Select(p => Prepare(p, options)).ToArray();
        return new PreparedPairs(cache.Length, i => cache[i], cache, [.. pairs.Select(p => p.Name)]);
    }

    private static PreparedPairs Create(int count, Func<int, PreparedPair> load, IReadOnlyList<string> names, PairSamplingOptions options)
    {
        if (count == 0)
        {
            throw new ArgumentException("The image set is empty.", nameof(count));
        }

        var cache = new PreparedPair[count];
        long bytes = 0;
        for (int i = 0; i < count; i++)
        {
            cache[i] = load(i);
            bytes += cache[i].Bytes;
            if (bytes > options.MaxCachedBytes)
            {
                // Too big for memory: each access decodes again (the files were all checked up to here).
                return new PreparedPairs(count, load, null, names);
            }
        }

        return new PreparedPairs(count, load, cache, names);
    }

    private static PreparedPair Prepare(LoadedPair pair, PairSamplingOptions options) =>
        Prepare(pair.Hr, pair.Lr, pair.Scale, pair.Name, options);

    private static PreparedPair Prepare(PlanarImage hr, PlanarImage? lr, int scale, string name, PairSamplingOptions options)
    {
        PlanarImage input = hr;
        if (options.PrepareHr is { } prepare)
        {
            input = prepare(hr) ?? throw new InvalidOperationException($"PrepareHr returned null for '{name}'.");
            if (input.Height != hr.Height || input.Width != hr.Width || input.Channels < hr.Channels)
            {
                throw new InvalidOperationException(
                    $"PrepareHr must return an image of the HR size whose first planes are the HR image; for '{name}' it turned {hr} into {input}.");
            }
        }

        if (options.FieldCoordinates)
        {
            input = FieldCoordinates.Append(input);
        }

        return new PreparedPair(name, input, hr.Channels, lr, scale);
    }

    private static PlanarImage ModCrop(PlanarImage hr, int scale, string path)
    {
        int height = hr.Height / scale * scale, width = hr.Width / scale * scale;
        if (height == 0 || width == 0)
        {
            throw new InvalidDataException($"The HR image '{path}' ({hr.Height}x{hr.Width}) is smaller than the scale {scale}.");
        }

        return height == hr.Height && width == hr.Width ? hr : PlanarRegion.Copy(hr, 0, 0, height, width);
    }
}

/// <summary>One prepared image or pair.</summary>
/// <param name="Name">The pair's name.</param>
/// <param name="Input">The HR image with any prepared planes appended.</param>
/// <param name="HrPlanes">How many of the first planes of <paramref name="Input"/> are the HR image.</param>
/// <param name="Lr">The LR image, or null for an HR-only set.</param>
/// <param name="Scale">The integer scale.</param>
internal sealed record PreparedPair(string Name, PlanarImage Input, int HrPlanes, PlanarImage? Lr, int Scale)
{
    /// <summary>Bytes of float32 pixels held.</summary>
    public long Bytes => 4L * (Input.Data.Length + (Lr?.Data.Length ?? 0));
}
