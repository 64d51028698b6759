namespace Downscale.MLNet.Persistence.Workers;

/// <summary>
/// Names of the columns and contracts inside a persisted stage. They appear only inside the stage's own chain (it drops
/// them at its end) and in saved files, so they never change: changing one would break every saved model.
/// </summary>
internal static class StageColumns
{
    /// <summary>The constant key that the stage's <c>MapValue</c> maps to its configuration.</summary>
    public const string Key = "__downscale_stage_key";

    /// <summary>The key's only value.</summary>
    public const string KeyValue = "stage";

    /// <summary>The stage's configuration text (<see cref="StageConfigText"/>).</summary>
    public const string Config = "__downscale_stage_config";

    /// <summary>The first image input.</summary>
    public const string Input0 = "__downscale_stage_input0";

    /// <summary>The second image input.</summary>
    public const string Input1 = "__downscale_stage_input1";

    /// <summary>The image output.</summary>
    public const string ImageOutput = "__downscale_stage_image";

    /// <summary>PSNR on RGB.</summary>
    public const string PsnrRgb = "__downscale_stage_psnr_rgb";

    /// <summary>PSNR on Y.</summary>
    public const string PsnrY = "__downscale_stage_psnr_y";

    /// <summary>SSIM on RGB.</summary>
    public const string SsimRgb = "__downscale_stage_ssim_rgb";

    /// <summary>SSIM on Y.</summary>
    public const string SsimY = "__downscale_stage_ssim_y";

    /// <summary>The RAW frame output.</summary>
    public const string RawOutput = "__downscale_stage_raw";

    /// <summary>RAW PSNR (mosaic, peak 1).</summary>
    public const string RawPsnr = "__downscale_stage_raw_psnr";

    /// <summary>RAW SSIM (mosaic, data range 1).</summary>
    public const string RawSsim = "__downscale_stage_raw_ssim";

    /// <summary>Every temporary column, dropped at the end of the stage.</summary>
    public static readonly string[] All = [Key, Config, Input0, Input1, ImageOutput, PsnrRgb, PsnrY, SsimRgb, SsimY, RawOutput, RawPsnr, RawSsim];
}

/// <summary>The <c>CustomMappingFactoryAttribute</c> contract names of the persisted workers (stable; see <see cref="StageColumns"/>).</summary>
internal static class StageContracts
{
    /// <summary>Emits the constant key.</summary>
    public const string Key = "Downscale.MLNet.StageKey";

    /// <summary>Downscales an image column of unknown size.</summary>
    public const string DownscaleImage = "Downscale.MLNet.Downscale.Image";

    /// <summary>Downscales a fixed-size image column (read as ARGB planes).</summary>
    public const string DownscalePixels = "Downscale.MLNet.Downscale.Pixels";

    /// <summary>Fidelity, both inputs of unknown size.</summary>
    public const string FidelityImageImage = "Downscale.MLNet.Fidelity.ImageImage";

    /// <summary>Fidelity, prediction of unknown size, target of fixed size.</summary>
    public const string FidelityImagePixels = "Downscale.MLNet.Fidelity.ImagePixels";

    /// <summary>Fidelity, prediction of fixed size, target of unknown size.</summary>
    public const string FidelityPixelsImage = "Downscale.MLNet.Fidelity.PixelsImage";

    /// <summary>Fidelity, both inputs of fixed size.</summary>
    public const string FidelityPixelsPixels = "Downscale.MLNet.Fidelity.PixelsPixels";

    /// <summary>Loads a RAW frame from a path.</summary>
    public const string RawLoad = "Downscale.MLNet.Raw.Load";

    /// <summary>Downscales a RAW frame.</summary>
    public const string RawDownscale = "Downscale.MLNet.Raw.Downscale";

    /// <summary>Develops a RAW frame into an sRGB preview image.</summary>
    public const string RawPreview = "Downscale.MLNet.Raw.Preview";

    /// <summary>RAW and sRGB fidelity of two RAW frames.</summary>
    public const string RawFidelity = "Downscale.MLNet.Raw.Fidelity";
}
