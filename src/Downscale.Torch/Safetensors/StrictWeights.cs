using static TorchSharp.torch;

namespace Downscale.Torch.Safetensors;

/// <summary>Copies a weight file's tensors into a model's state dict after checking that they are exactly its tensors.</summary>
internal static class StrictWeights
{
    /// <summary>Reads <paramref name="path"/>'s tensors, copies them in strictly (<see cref="Copy"/>) and releases them.</summary>
    /// <exception cref="SafetensorsFormatException">The file is corrupt, or its tensors are not exactly the model's.</exception>
    public static void CopyFromFile(IReadOnlyDictionary<string, Tensor> parameters, string path, string architecture)
    {
        Dictionary<string, Tensor> tensors = SafetensorsFile.Load(path);
        try
        {
            Copy(parameters, tensors, path, architecture);
        }
        finally
        {
            foreach (Tensor tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="tensors"/> into <paramref name="parameters"/>: every name present with its exact shape,
    /// floating point, and no extra name. (Finiteness is checked when the file is read.)
    /// </summary>
    /// <param name="parameters">The model's state dict.</param>
    /// <param name="tensors">The tensors read from <paramref name="source"/>.</param>
    /// <param name="source">The file, for messages.</param>
    /// <param name="architecture">Describes the model, for messages (e.g. "RAW wavelet x13/10, 16 features").</param>
    /// <exception cref="SafetensorsFormatException">A tensor is missing, unexpected, of the wrong shape or not floating point.</exception>
    public static void Copy(IReadOnlyDictionary<string, Tensor> parameters, IReadOnlyDictionary<string, Tensor> tensors, string source, string architecture)
    {
        foreach (var (name, parameter) in parameters)
        {
            if (!tensors.TryGetValue(name, out Tensor? stored))
            {
                throw new SafetensorsFormatException(
                    $"'{source}' lacks tensor '{name}' (shape [{string.Join(", ", parameter.shape)}]) that this {architecture} needs.");
            }

            if (!stored.shape.SequenceEqual(parameter.shape))
            {
                throw new SafetensorsFormatException(
                    $"'{source}': tensor '{name}' has shape [{string.Join(", ", stored.shape)}], but this {architecture} needs [{string.Join(", ", parameter.shape)}].");
            }

            if (!stored.is_floating_point())
            {
                throw new SafetensorsFormatException($"'{source}': tensor '{name}' holds {stored.dtype}; weights are floating point.");
            }
        }

        string? unexpected = tensors.Keys.FirstOrDefault(name => !parameters.ContainsKey(name));
        if (unexpected is not null)
        {
            throw new SafetensorsFormatException(
                $"'{source}' holds tensor '{unexpected}', which this {architecture} does not have: the weights belong to another architecture than the metadata says.");
        }

        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            parameter.copy_(tensors[name]);
        }
    }
}
