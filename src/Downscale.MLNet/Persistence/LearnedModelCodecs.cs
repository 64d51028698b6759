using Downscale.MLNet.Learned;

namespace Downscale.MLNet.Persistence;

/// <summary>Turns a learned model into its persisted form and back, through the model's <see cref="ILearnedDownscalerCodec"/>.</summary>
internal static class LearnedModelCodecs
{
    /// <summary>The persisted form of <paramref name="model"/>; an in-process reference when it has no payload.</summary>
    public static LearnedModelConfig Describe(LearnedDownscaler model) => Describe(model.GetPayload(), model.Name, model.Scale, typeof(ILearnedDownscalerCodec));

    /// <summary>The persisted form of a model's payload (an in-process reference when null), its codec checked against <paramref name="codecInterface"/>.</summary>
    public static LearnedModelConfig Describe(LearnedDownscalerPayload? payload, string name, int scale, Type codecInterface)
    {
        if (payload is null)
        {
            return new LearnedModelConfig { Name = name, Scale = scale, InProcessId = Guid.NewGuid().ToString("N") };
        }

        if (!codecInterface.IsAssignableFrom(payload.Codec) || payload.Codec.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException(
                $"The codec {payload.Codec} of model '{name}' must implement {codecInterface.Name} and have a public parameterless constructor.",
                nameof(payload));
        }

        return new LearnedModelConfig
        {
            Codec = payload.Codec.AssemblyQualifiedName,
            Name = name,
            Scale = scale,
            Sha256 = StageConfigText.Sha256Hex(payload.Bytes),
            Payload = Convert.ToBase64String(payload.Bytes),
        };
    }

    /// <summary>Rebuilds the model of a loaded stage.</summary>
    /// <exception cref="DownscalingModelException">The model lived in another process, its engine is not referenced, or its bytes are damaged.</exception>
    public static LearnedDownscaler Rebuild(LearnedModelConfig config)
    {
        (ILearnedDownscalerCodec codec, byte[] bytes) = Open<ILearnedDownscalerCodec>(
            config, "LearnedDownscaler.FromOnnx, or an ADK-Net model through Downscale.MLNet.Torch", "LearnedDownscaler.FromOnnx");
        LearnedDownscaler model = codec.Decode(bytes, config.Name);
        if (model.Scale != config.Scale)
        {
            throw new DownscalingModelException($"The learned model '{config.Name}' was saved with scale {config.Scale} but decodes to scale {model.Scale}.");
        }

        return model;
    }

    /// <summary>
    /// The codec (of interface <typeparamref name="TCodec"/>) and the verified bytes of a persisted model: shared by the
    /// image models (<see cref="ILearnedDownscalerCodec"/>) and the RAW models (<see cref="Raw.IRawDownscalerCodec"/>).
    /// </summary>
    /// <param name="config">The persisted model.</param>
    /// <param name="saveableForms">What to use instead of an in-process model (for the message).</param>
    /// <param name="onnxForm">How to rebuild the pipeline with ONNX instead of a missing engine (for the message).</param>
    /// <exception cref="DownscalingModelException">The model lived in another process, its engine is not referenced, or its bytes are damaged.</exception>
    public static (TCodec Codec, byte[] Bytes) Open<TCodec>(LearnedModelConfig config, string saveableForms, string onnxForm)
        where TCodec : class
    {
        if (config.Codec is null || config.Payload is null)
        {
            throw new DownscalingModelException(
                $"The learned model '{config.Name}' was given as an in-process tile engine, which cannot be saved or loaded. " +
                $"Use a model with a saved form: {saveableForms}.");
        }

        var codec = (TCodec)CreateCodec(config.Codec, config.Name, typeof(TCodec), onnxForm);
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

        return (codec, bytes);
    }

    private static object CreateCodec(string typeName, string modelName, Type codecInterface, string onnxForm)
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
                (assembly.EndsWith(".Torch", StringComparison.Ordinal) ? $" (it brings TorchSharp), or export the model to ONNX and rebuild the pipeline with {onnxForm}." : "."));
        }

        if (!codecInterface.IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new DownscalingModelException($"'{type}' named by the learned model '{modelName}' is not a {codecInterface.Name}.");
        }

        return Activator.CreateInstance(type)!;
    }
}
