using System.Globalization;
using Downscale.Core.Raw;
using Downscale.MLNet.Learned;
using Downscale.MLNet.Raw;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Native;
using Downscale.Torch.Training;

namespace Downscale.MLNet.Torch;

/// <summary>
/// The RAW wavelet model (TorchSharp) as the learned model of <c>mlContext.Transforms.DownscaleRaw</c>: the TorchSharp
/// engine of <see cref="RawDownscaler"/>. Saved pipelines carry its safetensors bytes and rebuild it with
/// <see cref="RawWaveletCodec"/> (the loading application references Downscale.MLNet.Torch).
/// </summary>
public sealed class RawWaveletDownscaler : RawDownscaler
{
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
        ArgumentException.ThrowIfNullOrEmpty(path);
        TorchNative.EnsureLoaded();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The RAW wavelet model '{path}' does not exist.", path);
        }

        return new RawWaveletDownscaler(RawWaveletNet.Load(path), Path.GetFileNameWithoutExtension(path), File.ReadAllBytes(path), training: null);
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
    public override LearnedDownscalerPayload GetPayload() => new(typeof(RawWaveletCodec), fileBytes ?? Serialize(Network));

    /// <summary>Rebuilds a downscaler from safetensors bytes.</summary>
    internal static RawWaveletDownscaler FromBytes(byte[] bytes, string name)
    {
        TorchNative.EnsureLoaded();
        string temporary = Path.Combine(Path.GetTempPath(), $"downscale-raw-{Guid.NewGuid():N}.safetensors");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            return new RawWaveletDownscaler(RawWaveletNet.Load(temporary), name, bytes, training: null);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Serialize(RawWaveletNet network)
    {
        string temporary = Path.Combine(Path.GetTempPath(), $"downscale-raw-{Guid.NewGuid():N}.safetensors");
        try
        {
            network.Save(temporary);
            return File.ReadAllBytes(temporary);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

/// <summary>Rebuilds <see cref="RawWaveletDownscaler"/>s inside loaded pipelines (the bytes are a safetensors file).</summary>
public sealed class RawWaveletCodec : IRawDownscalerCodec
{
    /// <inheritdoc />
    public RawDownscaler Decode(byte[] payload, string name) => RawWaveletDownscaler.FromBytes(payload, name);
}
