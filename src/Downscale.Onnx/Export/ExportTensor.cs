namespace Downscale.Onnx.Export;

/// <summary>One named float32 weight tensor handed to the exporter (a state-dict entry: name, shape, row-major values).</summary>
/// <param name="Name">The state-dict name, e.g. <c>feature_extractor.head.weight</c>.</param>
/// <param name="Shape">The dimensions.</param>
/// <param name="Data">The values in row-major order; the exporter does not change them.</param>
public sealed record ExportTensor(string Name, long[] Shape, float[] Data);
