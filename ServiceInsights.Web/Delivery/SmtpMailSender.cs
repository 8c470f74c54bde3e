using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web.Exports;

namespace ServiceInsights.Web.Delivery;

public enum SmtpSecurity { None, StartTls, SslOnConnect }

/// <summary>
/// <c>Smtp:*</c>: the server the report mails go through. <see cref="Password"/> comes from the environment
/// (<c>Smtp__Password</c>) or user secrets, never from appsettings.json or the database, and is never logged.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, e.g. "工程服务部 &lt;reports@example.cn&gt;".</summary>
    public string? From { get; set; }

    /// <summary>How long one connection, command or upload may take before the send fails (and is retried).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    /// <summary>What is wrong, or null. Names the key; never shows the password.</summary>
    public SmtpProblem? Problem() =>
        string.IsNullOrWhiteSpace(Host) ? new SmtpProblem("Smtp:Host", SmtpProblemReason.NotSet)
        : string.IsNullOrWhiteSpace(From) || !MailboxAddress.TryParse(From, out _) ? new SmtpProblem("Smtp:From", SmtpProblemReason.NotAnAddress, From ?? "")
        : Port is < 1 or > 65535 ? new SmtpProblem("Smtp:Port", SmtpProblemReason.NotAPort, Port)
        : TimeoutSeconds < 1 ? new SmtpProblem("Smtp:TimeoutSeconds", SmtpProblemReason.BelowOne)
        : null;
}

public enum SmtpProblemReason { NotSet, NotAnAddress, NotAPort, BelowOne }

/// <summary>
/// One wrong key of the <c>Smtp</c> section: the key (literal in every language), why, and the value given. <see cref="Message"/>
/// is English (the log, the verb); the page words it from <c>Delivery.Smtp.Problem.{Reason}</c> with the key and the value.
/// </summary>
public sealed record SmtpProblem(string Key, SmtpProblemReason Reason, object? Value = null)
{
    public string Message => Reason switch
    {
        SmtpProblemReason.NotSet => $"{Key} is not set; no mail can be sent.",
        SmtpProblemReason.NotAnAddress => $"{Key} '{Value}' is not an e-mail address.",
        SmtpProblemReason.NotAPort => $"{Key} {Value} is not a port number.",
        _ => $"{Key} must be at least 1.",
    };

    /// <summary>The key and the value given, for the delivery log's detail.</summary>
    public string Detail => Value is null ? Key : $"{Key} = {Value}";
}

/// <summary>One report mail: to one recipient, a subject, a plain-text body and the files.</summary>
public sealed record DeliveryMail(string To, string Subject, string Body, IReadOnlyList<ReportFile> Attachments);

/// <summary>
/// Raised when a mail could not be sent; the message says why in English (the log, the verb). Its kind
/// (<see cref="RefusalException{TReason}.Reason"/>) and <see cref="Detail"/> (what the server said, the key, or null) are what
/// the delivery log keeps, so the page says what went wrong in its language and still shows what the server said.
/// </summary>
public sealed class DeliveryFailedException(string message, DeliveryFailure failure, string? detail = null, Exception? inner = null)
    : RefusalException<DeliveryFailure>(message, failure, [], inner)
{
    public string? Detail { get; } = detail;
}

/// <summary>Hands mails to the SMTP server of <see cref="SmtpOptions"/> with MailKit, one connection per mail.</summary>
public sealed class SmtpMailSender(IOptionsMonitor<SmtpOptions> options)
{
    public async Task SendAsync(DeliveryMail mail, CancellationToken cancellationToken = default)
    {
        var smtp = options.CurrentValue;
        if (smtp.Problem() is { } problem)
        {
            throw new DeliveryFailedException(problem.Message, DeliveryFailure.Configuration, problem.Detail);
        }

        var message = ToMime(mail, smtp.From!);
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds * 3));
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, timeout.Token);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", timeout.Token);
            }

            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(true, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested || ex is TimeoutException)
        {
            throw new DeliveryFailedException($"The SMTP server {smtp.Host}:{smtp.Port} did not answer within {smtp.TimeoutSeconds} s.",
                DeliveryFailure.Timeout, $"{smtp.Host}:{smtp.Port}, {smtp.TimeoutSeconds} s", ex);
        }
        catch (SmtpCommandException ex)
        {
            throw new DeliveryFailedException($"The SMTP server {smtp.Host}:{smtp.Port} refused the mail to {mail.To}: {(int)ex.StatusCode} {ex.Message}",
                DeliveryFailure.Refused, $"{smtp.Host}:{smtp.Port}: {(int)ex.StatusCode} {ex.Message}", ex);
        }
        catch (AuthenticationException ex)
        {
            throw new DeliveryFailedException($"The SMTP server {smtp.Host}:{smtp.Port} did not accept the user {smtp.User}: {ex.Message}",
                DeliveryFailure.Authentication, $"{smtp.Host}:{smtp.Port}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or SslHandshakeException or IOException
                                       or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException)
        {
            throw new DeliveryFailedException($"The SMTP server {smtp.Host}:{smtp.Port} could not be used: {ex.Message}",
                DeliveryFailure.Connection, $"{smtp.Host}:{smtp.Port}: {ex.Message}", ex);
        }
    }

    public static MimeMessage ToMime(DeliveryMail mail, string from)
    {
        var message = new MimeMessage { Subject = mail.Subject };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(mail.To));
        var body = new BodyBuilder { TextBody = mail.Body };
        foreach (var file in mail.Attachments)
        {
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
