using ServiceInsights.Data.Worklist;

namespace ServiceInsights.Web.Hosting;

/// <summary>The services and endpoints of acting on the month: the callback worklist and its downloads.</summary>
public static class WorklistHosting
{
    public static IServiceCollection AddWorklist(this IServiceCollection services)
    {
        services.AddSingleton<CallbackWorklistQuery>();
        return services;
    }
}
