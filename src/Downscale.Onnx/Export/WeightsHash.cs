using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Downscale.Onnx.Export;

/// <summary>
/// The SHA-256 that identifies a set of weights independently of how they are stored: for every tensor in ordinal order
/// of its name, the UTF-8 name, a zero byte, the rank and each dimension as little-endian int64, then the float32
/// values little-endian. The same weights give the same hash from a safetensors file (float16 or float32 storage
/// widened to float32), from a live model, or from another exporter run.
/// </summary>
public static class WeightsHash
{
    /// <summary>The lower-case hex SHA-256 of <paramref name="weights"/>.</summary>
    public static string Compute(IEnumerable<ExportTensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        foreach (ExportTensor tensor in weights.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(tensor.Name));
            sha.AppendData([0]);
            BinaryPrimitives.WriteInt64LittleEndian(number, tensor.Shape.Length);
            sha.AppendData(number);
            foreach (long dim in tensor.Shape)
            {
                BinaryPrimitives.WriteInt64LittleEndian(number, dim);
                sha.AppendData(number);
            }

            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("Weights are hashed as little-endian float32.");
            }

            sha.AppendData(MemoryMarshal.AsBytes(tensor.Data.AsSpan()));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
