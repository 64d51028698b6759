namespace Downscale.Onnx.Export;

/// <summary>
/// The architecture of an ADK-Net, as the ONNX exporter needs it: the same options as <c>Downscale.Torch</c>'s
/// <c>AdkNetOptions</c>, restated here because this assembly must not reference TorchSharp. The Torch-side walker
/// (<c>Downscale.Torch.Export.AdkNetOnnxExporter</c>) fills it from a model; tests may fill it by hand.
/// </summary>
public sealed record AdkNetGraphSpec
{
    /// <summary>The integer scale s (2 to 8).</summary>
    public required int Scale { get; init; }

    /// <summary>The kernel side k in effect (at least 2, at most 4s + 2).</summary>
    public required int KernelSize { get; init; }

    /// <summary>Feature channels C.</summary>
    public required int Features { get; init; }

    /// <summary>Residual blocks in the feature extractor's backbone.</summary>
    public required int BackboneBlocks { get; init; }

    /// <summary>Blocks in each generator trunk.</summary>
    public required int TrunkBlocks { get; init; }

    /// <summary>Blocks in each generator branch.</summary>
    public required int BranchBlocks { get; init; }

    /// <summary>How the generator streams share weights.</summary>
    public AdkNetSharing Sharing { get; init; }

    /// <summary>Residual or plain generator blocks.</summary>
    public AdkNetBlocks Blocks { get; init; }

    /// <summary>Kernel normalisation.</summary>
    public AdkNetNormalization Normalization { get; init; }

    /// <summary>The input carries the two field-coordinate planes after RGB.</summary>
    public bool FieldAware { get; init; }

    /// <summary>The eps of the normalisation stages.</summary>
    public required double Epsilon { get; init; }

    /// <summary>Planes of the input: 3, or 5 when <see cref="FieldAware"/>.</summary>
    public int InputChannels => FieldAware ? 5 : 3;

    /// <summary>Generator trunks: 3, or 1 when shared or single.</summary>
    public int TrunkCount => Sharing == AdkNetSharing.PerChannel ? 3 : 1;

    /// <summary>Generator branches (distinct kernels per pixel): 3, or 1 for a single stream.</summary>
    public int BranchCount => Sharing == AdkNetSharing.SingleStream ? 1 : 3;

    /// <summary><c>floor((s - k) / 2)</c>: where tap 0 sits relative to the LR pixel's block (see the Torch <c>KernelWindow</c>).</summary>
    public int WindowOffset => (int)Math.Floor((Scale - KernelSize) / 2.0);

    /// <summary>Reflection padding of the HR image before its first row and column.</summary>
    public int PadBefore => Math.Max(0, -WindowOffset);

    /// <summary>Reflection padding after its last row and column.</summary>
    public int PadAfter => Math.Max(0, WindowOffset + KernelSize - Scale);

    /// <summary>
    /// HR pixels of context beyond an output pixel's own s x s block that it depends on (the Torch model's
    /// <c>ReceptiveFieldRadius</c>): the larger of <c>L s + M</c>, with L = 1 + (2 trunk blocks + 1) + (2 branch blocks + 1)
    /// LR convolutions and M = 2 + 2 backbone blocks HR convolutions, and the kernel window's own padding.
    /// </summary>
    public int ReceptiveFieldRadius
    {
        get
        {
            int lrConvs = 1 + ((2 * TrunkBlocks) + 1) + ((2 * BranchBlocks) + 1);
            int hrConvs = 2 + (2 * BackboneBlocks);
            return Math.Max((lrConvs * Scale) + hrConvs, Math.Max(PadBefore, PadAfter));
        }
    }

    /// <summary>A short name of the variant, e.g. <c>adknet:per_channel,residual,two_stage</c> (plus <c>,field_aware</c>).</summary>
    public string Variant =>
        $"adknet:{Snake(Sharing.ToString())},{Snake(Blocks.ToString())},{Snake(Normalization.ToString())}{(FieldAware ? ",field_aware" : string.Empty)}";

    /// <summary>Checks the ranges the graph relies on.</summary>
    /// <exception cref="ArgumentException">A value is out of range or undefined; the message names it.</exception>
    public void Validate()
    {
        Require(Scale is >= 2 and <= 8, nameof(Scale), "must lie in [2, 8]");
        Require(KernelSize >= 2 && KernelSize <= (4 * Scale) + 2, nameof(KernelSize), $"must lie in [2, {(4 * Scale) + 2}] at scale {Scale}");
        Require(Features >= 1, nameof(Features), "must be positive");
        Require(BackboneBlocks >= 0 && TrunkBlocks >= 0 && BranchBlocks >= 0, "block counts", "cannot be negative");
        Require(Enum.IsDefined(Sharing) && Enum.IsDefined(Blocks) && Enum.IsDefined(Normalization), "variant", "must use defined values");
        Require(double.IsFinite(Epsilon) && Epsilon > 0, nameof(Epsilon), "must be positive and finite");
    }

    private static void Require(bool condition, string what, string rule) => GraphSpecRules.Require(condition, "ADK-Net", what, rule);

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>How the kernel generator streams share weights (the Torch <c>KernelGeneratorSharing</c>).</summary>
public enum AdkNetSharing
{
    /// <summary>Three independent trunk + branch streams.</summary>
    PerChannel = 0,

    /// <summary>One trunk, three branches.</summary>
    SharedTrunk = 1,

    /// <summary>One stream whose kernel serves all three channels.</summary>
    SingleStream = 2,
}

/// <summary>Blocks inside the generators (the Torch <c>GeneratorBlockKind</c>).</summary>
public enum AdkNetBlocks
{
    /// <summary>conv-ReLU-conv plus the identity.</summary>
    Residual = 0,

    /// <summary>conv-ReLU-conv-ReLU, no identity.</summary>
    Plain = 1,
}

/// <summary>Kernel normalisation (the Torch <c>KernelNormalization</c>).</summary>
public enum AdkNetNormalization
{
    /// <summary>Min-max scaling, then sum-to-one.</summary>
    TwoStage = 0,

    /// <summary>Sum-to-one only.</summary>
    SumOnly = 1,

    /// <summary>Min-max scaling only.</summary>
    MinMaxOnly = 2,
}
