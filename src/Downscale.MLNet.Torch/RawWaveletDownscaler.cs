using System.Globalization;
using Downscale.Core.Raw;
using Downscale.MLNet.Learned;
using Downscale.MLNet.Raw;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Training;

namespace Downscale.MLNet.Torch;

/// <summary>
/// The RAW wavelet model (TorchSharp) as the learned model of <c>mlContext.Transforms.DownscaleRaw</c>: the TorchSharp
/// engine of <see cref="RawDownscaler"/>. Saved pipelines carry its safetensors bytes and rebuild it with
/// <see cref="RawWaveletCodec"/> (the loading application references Downscale.MLNet.Torch).
/// </summary>
public sealed class RawWaveletDownscaler : RawDownscaler
{
    private const string TemporaryPrefix = "downscale-raw";
    private readonly byte[]? fileBytes;

    private RawWaveletDownscaler(RawWaveletNet network, string name, byte[]? fileBytes, TrainingResult? training)
    {
        Network = network;
        Name = name;
        this.fileBytes = fileBytes;
        Training = training;
    }

    /// <summary>The network (owned by this downscaler).</summary>
    public RawWaveletNet Network { get; }

    /// <summary>How training ended, when this model came from the RAW wavelet trainer estimator.</summary>
    public TrainingResult? Training { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override RationalScale Scale => Network.Scale;

    /// <summary>Loads a RAW wavelet safetensors file (weights with their options as metadata).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static RawWaveletDownscaler Load(string path)
    {
        (RawWaveletNet network, byte[] bytes) = SafetensorsPayload.Open(path, "RAW wavelet", static p => RawWaveletNet.Load(p));
        return new RawWaveletDownscaler(network, Path.GetFileNameWithoutExtension(path), bytes, training: null);
    }

    /// <summary>Wraps a network in memory (for example one just trained); a saved pipeline stores it as float32 safetensors.</summary>
    public static RawWaveletDownscaler FromNetwork(RawWaveletNet network, string? name = null, TrainingResult? training = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new RawWaveletDownscaler(network, name ?? DefaultName(network.Scale), fileBytes: null, training);
    }

    /// <summary>The default name of a model at <paramref name="scale"/>, e.g. <c>raw-wavelet-x13/10</c>.</summary>
    public static string DefaultName(RationalScale scale) => string.Create(CultureInfo.InvariantCulture, $"raw-wavelet-x{scale}");

    /// <inheritdoc />
    public override RawFrame Downscale(RawFrame hr) => Network.Downscale(hr);

    /// <inheritdoc />
    public override LearnedDownscalerPayload GetPayload() => new(typeof(RawWaveletCodec), fileBytes ?? SafetensorsPayload.Serialize(TemporaryPrefix, path => Network.Save(path)));

    /// <summary>Rebuilds a downscaler from safetensors bytes.</summary>
    internal static RawWaveletDownscaler FromBytes(byte[] bytes, string name) =>
        new(SafetensorsPayload.Load(bytes, TemporaryPrefix, static p => RawWaveletNet.Load(p)), name, bytes, training: null);
}

/// <summary>Rebuilds <see cref="RawWaveletDownscaler"/>s inside loaded pipelines (the bytes are a safetensors file).</summary>
public sealed class RawWaveletCodec : IRawDownscalerCodec
{
    /// <inheritdoc />
    public RawDownscaler Decode(byte[] payload, string name) => RawWaveletDownscaler.FromBytes(payload, name);
}
