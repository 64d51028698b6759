namespace Downscale.Onnx;

/// <summary>
/// What an ONNX downscaler written by this library looks like, and what <see cref="Runtime.OnnxDownscaler"/> requires
/// of a model it scores: one float input <see cref="InputName"/> (N, C, H, W) with C fixed (3, or 5 with field
/// coordinates), one float output (N, 3, H / s, W / s), and <c>metadata_props</c> that say the scale and the reach.
/// </summary>
public static class OnnxDownscalerContract
{
    /// <summary>The input's name: the HR image, (N, C, H, W) in [0, 1].</summary>
    public const string InputName = "hr";

    /// <summary>The output's name: the LR image, (N, 3, H / s, W / s).</summary>
    public const string OutputName = "lr";

    /// <summary>Metadata key: the integer scale s (required).</summary>
    public const string ScaleKey = "scale";

    /// <summary>Metadata key: the receptive-field radius in HR pixels, the halo tiles need (required).</summary>
    public const string ReceptiveFieldKey = "receptive_field_radius";

    /// <summary>Metadata key: the kernel side k.</summary>
    public const string KernelSizeKey = "kernel_size";

    /// <summary>Metadata key: the architecture variant, e.g. <c>adknet:per_channel,residual,two_stage</c>.</summary>
    public const string VariantKey = "variant";

    /// <summary>Metadata key: the data protocol the weights were trained on (e.g. <c>camsim</c>), or <c>unknown</c>.</summary>
    public const string TrainingProtocolKey = "training_protocol";

    /// <summary>Metadata key: the SHA-256 of the weights (see <see cref="Export.WeightsHash"/>), lower-case hex.</summary>
    public const string WeightsHashKey = "weights_sha256";

    /// <summary>Metadata key: feature channels C, used to estimate working memory per pixel.</summary>
    public const string FeaturesKey = "features";

    /// <summary>Metadata key: whether the input carries the two field-coordinate planes (<c>true</c>/<c>false</c>).</summary>
    public const string FieldAwareKey = "field_aware";

    /// <summary>The keys a model must have to be scored.</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } = [ScaleKey, ReceptiveFieldKey];
}
