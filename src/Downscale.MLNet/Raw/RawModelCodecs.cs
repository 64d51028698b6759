using Downscale.Core.Raw;
using Downscale.MLNet.Learned;
using Downscale.MLNet.Persistence;

namespace Downscale.MLNet.Raw;

/// <summary>Turns a learned RAW model into its persisted form and back, through its <see cref="IRawDownscalerCodec"/>.</summary>
internal static class RawModelCodecs
{
    /// <summary>The persisted form of <paramref name="model"/>; an in-process reference when it has no payload.</summary>
    public static LearnedModelConfig Describe(RawDownscaler model) =>
        LearnedModelCodecs.Describe(model.GetPayload(), model.Name, 0, typeof(IRawDownscalerCodec));

    /// <summary>Rebuilds the model of a loaded stage and checks its scale.</summary>
    /// <exception cref="DownscalingModelException">The model cannot be rebuilt, or decodes to another scale.</exception>
    public static RawDownscaler Rebuild(LearnedModelConfig config, RationalScale scale)
    {
        (IRawDownscalerCodec codec, byte[] bytes) = LearnedModelCodecs.Open<IRawDownscalerCodec>(
            config, "a RAW wavelet model through Downscale.MLNet.Torch, or RawDownscaler.FromOnnx", "RawDownscaler.FromOnnx");
        RawDownscaler model = codec.Decode(bytes, config.Name);
        return model.Scale == scale
            ? model
            : throw new DownscalingModelException($"The RAW model '{config.Name}' was saved with scale {scale} but decodes to scale {model.Scale}.");
    }

    /// <summary>Why a stage with this model cannot be saved, or null when it can.</summary>
    public static string? NotSaveable(LearnedModelConfig? config) =>
        config is { Codec: null } ? $"the RAW model '{config.Name}' is an in-process engine without a saved form." : null;
}
