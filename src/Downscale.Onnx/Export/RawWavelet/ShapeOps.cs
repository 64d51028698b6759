using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export.RawWavelet;

/// <summary>Shape arithmetic on symbolic sizes: single dimensions as 1-element int64 tensors, joined into Reshape targets.</summary>
internal sealed class ShapeOps(OnnxGraph graph)
{
    private readonly Dictionary<string, string> constants = new(StringComparer.Ordinal);

    /// <summary>Dimension <paramref name="axis"/> of <paramref name="value"/> as a 1-element int64 tensor.</summary>
    public string Dim(string value, int axis) =>
        graph.Node("Shape", $"{value}.dim{axis}", [value], Int("start", axis), Int("end", axis + 1));

    /// <summary>Dimensions [start, end) of <paramref name="value"/>.</summary>
    public string Dims(string value, int start, int end) =>
        graph.Node("Shape", $"{value}.dims{start}_{end}", [value], Int("start", start), Int("end", end));

    /// <summary>A 1-element int64 tensor holding <paramref name="dim"/> divided by <paramref name="divisor"/>.</summary>
    public string Divide(string dim, long divisor) => graph.Node("Div", $"{dim}_div{divisor}", [dim, Constant(divisor)]);

    /// <summary>A Reshape target joined from parts: a number is a constant (0 copies, -1 infers), a string a 1-element tensor.</summary>
    public string Target(string name, params object[] parts)
    {
        string[] inputs = [.. parts.Select(part => part switch
        {
            string value => value,
            int number => Constant(number),
            long number => Constant(number),
            _ => throw new ArgumentException($"A shape part is a number or a value name, not {part.GetType().Name}.", nameof(parts)),
        })];
        return graph.Node("Concat", name, inputs, Int("axis", 0));
    }

    /// <summary><paramref name="value"/> reshaped to the joined target.</summary>
    public string Reshape(string value, string name, params object[] parts) =>
        graph.Node("Reshape", name, [value, Target($"{name}.shape", parts)]);

    /// <summary>A 1-element int64 constant, shared.</summary>
    public string Constant(long value)
    {
        string key = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!constants.TryGetValue(key, out string? name))
        {
            name = graph.Int64s($"const_{(value < 0 ? "minus" + (-value) : key)}", value);
            constants[key] = name;
        }

        return name;
    }
}
