namespace ServiceInsights.Data.Domain;

/// <summary>The four roles of the department. Role names are stored in Identity and used by the policies.</summary>
public static class AppRoles
{
    /// <summary>Settings, users and import.</summary>
    public const string Admin = "Admin";

    /// <summary>All analytics and reports, staff scorecards.</summary>
    public const string Manager = "Manager";

    /// <summary>Complaints, repairs and 8D reports.</summary>
    public const string QualityEngineer = "QualityEngineer";

    /// <summary>Tickets, callbacks, their own figures and callback report downloads.</summary>
    public const string Staff = "Staff";

    public static IReadOnlyList<string> All { get; } = [Admin, Manager, QualityEngineer, Staff];

    /// <summary>Matches a role name case-insensitively; returns the canonical spelling or null.</summary>
    public static string? Normalize(string? name) =>
        All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
