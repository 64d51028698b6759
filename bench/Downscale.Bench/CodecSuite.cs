using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.MLNet.Imaging;
using Microsoft.ML.Data;
using SkiaSharp;
using Vips = NetVips;

namespace Downscale.Bench;

/// <summary>
/// The measurements behind the codec choice (docs/imaging.md): libvips through NetVips against SkiaSharp 2.88 (the
/// library under ML.NET's ImageAnalytics). 16-bit PNG exactness, EXIF orientation, decode throughput on a 24-megapixel
/// JPEG and PNG made from a real photo, and peak memory of one decode in a fresh child process (VmHWM).
/// </summary>
internal sealed class CodecSuite : IBenchSuite
{
    private const string ChildVariable = "DOWNSCALE_CODEC_CHILD";
    private const int BigWidth = 6000;
    private const int BigHeight = 4000;

    public string Name => "codecs";

    public string Description => "PNG/JPEG decoding: libvips vs SkiaSharp (16-bit, EXIF, 24 MP speed, peak memory)";

    public void Run(BenchOptions options)
    {
        Vips.NetVips.Concurrency = options.Threads;
        if (Environment.GetEnvironmentVariable(ChildVariable) is { Length: > 0 } child)
        {
            RunChild(child);
            return;
        }

        string folder = Path.Combine(Path.GetTempPath(), $"downscale-codecs-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            ReportCapabilities(folder);
            (string png, string jpeg) = MakeBigImages(folder);
            ReportThroughput(png, jpeg, options.Repeats);
            ReportPeakMemory(png, jpeg, options.Threads);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void ReportCapabilities(string folder)
    {
        // 16-bit RGB PNG written by each library and decoded by the same library.
        ushort[] samples = new ushort[3 * 256 * 256];
        var random = new Random(1);
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (ushort)random.Next(65536);
        }

        string vipsPath = Path.Combine(folder, "vips16.png");
        ImageFile.Write(vipsPath, InterleavedPixels.ToPlanar(samples, 256, 256, 3), ImageWriteOptions.Default with { BitDepth = 16 });
        ushort[] vipsBack = InterleavedPixels.ToInterleaved16(ImageFile.Read(vipsPath));
        string vipsRoundTrip = Describe16(samples, vipsBack, 3, 3);

        string skiaRoundTrip = SkiaRoundTrip16(samples, Path.Combine(folder, "skia16.png"), out string skiaEncode);

        // The RAW mosaics: 1-channel 16-bit PNGs.
        string raw = Path.Combine(DataRoot(), "Set14", "RAW", "HR", "baboon.png");
        ushort[] rawVips = InterleavedPixels.ToInterleaved16(ImageFile.ReadGray16(raw));
        ushort[] rawSkia = SkiaDecode16(raw, out int skiaChannels);
        string rawSkiaResult = Describe16(rawVips, rawSkia, 1, skiaChannels);

        // EXIF orientation 6 on a 300x200 JPEG.
        string oriented = Path.Combine(folder, "o6.jpg");
        using (var image = Vips.Image.Black(300, 200, bands: 3))
        using (var tagged = image.Mutate(m => m.Set(Vips.GValue.GIntType, "orientation", 6)))
        {
            tagged.Jpegsave(oriented, keep: Vips.Enums.ForeignKeep.Exif);
        }

        PlanarImage vipsOriented = ImageFile.Read(oriented);
        using var codec = SKCodec.Create(oriented);
        using var skiaOriented = SKBitmap.Decode(oriented);

        Console.WriteLine("| check | libvips 8.18 (NetVips 3.2) | SkiaSharp 2.88.9 |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| 16-bit RGB PNG encode | 16-bit written | {skiaEncode} |");
        Console.WriteLine($"| 16-bit RGB PNG round trip (same library) | {vipsRoundTrip} | {skiaRoundTrip} |");
        Console.WriteLine($"| 16-bit gray PNG decode (RAW mosaic vs libvips) | exact (reference) | {rawSkiaResult} |");
        Console.WriteLine($"| EXIF orientation 6 applied (300x200 stored) | {(vipsOriented.Width == 200 ? "yes" : "no")}: {vipsOriented.Width}x{vipsOriented.Height} | " +
            $"{(skiaOriented.Width == 200 ? "yes" : "no")}: {skiaOriented.Width}x{skiaOriented.Height} (origin reported: {codec.EncodedOrigin}) |");
        Console.WriteLine();
    }

    private static string Describe16(ushort[] expected, ushort[] actual, int expectedChannels, int actualChannels)
    {
        int wrong = 0;
        int worst = 0;
        int pixels = expected.Length / expectedChannels;
        for (int p = 0; p < pixels; p++)
        {
            for (int c = 0; c < expectedChannels; c++)
            {
                int error = Math.Abs(expected[(p * expectedChannels) + c] - actual[(p * actualChannels) + c]);
                wrong += error == 0 ? 0 : 1;
                worst = Math.Max(worst, error);
            }
        }

        return wrong == 0
            ? "exact"
            : string.Create(CultureInfo.InvariantCulture, $"not exact: {100.0 * wrong / expected.Length:F0}% of samples off, max error {worst}/65535");
    }

    private static string SkiaRoundTrip16(ushort[] samples, string path, out string encodeResult)
    {
        // SkiaSharp 2.88 cannot encode Rgba16161616; its widest PNG path is half float (RgbaF16), written as 16-bit.
        var info16 = new SKImageInfo(256, 256, SKColorType.Rgba16161616, SKAlphaType.Unpremul);
        using (var bitmap16 = new SKBitmap(info16))
        using (SKData? direct = bitmap16.Encode(SKEncodedImageFormat.Png, 100))
        {
            encodeResult = direct is null ? "Rgba16161616: refused; via RgbaF16" : "Rgba16161616: written";
        }

        var info = new SKImageInfo(256, 256, SKColorType.RgbaF16, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        Span<Half> halves = MemoryMarshal.Cast<byte, Half>(PixelSpan(bitmap));
        for (int p = 0; p < 256 * 256; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                halves[(4 * p) + c] = (Half)(samples[(3 * p) + c] / 65535f);
            }

            halves[(4 * p) + 3] = Half.One;
        }

        using (SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100))
        {
            File.WriteAllBytes(path, data.ToArray());
        }

        ushort[] back = SkiaDecode16(path, out int channels);
        return Describe16(samples, back, 3, channels);
    }

    /// <summary>SkiaSharp's most precise decode of a 16-bit PNG (half float), rounded back to 16-bit.</summary>
    private static ushort[] SkiaDecode16(string path, out int channels)
    {
        using var codec = SKCodec.Create(path);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.RgbaF16, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        codec.GetPixels(info, bitmap.GetPixels());
        ReadOnlySpan<Half> halves = MemoryMarshal.Cast<byte, Half>(PixelSpan(bitmap));
        var words = new ushort[halves.Length];
        for (int i = 0; i < halves.Length; i++)
        {
            words[i] = (ushort)Math.Clamp(Math.Round((float)halves[i] * 65535f), 0, 65535);
        }

        channels = 4;
        return words;
    }

    private static (string Png, string Jpeg) MakeBigImages(string folder)
    {
        string source = Directory.GetFiles(Path.Combine(DataRoot(), "SunHays80", "HR"), "*.png").Order(StringComparer.Ordinal).First();
        string png = Path.Combine(folder, "big.png");
        string jpeg = Path.Combine(folder, "big.jpg");
        using var photo = Vips.Image.NewFromFile(source);
        using var big = photo.Resize((double)BigWidth / photo.Width, kernel: Vips.Enums.Kernel.Lanczos3, vscale: (double)BigHeight / photo.Height);
        big.Pngsave(png, compression: 6);
        big.Jpegsave(jpeg, q: 90);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"24 MP test images: {Path.GetFileName(source)} upscaled (Lanczos-3) to {big.Width}x{big.Height}; " +
            $"PNG {new FileInfo(png).Length / 1e6:F1} MB, JPEG q90 {new FileInfo(jpeg).Length / 1e6:F1} MB."));
        Console.WriteLine();
        return (png, jpeg);
    }

    private static void ReportThroughput(string png, string jpeg, int repeats)
    {
        Console.WriteLine("| 24 MP decode | libvips ms | SkiaSharp ms | Skia / vips | libvips MP/s | SkiaSharp MP/s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach ((string label, string path) in new[] { ("JPEG", jpeg), ("PNG", png) })
        {
            Settle();
            Row($"{label}, to 8-bit interleaved", Timing.MedianMs(() => VipsDecodeOnly(path), repeats), Timing.MedianMs(() => SkiaDecodeOnly(path), repeats));
            Settle();
            Row($"{label}, to PlanarImage (float CHW)", Timing.MedianMs(() => VipsToPlanar(path), repeats), Timing.MedianMs(() => SkiaToPlanar(path), repeats));
        }

        Console.WriteLine();

        static void Row(string label, double vips, double skia) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {vips:F0} | {skia:F0} | {skia / vips:F2} | {24.0 / (vips / 1000):F0} | {24.0 / (skia / 1000):F0} |"));
    }

    /// <summary>Collects the previous rows' 300 MB buffers so that their garbage is not charged to the next row.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static void ReportPeakMemory(string png, string jpeg, int threads)
    {
        Console.WriteLine("| peak RSS, one decode to PlanarImage in a fresh process | libvips MiB | SkiaSharp MiB | Skia / vips |");
        Console.WriteLine("|---|---|---|---|");
        foreach ((string label, string path) in new[] { ("JPEG 24 MP", jpeg), ("PNG 24 MP", png) })
        {
            (double vipsBase, double vipsPeak) = MeasureChild("vips", path, threads);
            (double skiaBase, double skiaPeak) = MeasureChild("skia", path, threads);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} (above the idle process: vips +{vipsPeak - vipsBase:F0}, Skia +{skiaPeak - skiaBase:F0}) | {vipsPeak:F0} | {skiaPeak:F0} | {skiaPeak / vipsPeak:F2} |"));
        }

        Console.WriteLine("The float32 result alone is 24 MP x 3 x 4 B = 275 MiB.");
    }

    private static (double Baseline, double Peak) MeasureChild(string library, string path, int threads)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(typeof(CodecSuite).Assembly.Location);
        }

        foreach (string argument in new[] { "--threads", threads.ToString(CultureInfo.InvariantCulture), "--repeats", "1", "codecs" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[ChildVariable] = $"{library}|{path}";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the child process.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {library} child failed ({process.ExitCode}): {stderr.Result}");
        }

        string json = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(l => l.StartsWith('{'));
        using JsonDocument document = JsonDocument.Parse(json);
        return (document.RootElement.GetProperty("baseline").GetDouble(), document.RootElement.GetProperty("peak").GetDouble());
    }

    /// <summary>Child mode: load both libraries on a tiny image, note VmHWM, decode the big file once, note VmHWM again.</summary>
    private static void RunChild(string spec)
    {
        string[] parts = spec.Split('|', 2);
        string tiny = Path.Combine(Path.GetTempPath(), $"downscale-codecs-tiny-{Environment.ProcessId}.png");
        ImageFile.WritePng(tiny, new PlanarImage(3, 4, 4));
        VipsToPlanar(tiny);
        SkiaToPlanar(tiny);
        File.Delete(tiny);
        double baseline = Timing.PeakRssMiB();
        PlanarImage image = parts[0] == "vips" ? VipsToPlanar(parts[1]) : SkiaToPlanar(parts[1]);
        double peak = Timing.PeakRssMiB();
        GC.KeepAlive(image);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"baseline\": {baseline:F1}, \"peak\": {peak:F1}}}"));
    }

    private static PlanarImage VipsToPlanar(string path) => ImageFile.Read(path);

    /// <summary>The ImageAnalytics path: SkiaSharp decodes into the MLImage's bitmap, our conversion makes 3 planes.</summary>
    private static PlanarImage SkiaToPlanar(string path)
    {
        using MLImage image = MLImage.CreateFromFile(path);
        return image.ToPlanarImage();
    }

    private static void VipsDecodeOnly(string path)
    {
        using var image = Vips.Image.NewFromFile(path, access: Vips.Enums.Access.Sequential);
        nint pixels = image.WriteToMemory(out _);
        Vips.NetVips.Free(pixels);
    }

    private static void SkiaDecodeOnly(string path)
    {
        using SKBitmap bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException(path);
    }

    private static unsafe Span<byte> PixelSpan(SKBitmap bitmap) =>
        new((void*)bitmap.GetPixels(), bitmap.ByteCount);

    private static string DataRoot() =>
        Environment.GetEnvironmentVariable("DOWNSCALE_DATA") is { Length: > 0 } custom
            ? custom
            : Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data"));
}
