using System.Security.Cryptography;
using System.Text;
using Downscale.Onnx.Export;

namespace Downscale.Onnx.Tests.Export;

public class WeightsHashTests
{
    [Fact]
    public void Hash_IsTheDocumentedSha256OfNamesShapesAndValues()
    {
        var bytes = new List<byte>();
        foreach (var (name, shape, values) in new[] { ("a.bias", new long[] { 2 }, new[] { 1f, -2f }), ("b.weight", new long[] { 1, 1 }, new[] { 0.5f }) })
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(name));
            bytes.Add(0);
            bytes.AddRange(BitConverter.GetBytes((long)shape.Length));
            foreach (long dim in shape)
            {
                bytes.AddRange(BitConverter.GetBytes(dim));
            }

            foreach (float value in values)
            {
                bytes.AddRange(BitConverter.GetBytes(value));
            }
        }

        string expected = Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()));

        // Given in another order: the hash sorts by name.
        Assert.Equal(expected, WeightsHash.Compute([new ExportTensor("b.weight", [1, 1], [0.5f]), new ExportTensor("a.bias", [2], [1f, -2f])]));
    }

    [Fact]
    public void Hash_ChangesWithAnyValueOrShape()
    {
        string hash = WeightsHash.Compute([new ExportTensor("w", [2], [1f, 2f])]);

        Assert.NotEqual(hash, WeightsHash.Compute([new ExportTensor("w", [2], [1f, 2.0000002f])]));
        Assert.NotEqual(hash, WeightsHash.Compute([new ExportTensor("w", [2, 1], [1f, 2f])]));
        Assert.NotEqual(hash, WeightsHash.Compute([new ExportTensor("v", [2], [1f, 2f])]));
    }
}
