using Downscale.Core.Imaging;

namespace Downscale.Core.Tiling;

/// <summary>
/// Runs an <see cref="ITileDownscaler"/> over a large image tile by tile, with bounded memory and the same result as a
/// whole-image pass (exact for local models whose <see cref="ITileDownscaler.HaloHr"/> covers their receptive field).
/// </summary>
/// <remarks>
/// <para>
/// The image is first aligned to the scale by <see cref="TilingOptions.SizePolicy"/> (virtually: nothing full-size is
/// copied). Tile cores start at multiples of the scale; each tile is widened by the halo (rounded up to a multiple of
/// the scale) with real neighbouring pixels on every side that is an interior cut, and by nothing at the image's own
/// edges, where the model's own padding then sees exactly what it sees untiled. Each tile's output is cropped to its
/// core's LR pixels and written straight into the destination.
/// </para>
/// <para>
/// Memory: besides the caller's HR image and the LR output, each worker holds one tile's input buffer (reused) and the
/// model's working memory for one tile; the extra planes, when asked for, are held whole.
/// </para>
/// </remarks>
public static class TiledInference
{
    /// <summary>Downscales <paramref name="hr"/> tile by tile into a new LR image.</summary>
    /// <param name="hr">The HR image (C x H x W).</param>
    /// <param name="model">The tile downscaler.</param>
    /// <param name="options">Tiling options; null for the defaults.</param>
    /// <returns>C' x H' / s x W' / s, where H' x W' is the aligned size (see <see cref="ScaleAlignment.AlignedSize"/>).</returns>
    /// <exception cref="ArgumentException">The size policy refuses the image, or the options leave no room for a tile, or the extra planes do not match.</exception>
    /// <exception cref="InvalidOperationException">The model returned a tile of the wrong shape.</exception>
    public static PlanarImage Run(PlanarImage hr, ITileDownscaler model, TilingOptions? options = null) =>
        Execute(hr, model, options ?? new TilingOptions(), destination: null);

    /// <summary>Downscales <paramref name="hr"/> tile by tile into <paramref name="destination"/>, which must have the LR size and the model's output channels.</summary>
    /// <inheritdoc cref="Run" />
    /// <param name="hr">The HR image (C x H x W).</param>
    /// <param name="model">The tile downscaler.</param>
    /// <param name="destination">The LR image to fill (C' x H' / s x W' / s).</param>
    /// <param name="options">Tiling options; null for the defaults.</param>
    public static void RunInto(PlanarImage hr, ITileDownscaler model, PlanarImage destination, TilingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Execute(hr, model, options ?? new TilingOptions(), destination);
    }

    /// <summary>
    /// The whole-image reference: applies the same <see cref="TilingOptions.SizePolicy"/> and
    /// <see cref="TilingOptions.ExtraPlanes"/> as <see cref="Run"/>, then calls the model once on the whole image (the
    /// tile limits are ignored). For small images, and to check that tiling changes nothing.
    /// </summary>
    /// <inheritdoc cref="Run" />
    public static PlanarImage RunUntiled(PlanarImage hr, ITileDownscaler model, TilingOptions? options = null)
    {
        options ??= new TilingOptions();
        int scale = CheckModel(hr, model);
        (int height, int width) = ScaleAlignment.ComputeAlignedSize(hr.Height, hr.Width, scale, options.SizePolicy, nameof(hr));
        PlanarImage? extras = ExtraPlanesFor(hr, options);
        PlanarImage input = hr;
        if (extras != null || height != hr.Height || width != hr.Width)
        {
            input = new PlanarImage(hr.Channels + (extras?.Channels ?? 0), height, width);
            TileCopy.ReadAligned(hr, input, firstChannel: 0, top: 0, left: 0);
            if (extras != null)
            {
                TileCopy.ReadAligned(extras, input, hr.Channels, top: 0, left: 0);
            }
        }

        PlanarImage output = model.Run(input);
        TileJob.CheckOutput(model, input, output, expectedChannels: null);
        return output;
    }

    private static PlanarImage Execute(PlanarImage hr, ITileDownscaler model, TilingOptions options, PlanarImage? destination)
    {
        int scale = CheckModel(hr, model);
        (int height, int width) = ScaleAlignment.ComputeAlignedSize(hr.Height, hr.Width, scale, options.SizePolicy, nameof(hr));
        if (destination != null && (destination.Height != height / scale || destination.Width != width / scale))
        {
            throw new ArgumentException(
                $"The destination is {destination}, but a {hr.Height}x{hr.Width} input at scale {scale} with SizePolicy.{options.SizePolicy} " +
                $"gives {height / scale}x{width / scale} LR pixels.", nameof(destination));
        }

        PlanarImage? extras = ExtraPlanesFor(hr, options);
        TileGrid grid = TileGrid.Plan(height, width, scale, model.HaloHr, model.BytesPerHrPixel, options);
        var job = new TileJob(hr, extras, model, grid, height / scale, width / scale);
        return job.Run(destination, options.DegreeOfParallelism);
    }

    /// <summary>Validates the inputs and returns the model's scale.</summary>
    private static int CheckModel(PlanarImage hr, ITileDownscaler model)
    {
        ArgumentNullException.ThrowIfNull(hr);
        ArgumentNullException.ThrowIfNull(model);
        string name = model.GetType().Name;
        if (model.Scale < 1)
        {
            throw new ArgumentException($"{name}.Scale is {model.Scale}; a downscaler's scale is at least 1.", nameof(model));
        }

        if (model.HaloHr < 0)
        {
            throw new ArgumentException($"{name}.HaloHr is {model.HaloHr}; a receptive-field radius is at least 0.", nameof(model));
        }

        if (model.BytesPerHrPixel < 1)
        {
            throw new ArgumentException($"{name}.BytesPerHrPixel is {model.BytesPerHrPixel}; a memory estimate is at least 1 byte.", nameof(model));
        }

        return model.Scale;
    }

    private static PlanarImage? ExtraPlanesFor(PlanarImage hr, TilingOptions options)
    {
        if (options.ExtraPlanes is not { } provider)
        {
            return null;
        }

        PlanarImage? planes = provider(hr.Height, hr.Width);
        if (planes is null || planes.Height != hr.Height || planes.Width != hr.Width)
        {
            throw new ArgumentException(
                $"TilingOptions.ExtraPlanes returned {planes?.ToString() ?? "null"} for a {hr.Height}x{hr.Width} image; it must return C x {hr.Height} x {hr.Width} planes.",
                nameof(options));
        }

        return planes;
    }
}
