using Downscale.Core.Raw;

namespace Downscale.Core.Tests.Raw;

public class CfaPatternTests
{
    [Theory]
    [InlineData("RGGB", CfaPattern.Rggb)]
    [InlineData("bggr", CfaPattern.Bggr)]
    [InlineData(" GRBG ", CfaPattern.Grbg)]
    [InlineData("GBRG", CfaPattern.Gbrg)]
    public void Parse_KnownNames_RoundTripThroughToName(string name, CfaPattern expected)
    {
        Assert.Equal(expected, CfaPatterns.Parse(name));
        Assert.Equal(name.Trim().ToUpperInvariant(), expected.ToName());
    }

    [Theory]
    [InlineData("RGBG")]
    [InlineData("XTRANS")]
    [InlineData("")]
    public void Parse_UnknownName_ThrowsFormatExceptionListingThePatterns(string name)
    {
        var e = Assert.Throws<FormatException>(() => CfaPatterns.Parse(name));
        Assert.Contains("RGGB, BGGR, GRBG or GBRG", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CfaPattern.Rggb, "RGGB")]
    [InlineData(CfaPattern.Bggr, "BGGR")]
    [InlineData(CfaPattern.Grbg, "GRBG")]
    [InlineData(CfaPattern.Gbrg, "GBRG")]
    public void ColorAt_FollowsTheNameInRasterOrderAndRepeatsEveryTwoPixels(CfaPattern pattern, string name)
    {
        for (int y = 0; y < 6; y++)
        {
            for (int x = 0; x < 6; x++)
            {
                char letter = name[((y % 2) * 2) + (x % 2)];
                Assert.Equal(letter, pattern.ColorAt(y, x).ToString()[0]);
            }
        }

        Assert.Equal(pattern, CfaPatterns.FromBlock(pattern.ColorAt(0, 0), pattern.ColorAt(0, 1), pattern.ColorAt(1, 0), pattern.ColorAt(1, 1)));
    }

    [Fact]
    public void FromBlock_NonBayerBlock_ThrowsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => CfaPatterns.FromBlock(CfaColor.Red, CfaColor.Red, CfaColor.Green, CfaColor.Blue));
        Assert.Throws<NotSupportedException>(() => CfaPatterns.FromBlock(CfaColor.Green, CfaColor.Red, CfaColor.Green, CfaColor.Blue));
    }
}
