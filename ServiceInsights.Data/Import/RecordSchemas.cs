using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Import;

/// <summary>The seven record kinds of the import format.</summary>
public enum RecordKind { Tickets, Repairs, RepairUpdates, SiteVisits, Callbacks, Complaints, Quotes }

/// <summary>How a cell is read (docs/IMPORT-FORMAT.md, "Values").</summary>
public enum FieldType
{
    Text,

    /// <summary>A local date-time in the department's time zone, stored as UTC.</summary>
    DateTime,

    Date,

    /// <summary>是/否, Y/N, yes/no, true/false, 1/0, ✓; empty = unknown.</summary>
    YesNo,

    /// <summary>Chinese word or English alias, case-insensitive.</summary>
    Enum,

    /// <summary>非常满意 5 · 满意 4 · 一般 3 · 不满意 2 · 非常不满意 1, or the number.</summary>
    Satisfaction,

    /// <summary>An integer 1–5.</summary>
    Score,

    Decimal,
}

/// <summary>One column of the import format: the entity property it fills, its Chinese and English headers, its type.</summary>
public sealed record ImportField(string Property, string Chinese, string English, FieldType Type, bool IsKey = false, bool Required = false)
{
    /// <summary>For <see cref="FieldType.Enum"/>: Chinese word → value (the English alias is the value's name).</summary>
    public IReadOnlyList<(string Chinese, object Value)> EnumWords { get; init; } = [];

    /// <summary>Chinese word and English alias (case-insensitive) → value.</summary>
    internal IReadOnlyDictionary<string, object> ChoiceByWord => _choiceByWord ??= EnumWords
        .SelectMany(w => new[] { (Word: w.Chinese, w.Value), (Word: w.Value.ToString()!, w.Value) })
        .ToDictionary(w => w.Word, w => w.Value, StringComparer.OrdinalIgnoreCase);

    private IReadOnlyDictionary<string, object>? _choiceByWord;

    /// <summary>The header a user reads in a zh-CN export: 工单号.</summary>
    public string Header(bool chinese) => chinese ? Chinese : English;
}

/// <summary>One record kind: its names, sheet names, columns and entity type. Declared once, used by the readers,
/// the writer, the rejected-rows workbook and the seed generator.</summary>
public sealed class RecordSchema(RecordKind kind, string chinese, Type entityType, IReadOnlyList<ImportField> fields)
{
    public RecordKind Kind { get; } = kind;

    /// <summary>The Chinese name of the kind (工单) — also the sheet name of an XLSX export.</summary>
    public string ChineseName { get; } = chinese;

    public string EnglishName => Kind.ToString();

    public Type EntityType { get; } = entityType;

    public IReadOnlyList<ImportField> Fields { get; } = fields;

    public IReadOnlyList<ImportField> KeyFields { get; } = [.. fields.Where(f => f.IsKey)];

    /// <summary>
    /// Times that cannot come before another of the same record (issue 20, D7): (later, earlier) property names. A row
    /// that has both with the later one first is rejected — a ticket resolved before it was received would count as met.
    /// A callback before its ticket's 来电时间 is checked by the writer, which can see the tickets (<see cref="RecordWriter"/>).
    /// </summary>
    public IReadOnlyList<(string Later, string Earlier)> TimeOrder { get; init; } = [];

    /// <summary>
    /// The columns a person fills in after the fact (callbacks: the callback worklist's round trip). A row whose result
    /// columns are all empty is not filled in yet (未填写): counted and skipped, neither rejected nor stored.
    /// </summary>
    public IReadOnlyList<string> ResultProperties { get; init; } = [];

    public IReadOnlyList<ImportField> ResultFields => [.. Fields.Where(f => ResultProperties.Contains(f.Property))];

    public ImportField? FindByHeader(string header)
    {
        var name = header.Trim();
        return Fields.FirstOrDefault(f => string.Equals(f.Chinese, name, StringComparison.OrdinalIgnoreCase)
                                          || string.Equals(f.English, name, StringComparison.OrdinalIgnoreCase));
    }

    public bool MatchesSheetName(string sheet)
    {
        var name = sheet.Trim();
        return string.Equals(name, ChineseName, StringComparison.OrdinalIgnoreCase)
               || string.Equals(name, EnglishName, StringComparison.OrdinalIgnoreCase)
               || string.Equals(name, $"{ChineseName} {EnglishName}", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The import format (docs/IMPORT-FORMAT.md) as data.</summary>
public static class RecordSchemas
{
    private static ImportField Key(string property, string chinese, string english, FieldType type = FieldType.Text) =>
        new(property, chinese, english, type, IsKey: true, Required: true);

    private static ImportField Text(string property, string chinese, string english) => new(property, chinese, english, FieldType.Text);

    private static ImportField Instant(string property, string chinese, string english, bool required = false) =>
        new(property, chinese, english, FieldType.DateTime, Required: required);

    private static ImportField Day(string property, string chinese, string english) => new(property, chinese, english, FieldType.Date);

    private static ImportField YesNo(string property, string chinese, string english) => new(property, chinese, english, FieldType.YesNo);

    private static ImportField Choice(string property, string chinese, string english, params (string Chinese, object Value)[] words) =>
        new(property, chinese, english, FieldType.Enum) { EnumWords = words };

    private static ImportField Satisfaction(string property) => new(property, "满意度", "Satisfaction", FieldType.Satisfaction);

    public static RecordSchema Tickets { get; } = new(RecordKind.Tickets, "工单", typeof(Ticket),
    [
        Key(nameof(Ticket.TicketNo), "工单号", "TicketNo"),
        Instant(nameof(Ticket.ReceivedAt), "来电时间", "ReceivedAt", required: true),
        Choice(nameof(Ticket.Channel), "渠道", "Channel",
            ("电话", Channel.Phone), ("销售转达", Channel.SalesRelay), ("短信", Channel.Sms), ("来访", Channel.WalkIn), ("其他", Channel.Other)),
        Text(nameof(Ticket.Customer), "客户单位", "Customer"),
        Text(nameof(Ticket.Address), "地址", "Address"),
        Text(nameof(Ticket.Contact), "联系人", "Contact"),
        Text(nameof(Ticket.Phone), "联系电话", "Phone"),
        YesNo(nameof(Ticket.Vip), "VIP", "Vip"),
        Text(nameof(Ticket.ProductName), "产品名称", "ProductName"),
        Text(nameof(Ticket.Model), "型号", "Model"),
        Text(nameof(Ticket.SerialNo), "出厂编号", "SerialNo"),
        Day(nameof(Ticket.PurchaseDate), "购买时间", "PurchaseDate"),
        Choice(nameof(Ticket.Origin), "产品来源", "Origin", ("自产", Origin.SelfMade), ("外购", Origin.Purchased), ("进口", Origin.Imported)),
        Choice(nameof(Ticket.ServiceType), "服务类型", "ServiceType",
            ("咨询", ServiceType.Consult), ("返厂维修", ServiceType.ReturnRepair), ("上门维修", ServiceType.OnsiteRepair),
            ("安装调试", ServiceType.Installation), ("报价", ServiceType.Quote)),
        Text(nameof(Ticket.Problem), "问题描述", "Problem"),
        Text(nameof(Ticket.Solution), "解决方案", "Solution"),
        Text(nameof(Ticket.Notes), "备注", "Notes"),
        Text(nameof(Ticket.Staff), "客服", "Staff"),
        Instant(nameof(Ticket.SmsConfirmedAt), "短信确认时间", "SmsConfirmedAt"),
        Instant(nameof(Ticket.FirstResponseAt), "首次响应时间", "FirstResponseAt"),
        Instant(nameof(Ticket.PromisedBy), "承诺时间", "PromisedBy"),
        Instant(nameof(Ticket.SatisfactoryReplyAt), "满意答复时间", "SatisfactoryReplyAt"),
        Instant(nameof(Ticket.ResolvedAt), "解决时间", "ResolvedAt"),
    ])
    {
        TimeOrder =
        [
            (nameof(Ticket.FirstResponseAt), nameof(Ticket.ReceivedAt)),
            (nameof(Ticket.SatisfactoryReplyAt), nameof(Ticket.ReceivedAt)),
            (nameof(Ticket.ResolvedAt), nameof(Ticket.ReceivedAt)),
        ],
    };

    public static RecordSchema Repairs { get; } = new(RecordKind.Repairs, "返厂维修", typeof(Repair),
    [
        Key(nameof(Repair.RepairNo), "维修单号", "RepairNo"),
        Text(nameof(Repair.TicketNo), "工单号", "TicketNo"),
        Instant(nameof(Repair.ReceivedAt), "收件时间", "ReceivedAt", required: true),
        Instant(nameof(Repair.CsNotifiedAt), "通知客服时间", "CsNotifiedAt"),
        Instant(nameof(Repair.OrderedAt), "下单时间", "OrderedAt"),
        Instant(nameof(Repair.HandedOverAt), "转交品质技术部时间", "HandedOverAt"),
        Instant(nameof(Repair.RepairedAt), "修复时间", "RepairedAt"),
        Instant(nameof(Repair.ShippedAt), "寄回时间", "ShippedAt"),
        Day(nameof(Repair.AgreedDueDate), "约定完成日期", "AgreedDueDate"),
        Text(nameof(Repair.FaultCause), "故障原因", "FaultCause"),
    ])
    {
        TimeOrder = [(nameof(Repair.RepairedAt), nameof(Repair.ReceivedAt))],
    };

    public static RecordSchema RepairUpdates { get; } = new(RecordKind.RepairUpdates, "维修进度", typeof(RepairUpdate),
    [
        Key(nameof(RepairUpdate.RepairNo), "维修单号", "RepairNo"),
        Key(nameof(RepairUpdate.At), "确认时间", "At", FieldType.DateTime),
        Choice(nameof(RepairUpdate.Method), "方式", "Method",
            ("邮件", RepairUpdateMethod.Email), ("面签", RepairUpdateMethod.InPerson), ("电话", RepairUpdateMethod.Phone)),
        Text(nameof(RepairUpdate.Notes), "备注", "Notes"),
    ]);

    public static RecordSchema SiteVisits { get; } = new(RecordKind.SiteVisits, "上门服务", typeof(SiteVisit),
    [
        Key(nameof(SiteVisit.DispatchNo), "委派单号", "DispatchNo"),
        Text(nameof(SiteVisit.TicketNo), "工单号", "TicketNo"),
        Choice(nameof(SiteVisit.Source), "派单来源", "Source", ("销售", DispatchSource.Sales), ("内部", DispatchSource.Internal)),
        Instant(nameof(SiteVisit.OrderedAt), "下单时间", "OrderedAt", required: true),
        Instant(nameof(SiteVisit.DirectorSignedAt), "总监签字时间", "DirectorSignedAt"),
        Instant(nameof(SiteVisit.AppointmentAt), "预约时间", "AppointmentAt"),
        YesNo(nameof(SiteVisit.RescheduledWithNotice), "提前通知改约", "RescheduledWithNotice"),
        Instant(nameof(SiteVisit.ArrivedAt), "到达时间", "ArrivedAt"),
        Instant(nameof(SiteVisit.CompletedAt), "完成时间", "CompletedAt"),
        YesNo(nameof(SiteVisit.FormFiled), "安装调试单", "FormFiled"),
        new(nameof(SiteVisit.SurveyScore), "满意度", "SurveyScore", FieldType.Score),
        Text(nameof(SiteVisit.Engineer), "工程师", "Engineer"),
    ])
    {
        TimeOrder = [(nameof(SiteVisit.CompletedAt), nameof(SiteVisit.OrderedAt))],
    };

    public static RecordSchema Callbacks { get; } = new(RecordKind.Callbacks, "回访记录", typeof(Callback),
    [
        Key(nameof(Callback.CallbackNo), "回访编号", "CallbackNo"),
        Text(nameof(Callback.TicketNo), "工单号", "TicketNo"),
        Text(nameof(Callback.Customer), "客户单位", "Customer"),
        Text(nameof(Callback.ProductName), "产品名称", "ProductName"),
        Text(nameof(Callback.Model), "型号", "Model"),
        Choice(nameof(Callback.Method), "方式", "Method",
            ("短信周回访", CallbackMethod.SmsWeekly), ("短信月回访", CallbackMethod.SmsMonthly), ("电话", CallbackMethod.Phone)),
        Instant(nameof(Callback.At), "回访时间", "At", required: true),
        YesNo(nameof(Callback.Reached), "是否接通", "Reached"),
        YesNo(nameof(Callback.Solved), "问题是否解决", "Solved"),
        YesNo(nameof(Callback.RunningNormally), "设备是否正常运行", "RunningNormally"),
        Satisfaction(nameof(Callback.Satisfaction)),
        Text(nameof(Callback.OtherNeeds), "其他需求", "OtherNeeds"),
        Text(nameof(Callback.Notes), "备注", "Notes"),
        Text(nameof(Callback.Staff), "回访人", "Staff"),
    ])
    {
        ResultProperties =
        [
            nameof(Callback.At), nameof(Callback.Reached), nameof(Callback.Solved), nameof(Callback.RunningNormally), nameof(Callback.Satisfaction),
            nameof(Callback.OtherNeeds), nameof(Callback.Notes),
        ],
    };

    public static RecordSchema Complaints { get; } = new(RecordKind.Complaints, "客户投诉", typeof(Complaint),
    [
        Key(nameof(Complaint.ComplaintNo), "投诉编号", "ComplaintNo"),
        Text(nameof(Complaint.TicketNo), "工单号", "TicketNo"),
        Text(nameof(Complaint.Customer), "客户单位", "Customer"),
        Text(nameof(Complaint.ProductName), "产品名称", "ProductName"),
        Text(nameof(Complaint.Model), "型号", "Model"),
        Text(nameof(Complaint.SerialNo), "出厂编号", "SerialNo"),
        Instant(nameof(Complaint.ReceivedAt), "受理时间", "ReceivedAt", required: true),
        Choice(nameof(Complaint.Source), "来源", "Source", ("客户", ComplaintSource.Customer), ("销售转达", ComplaintSource.SalesRelay)),
        Text(nameof(Complaint.SalesPerson), "销售人员", "SalesPerson"),
        Instant(nameof(Complaint.SalesFeedbackAt), "反馈销售时间", "SalesFeedbackAt"),
        YesNo(nameof(Complaint.ThreatensExternal), "扬言外部投诉", "ThreatensExternal"),
        YesNo(nameof(Complaint.Media), "已投诉至媒体", "Media"),
        Text(nameof(Complaint.Description), "投诉内容", "Description"),
        Instant(nameof(Complaint.PromisedBy), "承诺时间", "PromisedBy"),
        Text(nameof(Complaint.Measures), "解决措施", "Measures"),
        Instant(nameof(Complaint.ManagerInformedAt), "部门经理知会时间", "ManagerInformedAt"),
        Instant(nameof(Complaint.LeaderInformedAt), "分管领导知会时间", "LeaderInformedAt"),
        Instant(nameof(Complaint.ResultNotifiedAt), "结果通知时间", "ResultNotifiedAt"),
        Satisfaction(nameof(Complaint.Satisfaction)),
        Text(nameof(Complaint.RootCause), "原因分析", "RootCause"),
        Text(nameof(Complaint.CorrectiveAction), "纠正措施", "CorrectiveAction"),
        Text(nameof(Complaint.PreventiveAction), "预防措施", "PreventiveAction"),
        Text(nameof(Complaint.Responsible), "责任人", "Responsible"),
        Instant(nameof(Complaint.ClosedAt), "结案时间", "ClosedAt"),
        YesNo(nameof(Complaint.CaseStudyWritten), "案例编写", "CaseStudyWritten"),
        Text(nameof(Complaint.Staff), "客服", "Staff"),
    ]);

    public static RecordSchema Quotes { get; } = new(RecordKind.Quotes, "报价", typeof(Quote),
    [
        Key(nameof(Quote.QuoteNo), "报价单号", "QuoteNo"),
        Text(nameof(Quote.TicketNo), "工单号", "TicketNo"),
        Instant(nameof(Quote.QuotedAt), "报价时间", "QuotedAt", required: true),
        new(nameof(Quote.PriceInclTax), "含税价", "PriceInclTax", FieldType.Decimal),
        new(nameof(Quote.PriceExclTax), "不含税价", "PriceExclTax", FieldType.Decimal),
        Choice(nameof(Quote.FirstQuoted), "首次报价", "FirstQuoted", ("含税", QuoteBasis.TaxInclusive), ("不含税", QuoteBasis.TaxExclusive)),
        YesNo(nameof(Quote.NoInvoiceRequested), "客户要求不开票", "NoInvoiceRequested"),
    ]);

    public static IReadOnlyList<RecordSchema> All { get; } = [Tickets, Repairs, RepairUpdates, SiteVisits, Callbacks, Complaints, Quotes];

    public static RecordSchema For(RecordKind kind) => All.Single(s => s.Kind == kind);

    /// <summary>Reads a kind name given by a user: English (Tickets, ticket), Chinese (工单) — case-insensitive.</summary>
    public static RecordSchema? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var text = name.Trim();
        return All.FirstOrDefault(s => s.MatchesSheetName(text)
                                       || string.Equals(s.EnglishName.TrimEnd('s'), text, StringComparison.OrdinalIgnoreCase));
    }
}
