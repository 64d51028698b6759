using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Torch.Models.AdkNet;

namespace Downscale.Torch.Inference;

/// <summary>
/// Downscales whole images of any size with a trained <see cref="AdkNet"/>, through <see cref="TiledInference"/>:
/// tiles carry a halo of the model's receptive field, so the result equals one whole-image forward pass, while memory
/// stays within <see cref="TilingOptions.MemoryBudgetBytes"/>.
/// </summary>
public static class AdkNetInference
{
    /// <summary>
    /// Working memory per HR pixel of a tile: the feature extractor keeps about four C-channel float32 maps at full
    /// resolution alive during a forward pass (C = 64: about 1 KiB), plus the image; doubled for libtorch's temporaries.
    /// </summary>
    public static long BytesPerHrPixel(AdkNetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return 2L * sizeof(float) * ((4L * options.Features) + options.InputChannels);
    }

    /// <summary>Wraps <paramref name="model"/> for <see cref="TiledInference"/> (halo = receptive field, rounded up to the scale by the tiler).</summary>
    public static TorchTileDownscaler AsTileDownscaler(AdkNet model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new TorchTileDownscaler(model, model.Scale, model.ReceptiveFieldRadius, BytesPerHrPixel(model.Options));
    }

    /// <summary>
    /// Downscales an RGB image. A field-aware model gets the normalised coordinates of the full image as two extra
    /// planes, cut with each tile, so every tile knows where it sits in the frame.
    /// </summary>
    /// <param name="model">The trained model.</param>
    /// <param name="hr">The RGB image (3 planes).</param>
    /// <param name="options">Tiling, memory budget and the policy for sizes the scale does not divide (default: fail).</param>
    /// <exception cref="ArgumentException">The image is not RGB, or its size does not fit the size policy.</exception>
    public static PlanarImage Downscale(AdkNet model, PlanarImage hr, TilingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(hr);
        if (hr.Channels != 3)
        {
            throw new ArgumentException($"ADK-Net downscales RGB images; this one has {hr.Channels} planes.", nameof(hr));
        }

        options ??= new TilingOptions();
        if (model.Options.FieldAware && options.ExtraPlanes is null)
        {
            options = options with { ExtraPlanes = FieldCoordinates.Create };
        }

        return TiledInference.Run(hr, AsTileDownscaler(model), options);
    }
}
