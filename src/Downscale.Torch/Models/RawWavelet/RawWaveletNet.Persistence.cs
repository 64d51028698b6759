using Downscale.Core.Raw;
using Downscale.Torch.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>Safetensors weights with the architecture as metadata.</summary>
public sealed partial class RawWaveletNet
{
    /// <summary>
    /// Builds the model the file's metadata describes and loads its weights, strictly: every tensor present, named as
    /// the model names it, with its exact shape, finite, and nothing else.
    /// </summary>
    /// <param name="path">A file written by <see cref="Save"/> or by <c>tools/reference/raw_wavelet.py</c>.</param>
    /// <param name="device">Where to put the model; the CPU when null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SafetensorsFormatException">The file is corrupt, not a RAW wavelet file, or its weights do not
    /// fit the architecture it declares (the message names the tensor), or hold NaN or infinity.</exception>
    public static RawWaveletNet Load(string path, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RawWaveletOptions options = RawWaveletMetadata.Read(SafetensorsFile.ReadMetadata(path), path);
        var model = new RawWaveletNet(options);
        try
        {
            StrictWeights.CopyFromFile(model.state_dict(), path, model.Describe());
        }
        catch
        {
            model.Dispose();
            throw;
        }

        if (device is not null)
        {
            model.to(device);
        }

        return model;
    }

    /// <summary>True when <paramref name="path"/> is a safetensors file whose metadata declares a RAW wavelet model.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SafetensorsFormatException">The file is not safetensors.</exception>
    public static bool IsWeightFile(string path) =>
        SafetensorsFile.ReadMetadata(path).GetValueOrDefault("format") == RawWaveletMetadata.Format;

    /// <summary>The scale of the model in a weight file, from its metadata alone (no weights are read).</summary>
    /// <exception cref="SafetensorsFormatException">Not a RAW wavelet weight file.</exception>
    public static RationalScale ReadScale(string path) => RawWaveletMetadata.Read(SafetensorsFile.ReadMetadata(path), path).Scale;

    /// <summary>Writes the weights and the architecture (<see cref="Options"/>) as safetensors, atomically.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="storage">Float32 (exact) or Float16 (half the size; <see cref="Load"/> widens it back).</param>
    /// <param name="extraMetadata">More metadata to store beside the architecture (e.g. training step, scores).</param>
    /// <exception cref="ArgumentOutOfRangeException">Another storage type.</exception>
    public void Save(string path, ScalarType storage = ScalarType.Float32, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (storage is not (ScalarType.Float32 or ScalarType.Float16))
        {
            throw new ArgumentOutOfRangeException(nameof(storage), storage, "Weights are stored as Float32 or Float16.");
        }

        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> tensors = state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.to_type(storage));
        Dictionary<string, string> metadata = RawWaveletMetadata.Write(Options);
        foreach (var (key, value) in extraMetadata ?? new Dictionary<string, string>())
        {
            metadata.TryAdd(key, value);
        }

        SafetensorsFile.Save(path, tensors, metadata);
    }

    private string Describe() =>
        $"RAW wavelet model (x{Scale}, {Options.Features} features, {Options.Levels} levels, {Options.Merge} merge, base {Options.Base})";
}
