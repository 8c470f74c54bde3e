using Quartz;

namespace ServiceInsights.Web.Delivery;

/// <summary>
/// The scheduler's one job: a round of <see cref="DeliveryRunner.RunDueAsync"/> every <c>Delivery:PollSeconds</c>. Its trigger
/// lives in the Quartz job store in the app's database; on SQL Server the schedulers of every instance form a cluster, so one
/// of them fires each round. Whatever fires, a mail goes out once: its key in the delivery log is claimed first.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DeliveryJob(DeliveryRunner runner, ILogger<DeliveryJob> logger) : IJob
{
    public static readonly JobKey Key = new("delivery-round", "delivery");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var outcomes = await runner.RunDueAsync(cancellationToken);
        if (outcomes.Count > 0)
        {
            logger.LogInformation("Delivery round: {Sent} sent, {Failed} failed or waiting for a retry, {Refused} refused",
                outcomes.Count(o => o.Result == DeliveryResult.Sent),
                outcomes.Count(o => o.Result is DeliveryResult.Failed or DeliveryResult.Retrying),
                outcomes.Count(o => o.Result == DeliveryResult.Refused));
        }
    }
}
