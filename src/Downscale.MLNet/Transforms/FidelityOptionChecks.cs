namespace Downscale.MLNet.Transforms;

/// <summary>The option checks that the image and RAW fidelity estimators share.</summary>
internal static class FidelityOptionChecks
{
    /// <summary>Refuses blank column names, a null prefix or a negative crop, naming the option.</summary>
    public static void Check(string predictionColumnName, string targetColumnName, string columnPrefix, int cropBorder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(predictionColumnName, "PredictionColumnName");
        ArgumentException.ThrowIfNullOrWhiteSpace(targetColumnName, "TargetColumnName");
        ArgumentNullException.ThrowIfNull(columnPrefix, "ColumnPrefix");
        ArgumentOutOfRangeException.ThrowIfNegative(cropBorder, "CropBorder");
    }
}
