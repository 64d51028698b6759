using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Microsoft.ML.OnnxRuntime;

namespace Downscale.Onnx.Runtime;

/// <summary>
/// Scores an ONNX downscaler (one written by <c>downscale export</c>, or any model that follows
/// <see cref="OnnxDownscalerContract"/>) through one long-lived ONNX Runtime session, without TorchSharp.
/// </summary>
/// <remarks>
/// <para>Thread-safe: ONNX Runtime's <c>Run</c> may be called concurrently on one session, and each call here owns its
/// input and output values, so one instance serves every thread of an application.</para>
/// <para>No copies: each tile's input tensor is an <see cref="OrtValue"/> over the tile's own buffer, and ONNX Runtime
/// writes the output straight into the new LR image's buffer.</para>
/// <para>As an <see cref="ITileDownscaler"/> it runs under <see cref="TiledInference"/>, the same tiler as the TorchSharp
/// path; <see cref="Downscale"/> does that, adding the field-coordinate planes for a field-aware model.</para>
/// </remarks>
public sealed class OnnxDownscaler : ITileDownscaler, IDisposable
{
    private readonly InferenceSession session;
    private readonly DownscalerSignature signature;
    private readonly string[] inputNames;
    private readonly string[] outputNames;

    private OnnxDownscaler(InferenceSession session, DownscalerSignature signature, OnnxScoringOptions options)
    {
        this.session = session;
        this.signature = signature;
        Options = options;
        inputNames = [signature.InputName];
        outputNames = [signature.OutputName];
    }

    /// <summary>Opens an .onnx file.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="options">Session options; null for the defaults (CPU, all graph optimisations, arena on).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxModelFormatException">The file is empty, corrupt or truncated, is not an image downscaler, or lacks a required metadata key.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The execution provider asked for is not in this build.</exception>
    public static OnnxDownscaler Load(string path, OnnxScoringOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The ONNX model '{path}' does not exist.", path);
        }

        return FromBytes(File.ReadAllBytes(path), path, options);
    }

    /// <summary>Opens a model from its bytes.</summary>
    /// <param name="model">The serialized ONNX model.</param>
    /// <param name="source">A name for messages (a file name).</param>
    /// <param name="options">Session options; null for the defaults.</param>
    /// <inheritdoc cref="Load" />
    public static OnnxDownscaler FromBytes(byte[] model, string source, OnnxScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(source);
        options ??= new OnnxScoringOptions();
        InferenceSession session = OnnxSessions.Open(model, source, options);
        try
        {
            return new OnnxDownscaler(session, DownscalerSignature.Read(session, source), options);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The options the session was made with.</summary>
    public OnnxScoringOptions Options { get; }

    /// <inheritdoc />
    public int Scale => signature.Scale;

    /// <inheritdoc />
    public int HaloHr => signature.ReceptiveFieldRadius;

    /// <summary>
    /// Working memory per HR pixel of a tile: about four C-channel float32 maps at HR alive at once (ONNX Runtime's
    /// planner reuses buffers between layers), plus the input, doubled for the arena's slack: the same estimate as the
    /// TorchSharp path's, with C from the <c>features</c> metadata (64 when absent).
    /// </summary>
    public long BytesPerHrPixel => 2L * sizeof(float) * ((4L * signature.Features) + signature.InputChannels);

    /// <summary>Planes of the model's input: 3 (RGB), or 5 for a field-aware model (RGB and the field coordinates).</summary>
    public int InputChannels => signature.InputChannels;

    /// <summary>Planes of the model's output (3 for RGB).</summary>
    public int OutputChannels => signature.OutputChannels;

    /// <summary>Whether the model takes the field-coordinate planes after RGB (metadata <c>field_aware</c>).</summary>
    public bool FieldAware => signature.FieldAware;

    /// <summary>The model's <c>metadata_props</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata => signature.Metadata;

    /// <summary>Downscales one tile (or a whole image already aligned to the scale).</summary>
    /// <param name="hrTile"><see cref="InputChannels"/> x h x w, with h and w multiples of <see cref="Scale"/> and at least twice it.</param>
    /// <returns>A new <see cref="OutputChannels"/> x h / s x w / s image.</returns>
    /// <exception cref="ArgumentException">The tile's planes or size do not fit the model.</exception>
    public PlanarImage Run(PlanarImage hrTile)
    {
        ArgumentNullException.ThrowIfNull(hrTile);
        ValidateTile(hrTile);
        var lr = new PlanarImage(OutputChannels, hrTile.Height / Scale, hrTile.Width / Scale);
        using OrtValue input = hrTile.ToOrtValue();
        using OrtValue output = lr.ToOrtValue();
        using var runOptions = new RunOptions();
        try
        {
            session.Run(runOptions, inputNames, [input], outputNames, [output]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ArgumentException($"ONNX Runtime refused a {hrTile.Channels}x{hrTile.Height}x{hrTile.Width} input: {e.Message}", nameof(hrTile), e);
        }

        return lr;
    }

    /// <summary>
    /// Downscales an RGB image of any size through <see cref="TiledInference"/> (bounded memory, same result as one
    /// whole-image pass). A field-aware model gets the full frame's coordinates as two extra planes, cut with each tile.
    /// </summary>
    /// <param name="hr">The RGB image.</param>
    /// <param name="options">Tiling, memory budget and size policy; null for the defaults.</param>
    /// <exception cref="ArgumentException">The image is not RGB, or its size does not fit the size policy.</exception>
    public PlanarImage Downscale(PlanarImage hr, TilingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hr);
        if (hr.Channels != 3)
        {
            throw new ArgumentException($"This downscaler takes RGB images; this one has {hr.Channels} planes.", nameof(hr));
        }

        options ??= new TilingOptions();
        if (FieldAware && options.ExtraPlanes is null)
        {
            options = options with { ExtraPlanes = FieldCoordinates.Create };
        }

        return TiledInference.Run(hr, this, options);
    }

    /// <summary>Releases the session.</summary>
    public void Dispose() => session.Dispose();

    private void ValidateTile(PlanarImage tile)
    {
        if (tile.Channels != InputChannels)
        {
            throw new ArgumentException(
                $"This model takes {InputChannels} planes{(FieldAware ? " (RGB and the field coordinates)" : string.Empty)}; the input has {tile.Channels}.", nameof(tile));
        }

        int s = Scale, minimum = 2 * s;
        if (tile.Height % s != 0 || tile.Width % s != 0 || tile.Height < minimum || tile.Width < minimum)
        {
            throw new ArgumentException(
                $"At scale {s} the HR height and width must be multiples of {s} and at least {minimum}; the input is {tile.Height}x{tile.Width}. Crop or pad the image first (TilingOptions.SizePolicy).",
                nameof(tile));
        }
    }
}
