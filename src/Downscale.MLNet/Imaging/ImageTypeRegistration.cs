using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Downscale.MLNet.Imaging;

/// <summary>
/// Tells ML.NET's type system that <see cref="MLImage"/> is the .NET type of an image column, so that
/// <c>CustomMapping</c> classes (our persisted stages) can read and write image columns.
/// </summary>
/// <remarks>
/// ImageAnalytics does not register the mapping itself. Registering the same pair again is allowed by ML.NET, so this
/// is idempotent; it runs from the static constructor of every persisted stage, which ML.NET instantiates while loading
/// a model, so a plain <c>mlContext.Model.Load</c> needs no extra call for it.
/// </remarks>
internal static class ImageTypeRegistration
{
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Registers <see cref="MLImage"/> as <see cref="ImageDataViewType"/> (of unknown size) once per process.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!registered)
            {
                DataViewTypeManager.Register(new ImageDataViewType(), typeof(MLImage));
                registered = true;
            }
        }
    }
}
