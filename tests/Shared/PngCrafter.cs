using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Downscale.Tests;

/// <summary>
/// Builds PNG files byte by byte (signature, chunks with CRC, unfiltered scanlines through zlib), so that tests own
/// exact, codec-independent fixtures: every bit depth and colour type, palettes, and deliberately broken headers.
/// </summary>
internal static class PngCrafter
{
    /// <summary>PNG colour types.</summary>
    public const byte Gray = 0, Rgb = 2, Palette = 3, GrayAlpha = 4, Rgba = 6;

    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>A complete PNG of interleaved samples (8 or 16-bit; 16-bit are written big-endian).</summary>
    public static byte[] Encode(int width, int height, int bitDepth, byte colorType, ReadOnlySpan<ushort> samples, byte[]? palette = null, byte[]? transparency = null)
    {
        int channels = colorType switch { Gray => 1, Rgb => 3, Palette => 1, GrayAlpha => 2, Rgba => 4, _ => throw new ArgumentOutOfRangeException(nameof(colorType)) };
        var raw = new MemoryStream();
        int rowBits = width * channels * bitDepth;
        for (int y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter type None
            var row = new byte[(rowBits + 7) / 8];
            for (int x = 0; x < width * channels; x++)
            {
                ushort v = samples[(y * width * channels) + x];
                if (bitDepth == 16)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(2 * x), v);
                }
                else if (bitDepth == 8)
                {
                    row[x] = (byte)v;
                }
                else
                {
                    int bit = x * bitDepth;
                    row[bit / 8] |= (byte)(v << (8 - bitDepth - (bit % 8)));
                }
            }

            raw.Write(row);
        }

        return Assemble(Header(width, height, bitDepth, colorType), palette, transparency, Compress(raw.ToArray()));
    }

    /// <summary>Signature + IHDR (+ PLTE, tRNS) + one IDAT + IEND.</summary>
    public static byte[] Assemble(byte[] ihdrData, byte[]? palette, byte[]? transparency, byte[] idatData)
    {
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", ihdrData);
        if (palette is not null)
        {
            WriteChunk(png, "PLTE", palette);
        }

        if (transparency is not null)
        {
            WriteChunk(png, "tRNS", transparency);
        }

        WriteChunk(png, "IDAT", idatData);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The 13 bytes of an IHDR chunk (any dimensions, including absurd ones).</summary>
    public static byte[] Header(int width, int height, int bitDepth, byte colorType)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(data, width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), height);
        data[8] = (byte)bitDepth;
        data[9] = colorType;
        return data; // compression, filter and interlace methods 0
    }

    /// <summary>zlib-compresses <paramref name="data"/>.</summary>
    public static byte[] Compress(byte[] data)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Offset of the first byte of the data of chunk <paramref name="type"/>.</summary>
    public static int FindChunkData(byte[] png, string type)
    {
        int at = 8;
        while (at + 8 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (Encoding.ASCII.GetString(png, at + 4, 4) == type)
            {
                return at + 8;
            }

            at += 12 + length;
        }

        throw new InvalidOperationException($"No {type} chunk.");
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typeAndData));
        png.Write(length);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFF;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
