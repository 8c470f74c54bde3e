using Microsoft.AspNetCore.Identity;

namespace ServiceInsights.Data.Entities;

/// <summary>A person who signs in. <see cref="DisplayName"/> is the name shown in the app bar and matched against staff names in records.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
