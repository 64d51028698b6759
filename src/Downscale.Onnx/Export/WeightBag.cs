namespace Downscale.Onnx.Export;

/// <summary>The weights handed to the exporter, taken one by one by name and shape; what is left over at the end is an error.</summary>
internal sealed class WeightBag
{
    private readonly Dictionary<string, ExportTensor> tensors;
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    public WeightBag(IEnumerable<ExportTensor> weights)
    {
        tensors = new Dictionary<string, ExportTensor>(StringComparer.Ordinal);
        foreach (ExportTensor tensor in weights)
        {
            long count = tensor.Shape.Aggregate(1L, (a, b) => a * b);
            if (count != tensor.Data.Length)
            {
                throw new OnnxExportException($"Weight '{tensor.Name}' has shape [{string.Join(", ", tensor.Shape)}] but {tensor.Data.Length} values.");
            }

            if (!tensors.TryAdd(tensor.Name, tensor))
            {
                throw new OnnxExportException($"Weight '{tensor.Name}' is given twice.");
            }
        }
    }

    /// <summary>The tensor <paramref name="name"/>, which must have exactly <paramref name="shape"/> and finite values.</summary>
    /// <exception cref="OnnxExportException">It is missing, of another shape, or not finite.</exception>
    public ExportTensor Take(string name, params long[] shape)
    {
        if (!tensors.TryGetValue(name, out ExportTensor? tensor))
        {
            throw new OnnxExportException($"The weights lack '{name}' (shape [{string.Join(", ", shape)}]) that this architecture needs.");
        }

        if (!tensor.Shape.SequenceEqual(shape))
        {
            throw new OnnxExportException(
                $"Weight '{name}' has shape [{string.Join(", ", tensor.Shape)}]; this architecture needs [{string.Join(", ", shape)}].");
        }

        if (!System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(tensor.Data))
        {
            throw new OnnxExportException($"Weight '{name}' holds NaN or infinite values.");
        }

        taken.Add(name);
        return tensor;
    }

    /// <exception cref="OnnxExportException">A weight was never taken: it belongs to a part this architecture does not have.</exception>
    public void RequireAllTaken()
    {
        string? extra = tensors.Keys.Order(StringComparer.Ordinal).FirstOrDefault(name => !taken.Contains(name));
        if (extra is not null)
        {
            throw new OnnxExportException($"Weight '{extra}' belongs to no part of this architecture; the weights and the architecture disagree.");
        }
    }
}
