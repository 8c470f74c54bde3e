using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.EightD;

/// <summary>One broken rule, naming its section and (when it is about a table row) the row, 1-based.</summary>
public sealed record EightDProblem(EightDSection Section, int? Row, BilingualText Message);

/// <summary>Raised when a save or a status change breaks a rule; the problems say which and where.</summary>
public sealed class EightDRuleException(IReadOnlyList<EightDProblem> problems)
    : InvalidOperationException(string.Join("; ", problems.Select(p => p.Message.English)))
{
    public IReadOnlyList<EightDProblem> Problems { get; } = problems;
}

/// <summary>Raised when the report was saved by someone else since the editor loaded it.</summary>
public sealed class EightDConcurrencyException(string number, int expected)
    : InvalidOperationException($"8D {number} was changed by someone else since version {expected} was loaded; reload it.")
{
    public string Number { get; } = number;
}

/// <summary>
/// Raised when a draft is asked for a problem that an 8D already covers: the complaint is linked to one
/// (<see cref="Linked"/>), or an 8D has the same model and symptom in an overlapping period. The caller offers to open one of
/// <see cref="Existing"/> or to link the complaint to it.
/// </summary>
public sealed class EightDOverlapException(string message, IReadOnlyList<EightDListRow> existing, string? complaintNo, bool linked)
    : InvalidOperationException(message)
{
    public IReadOnlyList<EightDListRow> Existing { get; } = existing;
    public string? ComplaintNo { get; } = complaintNo;
    public bool Linked { get; } = linked;
}

/// <summary>Who acts on an 8D: the login, their roles (<see cref="AppRoles"/>) and the name people know them by.</summary>
public sealed record EightDActor(string Name, IReadOnlyCollection<string> Roles, string? DisplayName = null)
{
    public bool IsIn(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="owner"/> (a login as stored, or a display name as shown) names this actor.</summary>
    public bool Is(string owner) =>
        string.Equals(owner, Name, StringComparison.OrdinalIgnoreCase)
        || (DisplayName is { Length: > 0 } display && string.Equals(owner.Trim(), display, StringComparison.Ordinal));
}

/// <summary>
/// The checks a quality engineer expects of an 8D. <see cref="Check"/> lists every problem of the content (the editor shows
/// them while work goes on); a move to review or beyond needs none, closing also needs D8.
/// </summary>
public static class EightDRules
{
    public static IReadOnlyList<EightDProblem> Check(EightDContent content)
    {
        var problems = new List<EightDProblem>();
        CheckContributions(content.D4, problems);
        CheckActionLinks(content, problems);
        problems.AddRange(CheckImplementation(content));
        return problems;
    }

    /// <summary>D4: the contributions of each kind of cause (occurrence, escape) total 100 %; each is 0–100.</summary>
    private static void CheckContributions(D4RootCauses d4, List<EightDProblem> problems)
    {
        for (var i = 0; i < d4.Causes.Count; i++)
        {
            if (d4.Causes[i].ContributionPercent is < 0 or > 100)
            {
                problems.Add(new(EightDSection.D4, i + 1, new(
                    $"D4 第 {i + 1} 行：贡献率须在 0–100% 之间", $"D4 row {i + 1}: the contribution must be between 0 and 100 %")));
            }
        }

        foreach (var kind in d4.Causes.Select(c => c.Kind).Distinct())
        {
            var total = d4.Causes.Where(c => c.Kind == kind).Sum(c => c.ContributionPercent ?? 0);
            if (total != 100)
            {
                var (zh, en) = kind == CauseKind.Occurrence ? ("发生原因", "occurrence causes") : ("流出（未检出）原因", "escape (non-detection) causes");
                problems.Add(new(EightDSection.D4, null, new(
                    $"D4：{zh}的贡献率合计为 {total}%，应为 100%", $"D4: the contributions of the {en} total {total} %, not 100 %")));
            }
        }
    }

    /// <summary>D5: every permanent action links to a cause that exists in D4.</summary>
    private static void CheckActionLinks(EightDContent content, List<EightDProblem> problems)
    {
        var causes = content.D4.Causes.Select(c => c.Id).ToHashSet();
        for (var i = 0; i < content.D5.Actions.Count; i++)
        {
            var action = content.D5.Actions[i];
            if (action.CauseId is not { } id)
            {
                problems.Add(new(EightDSection.D5, i + 1, new(
                    $"D5 第 {i + 1} 行：措施未关联 D4 原因", $"D5 row {i + 1}: the action is not linked to a D4 cause")));
            }
            else if (!causes.Contains(id))
            {
                problems.Add(new(EightDSection.D5, i + 1, new(
                    $"D5 第 {i + 1} 行：关联的 D4 原因 #{id} 不存在", $"D5 row {i + 1}: the linked D4 cause #{id} does not exist")));
            }
        }
    }

    /// <summary>
    /// D6: a step implements an existing D5 action and cannot be validated before that action is verified. With
    /// <paramref name="blockingOnly"/>, only the latter: a save that records it is refused, while a dangling link is a
    /// problem to fix before review.
    /// </summary>
    public static IReadOnlyList<EightDProblem> CheckImplementation(EightDContent content, bool blockingOnly = false)
    {
        var problems = new List<EightDProblem>();
        var actions = content.D5.Actions.ToDictionary(a => a.Id);
        for (var i = 0; i < content.D6.Steps.Count; i++)
        {
            var step = content.D6.Steps[i];
            if (!actions.TryGetValue(step.ActionId, out var action))
            {
                if (blockingOnly)
                {
                    continue;
                }

                problems.Add(new(EightDSection.D6, i + 1, new(
                    $"D6 第 {i + 1} 行：对应的 D5 措施 #{step.ActionId} 不存在", $"D6 row {i + 1}: D5 action #{step.ActionId} does not exist")));
            }
            else if (step.ValidatedOn is not null && action.VerifiedOn is null)
            {
                problems.Add(new(EightDSection.D6, i + 1, new(
                    $"D6 第 {i + 1} 行：D5 措施 #{action.Id} 尚未验证，不能确认实施有效",
                    $"D6 row {i + 1}: cannot be validated before D5 action #{action.Id} is verified")));
            }
        }

        return problems;
    }

    /// <summary>
    /// What the content still lacks, as open items computed from it (never stored, so they go when filled): each D7 document
    /// with no change listed, D7 rows without owner or due date, and the empty D8 fields.
    /// </summary>
    public static IReadOnlyList<OpenItem> Pending(EightDContent content)
    {
        var items = new List<OpenItem>();
        OpenItem Item(EightDSection section, string zh, string en) => new() { Section = section, Text = new(zh, en) };
        foreach (var (document, zh, en) in new[]
                 {
                     (PreventionDocument.Fmea, "FMEA", "FMEA"), (PreventionDocument.WorkInstruction, "作业指导书", "work instruction"),
                     (PreventionDocument.Training, "培训", "training"), (PreventionDocument.SimilarProducts, "类似产品", "similar products"),
                 })
        {
            if (!content.D7.Items.Any(i => i.Document == document && !string.IsNullOrWhiteSpace(i.Change)))
            {
                items.Add(Item(EightDSection.D7, $"D7：{zh}尚未列出变更（或说明无需变更）", $"D7: no change listed for the {en} (or a note that none is needed)"));
            }
        }

        for (var i = 0; i < content.D7.Items.Count; i++)
        {
            var item = content.D7.Items[i];
            if (string.IsNullOrWhiteSpace(item.Owner) || item.DueOn is null)
            {
                items.Add(Item(EightDSection.D7, $"D7 第 {i + 1} 行：缺负责人或计划日期", $"D7 row {i + 1}: owner or due date missing"));
            }
        }

        if (string.IsNullOrWhiteSpace(content.D8.Summary))
        {
            items.Add(Item(EightDSection.D8, "D8：结案总结未填写", "D8: the closure summary is empty"));
        }

        if (string.IsNullOrWhiteSpace(content.D8.Recognition))
        {
            items.Add(Item(EightDSection.D8, "D8：团队表彰未填写", "D8: the team recognition is empty"));
        }

        if (content.D8.ClosedOn is null)
        {
            items.Add(Item(EightDSection.D8, "D8：结案日期未填写", "D8: the closing date is empty"));
        }

        return items;
    }

    /// <summary>Closing needs D8: a closure summary and the closing date.</summary>
    public static IReadOnlyList<EightDProblem> CheckClosure(EightDContent content)
    {
        var problems = new List<EightDProblem>();
        if (string.IsNullOrWhiteSpace(content.D8.Summary))
        {
            problems.Add(new(EightDSection.D8, null, new("D8：结案前须填写结案总结", "D8: closing needs a closure summary")));
        }

        if (content.D8.ClosedOn is null)
        {
            problems.Add(new(EightDSection.D8, null, new("D8：结案前须填写结案日期", "D8: closing needs the closing date")));
        }

        return problems;
    }
}

/// <summary>
/// The status flow and who may take each step. Only quality engineers and managers work on 8Ds (AppRoles); approval also
/// needs a second pair of eyes: a quality engineer cannot approve an 8D they own, a manager can.
/// </summary>
public static class EightDStatusFlow
{
    private static readonly IReadOnlyDictionary<(EightDStatus From, EightDStatus To), string[]> Steps =
        new Dictionary<(EightDStatus, EightDStatus), string[]>
        {
            [(EightDStatus.Draft, EightDStatus.InReview)] = [AppRoles.QualityEngineer, AppRoles.Manager],
            [(EightDStatus.InReview, EightDStatus.Draft)] = [AppRoles.QualityEngineer, AppRoles.Manager],
            [(EightDStatus.InReview, EightDStatus.Approved)] = [AppRoles.QualityEngineer, AppRoles.Manager],
            [(EightDStatus.Approved, EightDStatus.Closed)] = [AppRoles.QualityEngineer, AppRoles.Manager],
        };

    /// <summary>The roles that may edit sections: the same as those that may take any step.</summary>
    public static IReadOnlyList<string> EditorRoles { get; } = [AppRoles.QualityEngineer, AppRoles.Manager];

    public static bool IsStep(EightDStatus from, EightDStatus to) => Steps.ContainsKey((from, to));

    /// <summary>The statuses the actor may move a report to from its current status.</summary>
    public static IReadOnlyList<EightDStatus> Next(EightDStatus from, string owner, EightDActor actor) =>
        Enum.GetValues<EightDStatus>().Where(to => Refusal(from, to, owner, actor) is null).ToList();

    /// <summary>Why the actor may not take the step, or null when they may.</summary>
    public static BilingualText? Refusal(EightDStatus from, EightDStatus to, string owner, EightDActor actor)
    {
        if (!Steps.TryGetValue((from, to), out var roles))
        {
            return new($"状态不能从{Words(from).Chinese}改为{Words(to).Chinese}", $"the status cannot change from {Words(from).English} to {Words(to).English}");
        }

        if (!roles.Any(actor.IsIn))
        {
            return to == EightDStatus.Approved
                ? new("只有品质工程师或经理可以批准 8D", "only a QualityEngineer or Manager may approve an 8D")
                : new($"角色无权将 8D 改为{Words(to).Chinese}", $"your role may not move an 8D to {Words(to).English}");
        }

        if (to == EightDStatus.Approved && !actor.IsIn(AppRoles.Manager) && actor.Is(owner))
        {
            return new("负责人不能批准自己的 8D（须另一位品质工程师或经理）", "the owner cannot approve their own 8D: another QualityEngineer or a Manager must");
        }

        return null;
    }

    public static BilingualText Words(EightDStatus status) => status switch
    {
        EightDStatus.Draft => new("草稿", "Draft"),
        EightDStatus.InReview => new("审核中", "In review"),
        EightDStatus.Approved => new("已批准", "Approved"),
        EightDStatus.Closed => new("已结案", "Closed"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
