using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace ServiceInsights.Web;

/// <summary>
/// Marker for the UI strings in <c>Resources/SharedResource.resx</c> (zh-CN, the neutral language) and
/// <c>Resources/SharedResource.en.resx</c> (English).
/// </summary>
public sealed class SharedResource;
