using Microsoft.ML.OnnxRuntime;

namespace Downscale.Onnx.Runtime;

/// <summary>Creates ONNX Runtime sessions from <see cref="OnnxScoringOptions"/>, turning every failure into a typed error.</summary>
public static class OnnxSessions
{
    private const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>The session options that <paramref name="options"/> describe; the caller disposes them.</summary>
    /// <exception cref="ExecutionProviderUnavailableException">The provider is not in this ONNX Runtime build.</exception>
    public static SessionOptions CreateSessionOptions(OnnxScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireProvider(options.ExecutionProvider); // before any native provider call
        var session = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
            GraphOptimizationLevel = options.GraphOptimization,
            EnableCpuMemArena = options.MemoryArena,
        };
        try
        {
            if (options.ExecutionProvider == OnnxExecutionProvider.Cuda)
            {
                session.AppendExecutionProvider_CUDA(options.DeviceId);
            }
        }
        catch (OnnxRuntimeException e)
        {
            session.Dispose();
            throw new ExecutionProviderUnavailableException($"ONNX Runtime could not start CUDA on device {options.DeviceId}: {e.Message}", e);
        }

        return session;
    }

    /// <summary>Opens <paramref name="model"/> (the bytes of an .onnx file) in a session.</summary>
    /// <param name="model">The serialized model.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <param name="options">Threads, optimisation, arena and provider.</param>
    /// <exception cref="OnnxModelFormatException">The bytes are not a model ONNX Runtime can load.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The provider is not in this build.</exception>
    public static InferenceSession Open(byte[] model, string source, OnnxScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Length == 0)
        {
            throw new OnnxModelFormatException($"'{source}' is empty, not an ONNX model.");
        }

        using SessionOptions sessionOptions = CreateSessionOptions(options);
        try
        {
            return new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxModelFormatException($"'{source}' is not a valid ONNX model (corrupt, truncated, or using operators this ONNX Runtime lacks): {e.Message}", e);
        }
    }

    /// <summary>The execution providers in this ONNX Runtime build, e.g. <c>CPUExecutionProvider</c>.</summary>
    public static IReadOnlyList<string> AvailableProviders() => OrtEnv.Instance().GetAvailableProviders();

    private static void RequireProvider(OnnxExecutionProvider provider)
    {
        if (provider == OnnxExecutionProvider.Cuda && !AvailableProviders().Contains(CudaProvider))
        {
            throw new ExecutionProviderUnavailableException(
                $"The CUDA execution provider is not in this ONNX Runtime build (it has {string.Join(", ", AvailableProviders())}). " +
                "Build with -p:DownscaleGpu=true to use Microsoft.ML.OnnxRuntime.Gpu (docs/onnx.md), or score on the CPU.");
        }
    }
}
