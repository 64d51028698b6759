namespace Downscale.Core.Raw;

/// <summary>
/// LibRaw's black levels as stored after <c>libraw_raw2image</c>: a common <c>black</c>, a per-colour
/// <c>cblack[0..3]</c>, and an optional repeating pattern <c>cblack[6..]</c> of <c>cblack[4]</c> rows by
/// <c>cblack[5]</c> columns (the DNG BlackLevel tag with BlackLevelRepeatDim), all added together.
/// </summary>
internal readonly unsafe struct LibRawBlackLevels
{
    private readonly uint* _cblack;
    private readonly uint _black;
    private readonly int _patternRows;
    private readonly int _patternColumns;

    public LibRawBlackLevels(byte* cblack, uint black, int cblackSize)
    {
        _cblack = (uint*)cblack;
        _black = black;
        _patternRows = (int)_cblack[4];
        _patternColumns = (int)_cblack[5];
        if (_patternRows < 0 || _patternColumns < 0 || (long)_patternRows * _patternColumns > cblackSize - 6)
        {
            // A pattern larger than the array is corrupt metadata; ignore it rather than read past cblack.
            _patternRows = _patternColumns = 0;
        }
    }

    /// <summary>The black level of the pixel at (y, x) whose LibRaw colour index is <paramref name="colorIndex"/>.</summary>
    public double At(int y, int x, int colorIndex)
    {
        double level = (double)_black + _cblack[colorIndex];
        if (_patternRows > 0 && _patternColumns > 0)
        {
            level += _cblack[6 + ((y % _patternRows) * _patternColumns) + (x % _patternColumns)];
        }

        return level;
    }
}
