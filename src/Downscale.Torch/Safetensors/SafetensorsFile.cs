using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Downscale.Core.IO;
using Downscale.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Safetensors;

/// <summary>
/// Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header, then raw
/// little-endian tensor bytes), interoperable with Python's <c>safetensors</c> package.
/// </summary>
/// <remarks>
/// Everything is validated before a byte reaches libtorch: header bounds, dtypes, shapes against byte ranges, ranges
/// against the file, and (on request) finite values. Writes are atomic.
/// </remarks>
public static class SafetensorsFile
{
    private const int MaxHeaderBytes = 100 << 20;

    private static readonly Dictionary<string, (ScalarType Type, int Size)> DTypes = new(StringComparer.Ordinal)
    {
        ["F64"] = (ScalarType.Float64, 8),
        ["F32"] = (ScalarType.Float32, 4),
        ["F16"] = (ScalarType.Float16, 2),
        ["BF16"] = (ScalarType.BFloat16, 2),
        ["I64"] = (ScalarType.Int64, 8),
        ["I32"] = (ScalarType.Int32, 4),
        ["I16"] = (ScalarType.Int16, 2),
        ["I8"] = (ScalarType.Int8, 1),
        ["U8"] = (ScalarType.Byte, 1),
        ["BOOL"] = (ScalarType.Bool, 1),
    };

    /// <summary>Saves tensors (moved to CPU and made contiguous) with optional string metadata, atomically.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        TorchNative.EnsureLoaded();
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (key, value) in metadata)
            {
                meta[key] = value;
            }

            header["__metadata__"] = meta;
        }

        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            using var scope = NewDisposeScope();
            Tensor cpu = tensor.detach().cpu().contiguous();
            byte[] bytes = cpu.bytes.ToArray();
            header[name] = new JsonObject
            {
                ["dtype"] = DTypeName(cpu.dtype, name),
                ["shape"] = new JsonArray(cpu.shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            offset += bytes.Length;
            blobs.Add(bytes);
        }

        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header);
        int padding = (8 - (json.Length % 8)) % 8; // keeps tensor data 8-byte aligned, as the Python writer does
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)(json.Length + padding));
            stream.Write(length);
            stream.Write(json);
            for (int i = 0; i < padding; i++)
            {
                stream.WriteByte((byte)' ');
            }

            foreach (byte[] blob in blobs)
            {
                stream.Write(blob);
            }
        });
    }

    /// <summary>Loads every tensor of the file onto the CPU.</summary>
    /// <param name="path">The file.</param>
    /// <param name="requireFinite">Refuses floating-point tensors that hold NaN or infinity.</param>
    /// <exception cref="SafetensorsFormatException">The file is truncated, corrupt or holds non-finite weights.</exception>
    public static Dictionary<string, Tensor> Load(string path, bool requireFinite = true)
    {
        byte[] file = File.ReadAllBytes(path);
        var (entries, dataStart) = ParseHeader(file, path);
        TorchNative.EnsureLoaded();
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in entries)
            {
                Tensor tensor = empty(entry.Shape, entry.Type);
                tensor.bytes = file.AsSpan((int)(dataStart + entry.Begin), (int)(entry.End - entry.Begin));
                result[entry.Name] = tensor;
                if (requireFinite && tensor.is_floating_point() && !isfinite(tensor).all().item<bool>())
                {
                    throw new SafetensorsFormatException(
                        $"'{path}': tensor '{entry.Name}' holds NaN or infinite values; the weights are unusable. Retrain or restore an earlier checkpoint.");
                }
            }
        }
        catch
        {
            foreach (Tensor tensor in result.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        return result;
    }

    /// <summary>Reads only the string metadata of the header.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        return ReadHeaderJson(file, path)["__metadata__"] is JsonObject meta
            ? meta.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private sealed record Entry(string Name, ScalarType Type, long[] Shape, long Begin, long End);

    private static (List<Entry> Entries, long DataStart) ParseHeader(byte[] file, string path)
    {
        JsonObject header = ReadHeaderJson(file, path);
        long dataStart = 8 + (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        long dataLength = file.Length - dataStart;
        var entries = new List<Entry>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                continue;
            }

            try
            {
                string dtype = node!["dtype"]!.GetValue<string>();
                if (!DTypes.TryGetValue(dtype, out var type))
                {
                    throw new SafetensorsFormatException($"'{path}': tensor '{name}' has unsupported dtype '{dtype}'.");
                }

                long[] shape = node["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                JsonArray offsets = node["data_offsets"]!.AsArray();
                long begin = offsets[0]!.GetValue<long>();
                long end = offsets[1]!.GetValue<long>();
                long count = shape.Aggregate(1L, (a, d) => d < 0 ? -1 : checked(a * d));
                if (count < 0 || begin < 0 || end < begin || end > dataLength || (end - begin) != count * type.Size)
                {
                    throw new SafetensorsFormatException(
                        $"'{path}': tensor '{name}' (shape [{string.Join(", ", shape)}], {dtype}) does not match its byte range [{begin}, {end}) in a data section of {dataLength} bytes. The file is truncated or corrupt.");
                }

                entries.Add(new Entry(name, type.Type, shape, begin, end));
            }
            catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException or OverflowException or ArgumentException)
            {
                throw new SafetensorsFormatException($"'{path}': the header entry of tensor '{name}' is malformed.", e);
            }
        }

        return (entries, dataStart);
    }

    private static JsonObject ReadHeaderJson(byte[] file, string path)
    {
        if (file.Length < 8)
        {
            throw new SafetensorsFormatException($"'{path}' is {file.Length} bytes long: too short to be a safetensors file.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes || 8 + (long)headerLength > file.Length)
        {
            throw new SafetensorsFormatException(
                $"'{path}' declares a {headerLength}-byte header but holds {file.Length} bytes: it is truncated or not a safetensors file.");
        }

        try
        {
            return JsonNode.Parse(file.AsSpan(8, (int)headerLength)) as JsonObject
                ?? throw new SafetensorsFormatException($"'{path}': the safetensors header is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new SafetensorsFormatException($"'{path}': the safetensors header is not valid JSON.", e);
        }
    }

    private static string DTypeName(ScalarType type, string name) =>
        DTypes.FirstOrDefault(p => p.Value.Type == type).Key
        ?? throw new NotSupportedException($"Tensor '{name}' has dtype {type}, which safetensors export does not support.");
}
