using Microsoft.ML.OnnxRuntime;

namespace Downscale.Onnx.Runtime;

/// <summary>
/// How an <see cref="OnnxDownscaler"/>'s ONNX Runtime session runs: threads, graph optimisation, memory arena and
/// execution provider. Immutable; values are checked when set.
/// </summary>
public sealed record OnnxScoringOptions
{
    /// <summary>Threads inside one operator (ONNX Runtime's intra-op pool); 0 lets ONNX Runtime choose (one per physical core).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int IntraOpThreads
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), value, "Thread counts are 0 (ONNX Runtime's choice) or positive.");
    }

    /// <summary>Threads across independent operators (used only with parallel execution); 0 lets ONNX Runtime choose.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int InterOpThreads
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(InterOpThreads), value, "Thread counts are 0 (ONNX Runtime's choice) or positive.");
    }

    /// <summary>Graph optimisation level. Default <see cref="GraphOptimizationLevel.ORT_ENABLE_ALL"/>, which is also ONNX Runtime's own default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public GraphOptimizationLevel GraphOptimization
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(GraphOptimization), value, "Not a graph optimisation level.");
    } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>
    /// Whether the CPU provider keeps freed buffers in its arena for the next run (faster, but the process keeps its peak
    /// memory). Default true, ONNX Runtime's default.
    /// </summary>
    public bool MemoryArena { get; init; } = true;

    /// <summary>Where the graph runs. Default <see cref="OnnxExecutionProvider.Cpu"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public OnnxExecutionProvider ExecutionProvider
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(ExecutionProvider), value, "Not an execution provider.");
    }

    /// <summary>The GPU to use with <see cref="OnnxExecutionProvider.Cuda"/>. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int DeviceId
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(DeviceId), value, "Device ids are not negative.");
    }
}

/// <summary>ONNX Runtime execution providers this library can ask for.</summary>
public enum OnnxExecutionProvider
{
    /// <summary>The CPU provider, in every ONNX Runtime build.</summary>
    Cpu = 0,

    /// <summary>NVIDIA CUDA, only in the GPU build (<c>dotnet build -p:DownscaleGpu=true</c>, Microsoft.ML.OnnxRuntime.Gpu).</summary>
    Cuda = 1,
}
