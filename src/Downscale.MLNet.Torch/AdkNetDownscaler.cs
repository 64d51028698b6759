using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.MLNet.Learned;
using Downscale.Onnx.Runtime;
using Downscale.Torch.Export;
using Downscale.Torch.Inference;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Training;

namespace Downscale.MLNet.Torch;

/// <summary>
/// An ADK-Net (TorchSharp) as the learned model of <c>mlContext.Transforms.DownscaleImages</c>, tiled through
/// <see cref="AdkNetInference"/>; saved pipelines carry its safetensors bytes and rebuild it with <see cref="AdkNetCodec"/>.
/// </summary>
/// <remarks>
/// libtorch already uses every core inside one image, so give the stage <c>DegreeOfParallelism = 1</c> unless the
/// images are small. Concurrent rows are safe (inference runs without autograd in per-thread dispose scopes).
/// </remarks>
public sealed class AdkNetDownscaler : LearnedDownscaler
{
    private const string TemporaryPrefix = "downscale-adknet";
    private readonly byte[]? fileBytes;

    private AdkNetDownscaler(AdkNet model, string name, byte[]? fileBytes, TrainingResult? training)
    {
        Network = model;
        Name = name;
        this.fileBytes = fileBytes;
        Training = training;
    }

    /// <summary>The network (owned by this downscaler).</summary>
    public AdkNet Network { get; }

    /// <summary>How training ended, when this model came from the ADK-Net trainer estimator.</summary>
    public TrainingResult? Training { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override int Scale => Network.Scale;

    /// <summary>Loads an ADK-Net safetensors file (with its architecture metadata), for example a shipped model.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static AdkNetDownscaler Load(string path)
    {
        (AdkNet network, byte[] bytes) = SafetensorsPayload.Open(path, "ADK-Net", static p => AdkNet.Load(p));
        return new AdkNetDownscaler(network, Path.GetFileNameWithoutExtension(path), bytes, training: null);
    }

    /// <summary>Wraps a network in memory (for example one just trained); a saved pipeline stores it as float32 safetensors.</summary>
    public static AdkNetDownscaler FromNetwork(AdkNet network, string name, TrainingResult? training = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new AdkNetDownscaler(network, name, fileBytes: null, training);
    }

    /// <inheritdoc />
    public override PlanarImage Downscale(PlanarImage hr, TilingOptions tiling) => AdkNetInference.Downscale(Network, hr, tiling);

    /// <inheritdoc />
    public override LearnedDownscalerPayload GetPayload() => new(typeof(AdkNetCodec), fileBytes ?? SafetensorsPayload.Serialize(TemporaryPrefix, path => Network.Save(path)));

    /// <summary>
    /// The same network exported by our ONNX exporter (<see cref="AdkNetOnnxExporter"/>) and scored by ONNX Runtime: a
    /// pipeline saved with it loads in a scoring-only application (Downscale.MLNet without TorchSharp).
    /// </summary>
    /// <param name="trainingProtocol">The data protocol recorded in the model's metadata (<c>camsim</c>, <c>bicubic</c>); null for <c>unknown</c>.</param>
    /// <param name="options">ONNX Runtime session options; null for the defaults.</param>
    /// <exception cref="Downscale.Onnx.Export.OnnxExportException">The network holds a module the exporter cannot express.</exception>
    public LearnedDownscaler ToOnnx(string? trainingProtocol = null, OnnxScoringOptions? options = null) =>
        FromOnnx(AdkNetOnnxExporter.Serialize(Network, trainingProtocol), Name, options);

    /// <summary>Rebuilds a downscaler from safetensors bytes.</summary>
    internal static AdkNetDownscaler FromBytes(byte[] bytes, string name) =>
        new(SafetensorsPayload.Load(bytes, TemporaryPrefix, static p => AdkNet.Load(p)), name, bytes, training: null);
}

/// <summary>Rebuilds <see cref="AdkNetDownscaler"/>s inside loaded pipelines (found by name; needs this assembly referenced).</summary>
public sealed class AdkNetCodec : ILearnedDownscalerCodec
{
    /// <inheritdoc />
    public LearnedDownscaler Decode(byte[] payload, string name) => AdkNetDownscaler.FromBytes(payload, name);
}
