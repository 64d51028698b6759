namespace Downscale.Core.Data;

/// <summary>
/// Pairs the files of an HR folder with those of an LR folder by name: an HR file <c>name + hrSuffix</c> goes with the
/// LR file <c>name + lrSuffix</c>. Every HR file needs its LR partner and every LR file its HR partner; a lone file is
/// an error that names it. File names are listed (nothing is opened), pairs come out sorted by name (ordinal).
/// </summary>
internal static class PairedFolders
{
    /// <summary>The matched (name, HR path, LR path) triples, sorted by name.</summary>
    /// <exception cref="DirectoryNotFoundException">A folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file has no partner; the message names the file and the missing partner.</exception>
    public static List<(string Name, string HrPath, string LrPath)> Match(
        string hrFolder, string hrSuffix, string lrFolder, string lrSuffix)
    {
        SortedDictionary<string, string> hr = ListByName(hrFolder, hrSuffix);
        SortedDictionary<string, string> lr = ListByName(lrFolder, lrSuffix);
        var pairs = new List<(string, string, string)>(hr.Count);
        foreach ((string name, string hrPath) in hr)
        {
            if (!lr.TryGetValue(name, out string? lrPath))
            {
                string expected = Path.Combine(lrFolder, name + lrSuffix);
                throw new FileNotFoundException(
                    $"The HR image '{hrPath}' has no LR partner: '{expected}' does not exist.", expected);
            }

            pairs.Add((name, hrPath, lrPath));
        }

        foreach ((string name, string lrPath) in lr)
        {
            if (!hr.ContainsKey(name))
            {
                string expected = Path.Combine(hrFolder, name + hrSuffix);
                throw new FileNotFoundException(
                    $"The LR image '{lrPath}' has no HR partner: '{expected}' does not exist.", expected);
            }
        }

        return pairs;
    }

    /// <summary>Throws <see cref="DirectoryNotFoundException"/> naming <paramref name="folder"/> and what it should hold.</summary>
    public static void RequireFolder(string folder, string what)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The {what} folder '{folder}' does not exist.");
        }
    }

    /// <summary>Throws <see cref="FileNotFoundException"/> when a sidecar file is missing.</summary>
    public static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} '{path}' does not exist.", path);
        }
    }

    private static SortedDictionary<string, string> ListByName(string folder, string suffix)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(folder, "*" + suffix))
        {
            string fileName = Path.GetFileName(path);
            // The wildcard is case-insensitive on some systems and matches 8.3 names on others: check exactly.
            if (fileName.Length > suffix.Length && fileName.EndsWith(suffix, StringComparison.Ordinal))
            {
                files.Add(fileName[..^suffix.Length], path);
            }
        }

        return files;
    }
}
