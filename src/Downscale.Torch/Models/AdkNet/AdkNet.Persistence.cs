using Downscale.Torch.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>Safetensors weights with the architecture as metadata.</summary>
public sealed partial class AdkNet
{
    /// <summary>
    /// Builds the model the file's metadata describes and loads its weights, strictly: every tensor must be present,
    /// named as the model names it, with its exact shape, finite, and no extra tensor may be present.
    /// </summary>
    /// <param name="path">A file written by <see cref="Save"/> or by <c>tools/reference/adknet.py</c>.</param>
    /// <param name="device">Where to put the model; the CPU when null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SafetensorsFormatException">The file is corrupt, not an ADK-Net file, or its weights do not fit the
    /// architecture it declares (the message names the tensor), or hold NaN or infinity.</exception>
    public static AdkNet Load(string path, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AdkNetOptions options = AdkNetMetadata.Read(SafetensorsFile.ReadMetadata(path), path);
        var model = new AdkNet(options);
        try
        {
            model.CopyWeightsFromFile(path);
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

    /// <summary>
    /// Overwrites this model's weights with those of an ADK-Net file of the same architecture, for example to start
    /// training from an earlier run (a warm start) instead of a random initialisation.
    /// </summary>
    /// <exception cref="SafetensorsFormatException">The file is corrupt, or its architecture differs from this model's
    /// (the message names both).</exception>
    public void LoadWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AdkNetOptions stored = AdkNetMetadata.Read(SafetensorsFile.ReadMetadata(path), path);
        Dictionary<string, string> expected = AdkNetMetadata.Write(Options);
        Dictionary<string, string> actual = AdkNetMetadata.Write(stored);
        if (!expected.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(actual.OrderBy(p => p.Key, StringComparer.Ordinal)))
        {
            throw new SafetensorsFormatException(
                $"'{path}' holds an ADK-Net with {{{string.Join(", ", actual.Select(p => $"{p.Key}={p.Value}"))}}}, but this model is {{{string.Join(", ", expected.Select(p => $"{p.Key}={p.Value}"))}}}.");
        }

        CopyWeightsFromFile(path);
    }

    /// <summary>Reads a file's tensors, copies them in strictly (<see cref="StrictWeights"/>) and releases them.</summary>
    private void CopyWeightsFromFile(string path) =>
        StrictWeights.CopyFromFile(state_dict(), path, $"ADK-Net ({Options.Features} features, scale {Scale}, k = {KernelSize}, {Options.GeneratorSharing})");

    /// <summary>Writes the weights and the architecture (<see cref="Options"/>) as safetensors, atomically.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="storage">The stored dtype: float32 (exact) or float16 (half the size; <see cref="Load"/> widens it
    /// back to float32). Shipped models use float16 where their scores hold (docs/models/adknet.md).</param>
    public void Save(string path, ScalarType storage = ScalarType.Float32)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (storage is not (ScalarType.Float32 or ScalarType.Float16))
        {
            throw new ArgumentOutOfRangeException(nameof(storage), storage, "Weights are stored as Float32 or Float16.");
        }

        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> tensors = state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.to_type(storage));
        SafetensorsFile.Save(path, tensors, AdkNetMetadata.Write(Options));
    }
}
