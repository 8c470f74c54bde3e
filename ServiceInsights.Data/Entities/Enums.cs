namespace ServiceInsights.Data.Entities;

// The enumerations of the import format (docs/IMPORT-FORMAT.md). Stored as their English names.

/// <summary>渠道: how a ticket came in.</summary>
public enum Channel { Phone, SalesRelay, Sms, WalkIn, Other }

/// <summary>产品来源: decides the repair turnaround target (CS-4b).</summary>
public enum Origin { SelfMade, Purchased, Imported }

/// <summary>服务类型.</summary>
public enum ServiceType { Consult, ReturnRepair, OnsiteRepair, Installation, Quote }

/// <summary>维修进度 方式: how a repair status was confirmed (CS-4c).</summary>
public enum RepairUpdateMethod { Email, InPerson, Phone }

/// <summary>派单来源 of a site visit (OS-1).</summary>
public enum DispatchSource { Sales, Internal }

/// <summary>回访 方式 (CS-7).</summary>
public enum CallbackMethod { SmsWeekly, SmsMonthly, Phone }

/// <summary>投诉 来源 (CS-8b).</summary>
public enum ComplaintSource { Customer, SalesRelay }

/// <summary>首次报价 (CS-6).</summary>
public enum QuoteBasis { TaxInclusive, TaxExclusive }
