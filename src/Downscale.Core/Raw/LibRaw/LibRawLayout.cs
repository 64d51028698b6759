namespace Downscale.Core.Raw;

/// <summary>
/// Byte offsets of the few <c>libraw_data_t</c> fields that LibRaw's C API has no accessor for (black levels, the
/// colour matrix <c>cam_xyz</c>, the CFA description) and of neighbours that do have accessors, used to check the
/// layout on every decode.
/// </summary>
/// <remarks>
/// Offsets come from <c>offsetof</c> against the installed headers (compiled with gcc; see docs/raw.md). They are
/// fragile across LibRaw versions, so they are keyed by major.minor version and never trusted blindly:
/// <see cref="LibRawDecoder"/> compares every field that also has an accessor (or a pointer accessor) with what the
/// accessor returns, and refuses to decode when any differs. Reads stay inside <c>libraw_data_t</c>, which lives
/// inside the (larger) LibRaw object, so a wrong table can only fail the check, never read outside the allocation.
/// </remarks>
internal sealed record LibRawLayout(
    int Major,
    int Minor,
    int Image,
    int SizesRawHeight,
    int SizesRawWidth,
    int SizesIHeight,
    int SizesIWidth,
    int IData,
    int IParamsColors,
    int IParamsFilters,
    int IParamsCdesc,
    int ColorCblack,
    int ColorBlack,
    int ColorMaximum,
    int ColorCamMul,
    int ColorRgbCam,
    int ColorCamXyz,
    int CblackSize)
{
    /// <summary>LibRaw 0.20.x (Debian 12's libraw20), measured with gcc on 0.20.2.</summary>
    public static LibRawLayout V0_20 { get; } = new(
        Major: 0,
        Minor: 20,
        Image: 0,
        SizesRawHeight: 8,
        SizesRawWidth: 10,
        SizesIHeight: 20,
        SizesIWidth: 22,
        IData: 184,
        IParamsColors: 340,
        IParamsFilters: 344,
        IParamsCdesc: 420,
        ColorCblack: 136456,
        ColorBlack: 152872,
        ColorMaximum: 152880,
        ColorCamMul: 153056,
        ColorRgbCam: 153184,
        ColorCamXyz: 153232,
        CblackSize: 4104);

    /// <summary>Known layouts.</summary>
    public static IReadOnlyList<LibRawLayout> Known { get; } = [V0_20];

    /// <summary>The layout for a <c>libraw_versionNumber()</c> value (<c>major &lt;&lt; 16 | minor &lt;&lt; 8 | patch</c>), if known.</summary>
    public static LibRawLayout? For(int versionNumber)
    {
        int major = (versionNumber >> 16) & 0xff;
        int minor = (versionNumber >> 8) & 0xff;
        return Known.FirstOrDefault(l => l.Major == major && l.Minor == minor);
    }
}
