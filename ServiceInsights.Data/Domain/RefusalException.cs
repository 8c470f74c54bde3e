namespace ServiceInsights.Data.Domain;

/// <summary>
/// Something refused or failed for a reason the user must read (a stale page, a missing field, a mail server that said no);
/// nothing was stored. <see cref="Exception.Message"/> is English, for the log and the CLI; <see cref="Reason"/> and
/// <see cref="Args"/> say the same for a page in its language, from the reason's resource (<c>RefusalText</c> in the web
/// project words it). Each area derives one exception with its own reason enumeration.
/// </summary>
public abstract class RefusalException<TReason>(string message, TReason reason, object[] args, Exception? inner = null)
    : InvalidOperationException(message, inner)
    where TReason : struct, Enum
{
    public TReason Reason { get; } = reason;

    public object[] Args { get; } = args;
}
