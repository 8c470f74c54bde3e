using ServiceInsights.Data.Delivery;
using ServiceInsights.Web.Delivery;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Cli;

/// <summary><c>deliver run</c>: a month's report mails now, through <see cref="DeliveryRunner"/> as the scheduler sends them.</summary>
public static class DeliverVerbs
{
    public static async Task<int> RunAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var month = options.Month();
        var subscription = options.Get("subscription");
        // --to a --to b, --to a,b and --to a b name the same two recipients.
        if (options.All("to").Any(string.IsNullOrWhiteSpace))
        {
            throw new CliUsageException("option --to needs an e-mail address");
        }

        var to = options.Has("to")
            ? [.. options.All("to").Concat(options.Positional).SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : (IReadOnlyList<string>?)null;
        if (to is null && options.Positional.Count > 0)
        {
            throw new CliUsageException($"unexpected argument '{options.Positional[0]}'");
        }

        if (subscription is not null && to is not null)
        {
            throw new CliUsageException("give --subscription or --to, not both");
        }

        var language = options.Get("lang");
        if (language is not null && (to is null || !Localization.Supported.Contains(language)))
        {
            throw new CliUsageException(to is null
                ? "--lang goes with --to (a subscription has its own language)"
                : $"--lang '{language}' is not one of {string.Join(", ", Localization.Supported)}");
        }

        var dryRun = options.Has("dry-run");
        var outcomes = await services.GetRequiredService<DeliveryRunner>().RunAsync(
            new DeliveryRequest(month, DeliveryOccasion.Manual, subscription, to, dryRun, Language: language));
        if (outcomes.Count == 0)
        {
            output.WriteLine(subscription is null && to is null ? "No enabled subscription: nothing to send." : "Nobody to send to.");
            return CommandLine.Ok;
        }

        foreach (var outcome in outcomes)
        {
            output.WriteLine($"{outcome.Result,-11} {outcome.Recipient}  [{outcome.Subscription}]" + (outcome.Error is { } error ? $"  {error}" : ""));
            if (outcome.Mail is { } mail && (dryRun || outcome.Result == DeliveryResult.Sent))
            {
                output.WriteLine($"    subject: {mail.Subject}");
                foreach (var file in mail.Attachments)
                {
                    output.WriteLine($"    {file.FileName} ({file.Content.Length:N0} bytes)");
                }

                if (dryRun)
                {
                    foreach (var line in mail.Body.Split('\n'))
                    {
                        output.WriteLine($"    | {line}");
                    }
                }
            }
        }

        return outcomes.Any(o => o.Result is DeliveryResult.Failed or DeliveryResult.Retrying or DeliveryResult.Refused) ? CommandLine.Failed : CommandLine.Ok;
    }
}
