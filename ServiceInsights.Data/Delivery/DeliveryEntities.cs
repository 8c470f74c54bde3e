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
    /// <see cref="DeliveryFailure"/> as text when the SMTP server or its configuration failed the send; <see cref="Error"/> is
    /// then the server's own text (or the key). Null for other failures, where <see cref="Error"/> is the English reason.
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
/// Why the SMTP server did not take a mail: it refused it (a 4xx/5xx reply), did not answer in time, did not accept the user
/// and password, could not be reached or spoken to (connection, TLS, protocol), or the <c>Smtp</c> section is wrong.
/// </summary>
public enum DeliveryFailure { Refused, Timeout, Authentication, Connection, Configuration }
