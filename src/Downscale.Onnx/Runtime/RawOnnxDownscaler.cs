using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Microsoft.ML.OnnxRuntime;

namespace Downscale.Onnx.Runtime;

/// <summary>
/// Scores an exported RAW wavelet model (<c>downscale export</c> of RAW weights) through ONNX Runtime, without
/// TorchSharp: an HR <see cref="RawFrame"/> in, the LR frame on the protocol's size and grid out, exactly as
/// <c>Downscale.Torch</c>'s <c>RawWaveletNet.Downscale(RawFrame)</c> computes it (the geometry is the shared
/// <see cref="RawNetworkGrid"/>). The session is thread-safe: concurrent calls share it.
/// </summary>
/// <example>
/// <code>
/// using var model = RawOnnxDownscaler.Load("raw-x1.3.onnx");
/// RawFrame lr = model.Downscale(RawProtocolFile.Read("hr.png"));            // the protocol's LR size
/// RawFrame sized = model.Downscale(hr, new FrameSize(1540, 2312));          // an explicit LR mosaic size
/// </code>
/// </example>
public sealed class RawOnnxDownscaler : IDisposable
{
    private readonly InferenceSession session;
    private readonly RawOnnxSignature signature;
    private readonly string[] inputNames;
    private readonly string[] outputNames;

    private RawOnnxDownscaler(InferenceSession session, RawOnnxSignature signature, OnnxScoringOptions options)
    {
        this.session = session;
        this.signature = signature;
        Options = options;
        inputNames = [signature.InputName];
        outputNames = [signature.OutputName];
    }

    /// <summary>Opens an exported RAW wavelet model.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="options">Threads, graph optimisation, memory arena and execution provider; defaults when null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxModelFormatException">The file is not a valid ONNX model, or not a RAW wavelet model (another format, missing metadata).</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The requested execution provider is not available.</exception>
    public static RawOnnxDownscaler Load(string path, OnnxScoringOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The ONNX model '{path}' does not exist.", path);
        }

        return FromBytes(File.ReadAllBytes(path), path, options);
    }

    /// <summary>Opens an exported RAW wavelet model from its bytes; <paramref name="source"/> names it in messages.</summary>
    /// <inheritdoc cref="Load" />
    /// <param name="model">The serialized model.</param>
    /// <param name="source">A name for messages.</param>
    /// <param name="options">Session options; defaults when null.</param>
    public static RawOnnxDownscaler FromBytes(byte[] model, string source, OnnxScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(source);
        options ??= new OnnxScoringOptions();
        InferenceSession session = OnnxSessions.Open(model, source, options);
        try
        {
            return new RawOnnxDownscaler(session, RawOnnxSignature.Read(session, source), options);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The session options in use.</summary>
    public OnnxScoringOptions Options { get; }

    /// <summary>The model's scale m/n.</summary>
    public RationalScale Scale => signature.Grid.Scale;

    /// <summary>The geometry of feeding the model on the protocol's grid (scale and levels K).</summary>
    public RawNetworkGrid Grid => signature.Grid;

    /// <summary>The model's <c>metadata_props</c> (format, scale, levels, features, merge, wavelet, base, weights hash, ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata => signature.Metadata;

    /// <summary>
    /// The fixed-ratio network on packed planes: 4 x H x W with H and W multiples of 2^K·m in, 4 x H n/m x W n/m out
    /// (the TorchSharp <c>RawWaveletNet.forward</c>). Use <see cref="Downscale(RawFrame, FrameSize?)"/> for frames of any size.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not 4 planes of sides that are positive multiples of 2^K·m.</exception>
    public PlanarImage Run(PlanarImage packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        int block = Grid.InputBlock;
        if (packed.Channels != BayerPacking.PackedChannels || packed.Height % block != 0 || packed.Width % block != 0 || packed.Height == 0 || packed.Width == 0)
        {
            throw new ArgumentException(
                $"At x{Scale} with {Grid.Levels} levels the model takes 4 packed planes with sides that are positive multiples of {block} (2^K·m); " +
                $"the input is {packed}. Use Downscale(RawFrame) for any size.", nameof(packed));
        }

        RationalScale scale = Scale;
        var lr = new PlanarImage(BayerPacking.PackedChannels, packed.Height / scale.Input * scale.Output, packed.Width / scale.Input * scale.Output);
        using OrtValue input = packed.ToOrtValue();
        using OrtValue output = lr.ToOrtValue();
        using var runOptions = new RunOptions();
        try
        {
            session.Run(runOptions, inputNames, [input], outputNames, [output]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ArgumentException($"ONNX Runtime refused a {packed} input: {e.Message}", nameof(packed), e);
        }

        return lr;
    }

    /// <summary>
    /// Downscales a RAW frame to <paramref name="lrMosaicSize"/> (or the protocol's size when null) on the protocol's
    /// grid; the result is clipped to [0, 1] and carries the HR metadata with the LR fields filled in
    /// (<see cref="RawNetworkGrid.Output"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The frame's size is odd, or the LR size does not fit the model's scale (within 5% of m/n).</exception>
    public RawFrame Downscale(RawFrame hr, FrameSize? lrMosaicSize = null)
    {
        ArgumentNullException.ThrowIfNull(hr);
        RawDownscalePlan plan = Grid.Plan(hr, lrMosaicSize);
        return Grid.Output(hr, plan, Run(Grid.Input(hr, plan)));
    }

    /// <summary>
    /// Downscales a RAW frame by <paramref name="scale"/> to the protocol's LR size and grid; the scale must be the
    /// model's own (a RAW wavelet model has one fixed m/n).
    /// </summary>
    /// <exception cref="ArgumentException">The scale is not the model's, or the frame does not fit it.</exception>
    public RawFrame Downscale(RawFrame hr, RationalScale scale)
    {
        if (scale != Scale)
        {
            throw new ArgumentException($"This model downscales by {Scale}, not by {scale}; export and load a model trained for x{scale}.", nameof(scale));
        }

        return Downscale(hr, (FrameSize?)null);
    }

    /// <summary>Releases the session.</summary>
    public void Dispose() => session.Dispose();
}
