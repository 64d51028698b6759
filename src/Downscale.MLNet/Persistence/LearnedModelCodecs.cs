using Downscale.MLNet.Learned;

namespace Downscale.MLNet.Persistence;

/// <summary>Turns a learned model into its persisted form and back, through the model's <see cref="ILearnedDownscalerCodec"/>.</summary>
internal static class LearnedModelCodecs
{
    /// <summary>The persisted form of <paramref name="model"/>; an in-process reference when it has no payload.</summary>
    public static LearnedModelConfig Describe(LearnedDownscaler model)
    {
        LearnedDownscalerPayload? payload = model.GetPayload();
        if (payload is null)
        {
            return new LearnedModelConfig { Name = model.Name, Scale = model.Scale, InProcessId = Guid.NewGuid().ToString("N") };
        }

        if (!typeof(ILearnedDownscalerCodec).IsAssignableFrom(payload.Codec) || payload.Codec.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException(
                $"The codec {payload.Codec} of model '{model.Name}' must implement {nameof(ILearnedDownscalerCodec)} and have a public parameterless constructor.",
                nameof(model));
        }

        return new LearnedModelConfig
        {
            Codec = payload.Codec.AssemblyQualifiedName,
            Name = model.Name,
            Scale = model.Scale,
            Sha256 = StageConfigText.Sha256Hex(payload.Bytes),
            Payload = Convert.ToBase64String(payload.Bytes),
        };
    }

    /// <summary>Rebuilds the model of a loaded stage.</summary>
    /// <exception cref="DownscalingModelException">The model lived in another process, its engine is not referenced, or its bytes are damaged.</exception>
    public static LearnedDownscaler Rebuild(LearnedModelConfig config)
    {
        if (config.Codec is null || config.Payload is null)
        {
            throw new DownscalingModelException(
                $"The learned model '{config.Name}' was given as an in-process tile engine, which cannot be saved or loaded. " +
                "Use a model with a saved form: LearnedDownscaler.FromOnnx, or an ADK-Net model through Downscale.MLNet.Torch.");
        }

        ILearnedDownscalerCodec codec = CreateCodec(config.Codec, config.Name);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(config.Payload);
        }
        catch (FormatException e)
        {
            throw new DownscalingModelException($"The learned model '{config.Name}' in this pipeline is corrupt (its bytes are not valid base64).", e);
        }

        if (!string.Equals(StageConfigText.Sha256Hex(bytes), config.Sha256, StringComparison.Ordinal))
        {
            throw new DownscalingModelException($"The learned model '{config.Name}' in this pipeline is corrupt: its bytes do not match their checksum.");
        }

        LearnedDownscaler model = codec.Decode(bytes, config.Name);
        if (model.Scale != config.Scale)
        {
            throw new DownscalingModelException($"The learned model '{config.Name}' was saved with scale {config.Scale} but decodes to scale {model.Scale}.");
        }

        return model;
    }

    private static ILearnedDownscalerCodec CreateCodec(string typeName, string modelName)
    {
        Type? type;
        try
        {
            type = Type.GetType(typeName, throwOnError: false);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or ArgumentException)
        {
            type = null;
        }

        string assembly = typeName.Split(',').ElementAtOrDefault(1)?.Trim() ?? typeName;
        if (type is null)
        {
            throw new DownscalingModelException(
                $"The learned model '{modelName}' in this pipeline needs the engine '{typeName.Split(',')[0]}' from the assembly '{assembly}', " +
                $"which this application does not reference. Add a reference to {assembly}" +
                (assembly.EndsWith(".Torch", StringComparison.Ordinal) ? " (it brings TorchSharp), or export the model to ONNX and rebuild the pipeline with LearnedDownscaler.FromOnnx." : "."));
        }

        if (!typeof(ILearnedDownscalerCodec).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new DownscalingModelException($"'{type}' named by the learned model '{modelName}' is not a learned model codec.");
        }

        return (ILearnedDownscalerCodec)Activator.CreateInstance(type)!;
    }
}
