using System.Runtime.InteropServices;
using System.Text;
using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>
/// Decodes camera RAW/DNG files to a normalised Bayer <see cref="RawFrame"/> through LibRaw's C API:
/// <c>libraw_open_file → libraw_unpack → libraw_raw2image</c>, then the mosaic from <c>image</c>.
/// </summary>
/// <remarks>
/// Why <c>raw2image</c> and not <c>rawdata.raw_image</c>: it crops the sensor margins and applies LibRaw's own
/// per-camera fixes, and leaves the visible area in <c>imgdata.image</c>, whose pointer is the first field of
/// <c>libraw_data_t</c> in every LibRaw version. Sizes, white level, as-shot multipliers, <c>rgb_cam</c> and the CFA
/// come from the exported accessors; only the black levels, <c>cam_xyz</c> and <c>cdesc</c> need offsets
/// (<see cref="LibRawLayout"/>), checked against the accessors before use.
/// </remarks>
internal sealed unsafe class LibRawDecoder
{
    private readonly LibRawApi _api;
    private readonly LibRawLayout _layout;

    public LibRawDecoder(LibRawApi api)
        : this(api, LayoutFor(api))
    {
    }

    /// <summary>A decoder with an explicit layout (tests use a wrong one to prove the layout check).</summary>
    internal LibRawDecoder(LibRawApi api, LibRawLayout layout)
    {
        _api = api;
        _layout = layout;
    }

    private static LibRawLayout LayoutFor(LibRawApi api) =>
        LibRawLayout.For(api.VersionNumber()) ?? throw new RawDecoderUnavailableException(
            $"LibRaw {api.Version} ('{api.LibraryName}') is loaded, but this build only knows the data layout of LibRaw "
            + $"{string.Join(", ", LibRawLayout.Known.Select(l => $"{l.Major}.{l.Minor}"))}; {RawDecoderUnavailableException.InstallHint}.");

    public RawFrame Decode(string path)
    {
        ValidateFile(path);
        IntPtr lr = _api.Init(0);
        if (lr == IntPtr.Zero)
        {
            throw new CameraRawDecodeException($"LibRaw could not allocate a decoder for '{path}'.", path, LibRawError.InsufficientMemory);
        }

        try
        {
            DataErrorState dataErrors = default;
            _api.SetDataErrorHandler(lr, &OnDataError, &dataErrors);
            byte[] utf8Path = Encoding.UTF8.GetBytes(path + "\0");
            fixed (byte* p = utf8Path)
            {
                Check(_api.OpenFile(lr, p), "open", path);
            }

            int unpacked = _api.Unpack(lr);

            // LibRaw reports short reads and bad data through the callback, sometimes with a success code.
            if (dataErrors.Count > 0)
            {
                string where = dataErrors.Offset < 0 ? "an unexpected end of file" : $"corrupt data at byte {dataErrors.Offset}";
                throw new CameraRawDecodeException(
                    $"'{path}' is corrupt or truncated: LibRaw reported {where} while unpacking the sensor data.",
                    path,
                    unpacked != 0 ? (LibRawError)unpacked : LibRawError.DataError);
            }

            Check(unpacked, "unpack", path);
            Check(_api.Raw2Image(lr), "copy the mosaic of", path);
            VerifyLayout(lr);
            return Extract(lr, path);
        }
        finally
        {
            _api.Close(lr);
        }
    }

    private static void ValidateFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Camera RAW file '{path}' does not exist.", path);
        }

        if (info.Length == 0)
        {
            throw new CameraRawDecodeException($"Camera RAW file '{path}' is empty.", path, LibRawError.FileUnsupported);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnDataError(void* state, byte* file, int offset)
    {
        var errors = (DataErrorState*)state;
        errors->Count++;
        errors->Offset = offset;
    }

    private void Check(int code, string stage, string path)
    {
        if (code == 0)
        {
            return;
        }

        var error = (LibRawError)code;
        string text = _api.Describe(code);
        string message = error switch
        {
            LibRawError.FileUnsupported =>
                $"'{path}' is not a camera RAW or DNG file that LibRaw {_api.Version} supports (LibRaw: {text}).",
            LibRawError.DataError => $"'{path}' is corrupt or truncated (LibRaw: {text}).",
            LibRawError.IOError => $"'{path}' could not be read: it is truncated or unreadable (LibRaw: {text}).",
            LibRawError.InsufficientMemory or LibRawError.TooBig or LibRawError.MempoolOverflow =>
                $"'{path}' is too large for LibRaw to decode (LibRaw: {text}).",
            _ => $"LibRaw failed to {stage} '{path}': {text} (code {code}).",
        };
        throw new CameraRawDecodeException(message, path, error);
    }

    /// <summary>Refuses to decode unless every offset-read field equals what LibRaw's accessors say.</summary>
    private void VerifyLayout(IntPtr lr)
    {
        byte* data = (byte*)lr;
        bool ok = (byte*)_api.GetIParams(lr) == data + _layout.IData
            && *(ushort*)(data + _layout.SizesRawHeight) == _api.GetRawHeight(lr)
            && *(ushort*)(data + _layout.SizesRawWidth) == _api.GetRawWidth(lr)
            && *(ushort*)(data + _layout.SizesIHeight) == _api.GetIHeight(lr)
            && *(ushort*)(data + _layout.SizesIWidth) == _api.GetIWidth(lr)
            && *(uint*)(data + _layout.ColorMaximum) == (uint)_api.GetColorMaximum(lr);
        float* camMul = (float*)(data + _layout.ColorCamMul);
        float* rgbCam = (float*)(data + _layout.ColorRgbCam);
        for (int i = 0; ok && i < 4; i++)
        {
            ok = SameBits(camMul[i], _api.GetCamMul(lr, i));
        }

        for (int i = 0; ok && i < 12; i++)
        {
            ok = SameBits(rgbCam[i], _api.GetRgbCam(lr, i / 4, i % 4));
        }

        if (!ok)
        {
            throw new RawDecoderUnavailableException(
                $"LibRaw {_api.Version}'s libraw_data_t layout differs from the {_layout.Major}.{_layout.Minor} layout this build "
                + $"knows, so its black levels cannot be read safely; {RawDecoderUnavailableException.InstallHint}.");
        }
    }

    private RawFrame Extract(IntPtr lr, string path)
    {
        byte* data = (byte*)lr;
        byte* iparams = (byte*)_api.GetIParams(lr);
        uint filters = *(uint*)(iparams + _layout.IParamsFilters);
        string cdesc = Marshal.PtrToStringAnsi((IntPtr)(iparams + _layout.IParamsCdesc), 4);
        (CfaPattern pattern, int[] siteIndex) = ReadPattern(lr, filters, cdesc, path);

        int iheight = _api.GetIHeight(lr);
        int iwidth = _api.GetIWidth(lr);
        int height = iheight & ~1;
        int width = iwidth & ~1;
        ushort* image = *(ushort**)(data + _layout.Image);
        if (image == null || height < 2 || width < 2)
        {
            throw new CameraRawDecodeException($"'{path}' has no usable mosaic ({iheight}x{iwidth}).", path, LibRawError.DataError);
        }

        var black = new LibRawBlackLevels(data + _layout.ColorCblack, *(uint*)(data + _layout.ColorBlack), _layout.CblackSize);
        double white = (uint)_api.GetColorMaximum(lr);
        var mosaic = new PlanarImage(1, height, width);
        Parallel.For(0, height, y =>
        {
            Span<float> row = mosaic.Row(0, y);
            ushort* source = image + ((long)y * iwidth * 4);
            for (int x = 0; x < width; x++)
            {
                int index = siteIndex[((y & 1) << 1) | (x & 1)];
                double level = black.At(y, x, index);
                row[x] = (float)((source[(4 * x) + index] - level) / (white - level));
            }
        });

        double meanBlack = (black.At(0, 0, siteIndex[0]) + black.At(0, 1, siteIndex[1]) + black.At(1, 0, siteIndex[2]) + black.At(1, 1, siteIndex[3])) / 4;
        if (!(white > meanBlack))
        {
            throw new CameraRawDecodeException(
                $"'{path}' has a white level ({white}) at or below its black level ({meanBlack}).", path, LibRawError.DataError);
        }

        return new RawFrame(mosaic, pattern, BuildMetadata(lr, data, path, meanBlack, white, height, width));
    }

    /// <summary>The Bayer pattern and, per 2x2 site (raster order), LibRaw's colour index into <c>image[][4]</c>.</summary>
    private (CfaPattern Pattern, int[] SiteIndex) ReadPattern(IntPtr lr, uint filters, string cdesc, string path)
    {
        if (filters < 1000)
        {
            string kind = filters == 0 ? "not a colour-filter mosaic (Foveon, linear DNG or already demosaicked)"
                : filters == 9 ? "a Fujifilm X-Trans mosaic" : "a non-Bayer mosaic";
            throw new NotSupportedException($"'{path}' is {kind}; only 2x2 Bayer sensors (RGGB, BGGR, GRBG, GBRG) are supported.");
        }

        var site = new int[4];
        var colors = new CfaColor[4];
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 2; x++)
            {
                int index = _api.Color(lr, y, x);
                int fc = (int)((filters >> ((((y << 1) & 14) | (x & 1)) << 1)) & 3);
                if (index != fc || index is < 0 or > 3)
                {
                    throw new RawDecoderUnavailableException(
                        $"LibRaw {_api.Version}'s CFA description of '{path}' is inconsistent (libraw_COLOR({y},{x}) = {index}, filters give {fc}).");
                }

                CfaColor color = cdesc.Length > index ? ToColor(cdesc[index], cdesc, path) : throw new NotSupportedException(
                    $"'{path}' has the colour description '{cdesc}', which names no colour {index}.");
                int s = ((y & 1) << 1) | x;
                if (y < 2)
                {
                    site[s] = index;
                    colors[s] = color;
                }
                else if (colors[s] != color)
                {
                    throw new NotSupportedException($"'{path}' has a CFA that does not repeat every 2x2 pixels; only Bayer sensors are supported.");
                }
            }
        }

        return (CfaPatterns.FromBlock(colors[0], colors[1], colors[2], colors[3]), site);
    }

    private static CfaColor ToColor(char letter, string cdesc, string path) => letter switch
    {
        'R' => CfaColor.Red,
        'G' => CfaColor.Green,
        'B' => CfaColor.Blue,
        _ => throw new NotSupportedException($"'{path}' has the colour filters '{cdesc}'; only RGB Bayer sensors are supported."),
    };

    private RawMetadata BuildMetadata(IntPtr lr, byte* data, string path, double black, double white, int height, int width)
    {
        WhiteBalanceGains gains = Gains(_api.GetCamMul, lr) ?? Gains(_api.GetPreMul, lr) ?? WhiteBalanceGains.Neutral;
        double[] rgbCam = new double[9];
        for (int i = 0; i < 9; i++)
        {
            rgbCam[i] = _api.GetRgbCam(lr, i / 3, i % 3);
        }

        ColorMatrix3x3 camToRgb = ColorMatrix3x3.FromRowMajor(rgbCam);
        ColorMatrix3x3? rgbToCam;
        try
        {
            rgbToCam = camToRgb.Inverse();
        }
        catch (InvalidOperationException)
        {
            rgbToCam = null;
        }

        float* camXyz = (float*)(data + _layout.ColorCamXyz);
        double[] xyz = new double[9];
        for (int i = 0; i < 9; i++)
        {
            xyz[i] = camXyz[i];
        }

        return new RawMetadata
        {
            WhiteBalance = gains,
            CamToRgb = camToRgb,
            RgbToCam = rgbToCam,
            XyzToCam = xyz.All(v => v == 0) || xyz.Any(v => !double.IsFinite(v)) ? null : ColorMatrix3x3.FromRowMajor(xyz),
            BlackLevel = black,
            WhiteLevel = white,
            BitDepth = Math.Clamp(64 - (int)ulong.LeadingZeroCount((ulong)white), 1, 16),
            HrSize = new FrameSize(height, width),
            Generator = $"LibRaw {_api.Version}",
            ImageName = Path.GetFileNameWithoutExtension(path),
            Kind = "camera",
        };
    }

    private static WhiteBalanceGains? Gains(delegate* unmanaged<IntPtr, int, float> multipliers, IntPtr lr)
    {
        double r = multipliers(lr, 0), g = multipliers(lr, 1), b = multipliers(lr, 2);
        return r > 0 && g > 0 && b > 0 && double.IsFinite(r + g + b) ? new WhiteBalanceGains(r / g, 1, b / g) : null;
    }

    private static bool SameBits(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    [StructLayout(LayoutKind.Sequential)]
    private struct DataErrorState
    {
        public int Count;
        public int Offset;
    }
}
