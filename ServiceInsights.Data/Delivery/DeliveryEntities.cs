namespace ServiceInsights.Data.Delivery;

/// <summary>
/// A subscription to the monthly reports by e-mail: which reports, formats and language, to whom (users by role or by
/// e-mail), and when (the Nth working day of the following month at a local time, and/or when the month is closed).
/// Lists are stored as comma-separated names; <see cref="DeliverySubscriptions"/> reads and writes them.
/// </summary>
public class DeliverySubscriptionRecord
{
    public long Id { get; set; }

    /// <summary>Unique; the <c>deliver run --subscription NAME</c> key.</summary>
    public string Name { get; set; } = "";

    /// <summary>"Callbacks,Kpi": report kinds by name.</summary>
    public string Reports { get; set; } = "";

    /// <summary>"pdf,xlsx".</summary>
    public string Formats { get; set; } = "";

    /// <summary>"zh-CN" or "en-US".</summary>
    public string Language { get; set; } = "";

    /// <summary>"Manager,QualityEngineer": every user holding one of these roles.</summary>
    public string RecipientRoles { get; set; } = "";

    /// <summary>"a@example.cn,b@example.cn": users named by their e-mail address.</summary>
    public string RecipientEmails { get; set; } = "";

    /// <summary>The Nth working day of the month after the report month; null: no dated send.</summary>
    public int? WorkingDay { get; set; }

    /// <summary>The local time of the dated send, minutes after midnight.</summary>
    public int AtMinutes { get; set; }

    public bool OnClose { get; set; }

    public bool Enabled { get; set; }

    /// <summary>UTC. Closes before this moment are not sent (a new subscription does not mail the whole history).</summary>
    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>One change of a subscription: who, when, what (created, changed, deleted) and the values before and after, as JSON.</summary>
public class DeliverySubscriptionChange
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string UserName { get; set; } = "";

    public string Subscription { get; set; } = "";

    public string Action { get; set; } = "";

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }
}

/// <summary>
/// One mail of the delivery log: to one recipient, for one subscription (or an ad-hoc <c>--to</c>), month and occasion.
/// <see cref="DeliveryKey"/> is unique: a second scheduler instance, or a second fire of the same trigger, that tries the
/// same send finds the row and sends nothing. Retries claim the row by compare-and-swap on <see cref="Attempts"/>.
/// </summary>
public class DeliverySendRecord
{
    public long Id { get; set; }

    /// <summary>"sub:12|2026-10|day|li@example.cn": subscription (or "to"), month, occasion, recipient.</summary>
    public string DeliveryKey { get; set; } = "";

    public long? SubscriptionId { get; set; }

    public string SubscriptionName { get; set; } = "";

    public string Month { get; set; } = "";

    /// <summary><see cref="DeliveryOccasion"/> as text, e.g. "WorkingDay", "Closed", "Manual".</summary>
    public string Occasion { get; set; } = "";

    public string Recipient { get; set; } = "";

    /// <summary>The attachments' file names, one per line.</summary>
    public string Files { get; set; } = "";

    /// <summary>Reports the recipient's role may not open, left out of the mail (one per line), or empty.</summary>
    public string Refused { get; set; } = "";

    public bool MonthClosed { get; set; }

    /// <summary><see cref="DeliveryStatus"/> as text.</summary>
    public string Status { get; set; } = "";

    public int Attempts { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// <see cref="DeliveryFailure"/> as text (at most 16 characters: the column is not an enum, so a new kind needs no
    /// migration); <see cref="Error"/> is then the detail shown beneath the page's sentence — the server's own text, the key, the
    /// exception — or null. Null in rows written before every failure had a kind, where <see cref="Error"/> is the English reason.
    /// </summary>
    public string? Failure { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }
}

public enum DeliveryOccasion { WorkingDay, Closed, Manual }

/// <summary>Sending: claimed by one instance; Retrying: failed, tried again at NextAttemptAt; Failed: the attempts ran out.</summary>
public enum DeliveryStatus { Sending, Sent, Retrying, Failed }

/// <summary>
/// Why a mail was not sent; stored by name in <c>DeliverySends.Failure</c> (16 characters at most), worded by the page from
/// <c>Delivery.Failure.{Kind}</c>.
/// </summary>
public enum DeliveryFailure
{
    /// <summary>The SMTP server refused the mail (a 4xx/5xx reply). Detail: what it said.</summary>
    Refused,

    /// <summary>The SMTP server did not answer in time. Detail: the server and the time-out.</summary>
    Timeout,

    /// <summary>The SMTP server did not accept the user and password. Detail: what it said.</summary>
    Authentication,

    /// <summary>The SMTP server could not be reached or spoken to (connection, TLS, protocol). Detail: the error.</summary>
    Connection,

    /// <summary>The <c>Smtp</c> section is wrong. Detail: the key and the value.</summary>
    Configuration,

    /// <summary>The recipient's address is not a user's (only users receive reports; the user may have been deleted).</summary>
    NotAUser,

    /// <summary>The recipient's role may open none of the subscription's reports (at the first attempt or by a later one).</summary>
    NotPermitted,

    /// <summary>The subscription was deleted before a retry; the send is given up.</summary>
    Deleted,

    /// <summary>The mail could not be built (a report, a file, an address). Detail: the exception.</summary>
    Compose,

    /// <summary>Something unforeseen failed while sending the built mail or recording the send. Detail: the exception.</summary>
    Internal,
}
