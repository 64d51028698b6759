using Downscale.Torch.Native;

namespace Downscale.MLNet.Torch;

/// <summary>
/// How the TorchSharp downscalers travel as bytes: a safetensors file, written and read through a temporary file
/// (TorchSharp's safetensors I/O works on paths).
/// </summary>
internal static class SafetensorsPayload
{
    /// <summary>Loads a model file and keeps its own bytes (what a saved pipeline carries, so the reloaded model is this one bit for bit).</summary>
    /// <param name="path">The safetensors file.</param>
    /// <param name="what">The model kind in the message (<c>ADK-Net</c>).</param>
    /// <param name="load">Loads the network from a path.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static (T Network, byte[] Bytes) Open<T>(string path, string what, Func<string, T> load)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        TorchNative.EnsureLoaded();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} model '{path}' does not exist.", path);
        }

        byte[] bytes = File.ReadAllBytes(path);
        return (load(path), bytes);
    }

    /// <summary>A network rebuilt from safetensors bytes.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="prefix">The temporary file's name prefix (<c>downscale-adknet</c>).</param>
    /// <param name="load">Loads the network from a path.</param>
    public static T Load<T>(byte[] bytes, string prefix, Func<string, T> load)
    {
        TorchNative.EnsureLoaded();
        string temporary = TemporaryPath(prefix);
        try
        {
            File.WriteAllBytes(temporary, bytes);
            return load(temporary);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The bytes of a network saved as float32 safetensors.</summary>
    /// <param name="prefix">The temporary file's name prefix.</param>
    /// <param name="save">Saves the network to a path.</param>
    public static byte[] Serialize(string prefix, Action<string> save)
    {
        string temporary = TemporaryPath(prefix);
        try
        {
            save(temporary);
            return File.ReadAllBytes(temporary);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string TemporaryPath(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.safetensors");
}
