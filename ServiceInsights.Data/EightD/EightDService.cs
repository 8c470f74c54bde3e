using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Persistence.Configurations;
using ServiceInsights.Data.Settings;
using ServiceInsights.Data.Users;

namespace ServiceInsights.Data.EightD;

public sealed record EightDLinkRow(EightDLinkKind Kind, string Number);

/// <summary>An 8D report as the editor loads it: local times, the version to save against and the open problems.</summary>
public sealed record EightDDocument(
    string Number,
    string Title,
    EightDStatus Status,
    string Author,
    string Owner,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version,
    IReadOnlyList<EightDLinkRow> Links,
    EightDContent Content,
    IReadOnlyList<EightDProblem> Problems);

/// <summary>One row of the 8D list; <see cref="AgeDays"/> counts calendar days since creation (department time).</summary>
public sealed record EightDListRow(
    string Number, string Title, EightDStatus Status, string Owner, DateTime CreatedAt, DateTime UpdatedAt, int AgeDays,
    IReadOnlyList<string> ComplaintNos);

/// <summary>One entry of the change history (local time).</summary>
public sealed record EightDHistoryRow(DateTime At, string UserName, string Section, string Field, string? OldValue, string? NewValue);

/// <summary>What a save did: the new version, the fields it changed and the problems the content still has.</summary>
public sealed record EightDSaveResult(int Version, IReadOnlyList<FieldChange> Changes, IReadOnlyList<EightDProblem> Problems);

/// <summary>
/// Creates, loads, edits and moves 8D reports (CS-8a, DP-2). One context per call from the factory; every save checks the
/// version the editor loaded (optimistic concurrency) and writes its history rows in the same transaction.
/// </summary>
public sealed class EightDService(
    IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock, SettingsStore settings, FaultClusterQuery clusters)
{
    /// <summary>The window a complaint's 8D looks at: the complaint's month and the eleven before it.</summary>
    public const int ComplaintWindowMonths = 12;

    private const int ChunkSize = 500;
    private const int NumberAttempts = 10;
    private const string StatusSection = "Status";
    private const string LinksSection = "Links";

    /// <summary>
    /// Starts a prefilled draft from a complaint, written by <paramref name="author"/> (a user's login, e-mail or display name)
    /// with its sentences in Chinese or English. Refuses an unknown number or author; a complaint that has an 8D, or whose
    /// problem an 8D already covers (same model and symptom, overlapping window), raises <see cref="EightDOverlapException"/>
    /// unless <paramref name="separate"/> says to draft a separate one anyway.
    /// </summary>
    public async Task<EightDDocument> CreateFromComplaintAsync(string complaintNo, string author, bool chinese = true, bool separate = false,
        CancellationToken cancellationToken = default)
    {
        var no = complaintNo.Trim();
        EightDEvidence evidence;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.ComplaintNo == no, cancellationToken)
                            ?? throw new InvalidOperationException($"unknown complaint number '{no}'");
            if (await FindByComplaintAsync(no, cancellationToken) is { } existing)
            {
                throw new EightDOverlapException($"complaint '{no}' already has 8D {existing.Number}", [existing], no, linked: true);
            }

            evidence = await ComplaintEvidenceAsync(db, complaint, cancellationToken);
        }

        if (!separate && await OverlappingAsync(evidence, cancellationToken) is { Count: > 0 } overlapping)
        {
            throw new EightDOverlapException(
                $"8D {string.Join(", ", overlapping.Select(o => o.Number))} already covers the problem of complaint '{no}' (same model and symptom, overlapping period)",
                overlapping, no, linked: false);
        }

        return await CreateAsync(evidence, author, chinese, cancellationToken);
    }

    /// <summary>Starts a prefilled draft from a fault cluster (model + fault cause over a period); see <see cref="CreateFromComplaintAsync"/>.</summary>
    public async Task<EightDDocument> CreateFromClusterAsync(FaultClusterKey key, string author, bool chinese = true, bool separate = false,
        CancellationToken cancellationToken = default)
    {
        var cluster = await clusters.FindAsync(key, cancellationToken)
                      ?? throw new InvalidOperationException(
                          $"no repair or complaint of model '{key.Model ?? "—"}' with fault cause '{key.FaultCause ?? "—"}' between {key.From:yyyy-MM-dd} and {key.To:yyyy-MM-dd}");
        EightDEvidence evidence;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var complaints = await InChunksAsync(cluster.ComplaintNos, chunk => db.Complaints.AsNoTracking().Where(c => chunk.Contains(c.ComplaintNo)), cancellationToken);
            var repairs = await InChunksAsync(cluster.RepairNos, chunk => db.Repairs.AsNoTracking().Where(r => chunk.Contains(r.RepairNo)), cancellationToken);
            var ticketNos = complaints.Select(c => c.TicketNo).Concat(repairs.Select(r => r.TicketNo)).OfType<string>();
            var tickets = await InChunksAsync(ticketNos, chunk => db.Tickets.AsNoTracking().Where(t => chunk.Contains(t.TicketNo)), cancellationToken);
            var visits = await VisitsAsync(db, tickets, cancellationToken);
            var population = await PopulationAsync(db, complaints, tickets, key.From, key.To, cancellationToken);
            var cls = await ClassAsync(db, complaints, cancellationToken);
            var symptoms = SymptomMatcher.Keys([cluster.Key.FaultCause], []);
            evidence = new EightDEvidence(complaints, tickets, repairs, visits, population, symptoms, key.From, key.To, cls, cluster.Key.FaultCause);
        }

        if (!separate && await OverlappingAsync(evidence, cancellationToken) is { Count: > 0 } overlapping)
        {
            throw new EightDOverlapException(
                $"8D {string.Join(", ", overlapping.Select(o => o.Number))} already covers model '{key.Model}' with fault cause '{key.FaultCause}' in an overlapping period",
                overlapping, null, linked: false);
        }

        return await CreateAsync(evidence, author, chinese, cancellationToken);
    }

    /// <summary>
    /// Links a complaint (and its ticket) to an existing 8D instead of drafting a second one for the same problem; written to
    /// the history. Refuses a complaint that another 8D links, or an 8D past review.
    /// </summary>
    public async Task<int> LinkComplaintAsync(string number, string complaintNo, EightDActor actor, CancellationToken cancellationToken = default)
    {
        RequireEditor(actor);
        var no = complaintNo.Trim();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var report = await db.EightDReports.Include(r => r.Links).SingleOrDefaultAsync(r => r.Number == number.Trim(), cancellationToken)
                     ?? throw new InvalidOperationException($"unknown 8D number '{number}'");
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.ComplaintNo == no, cancellationToken)
                        ?? throw new InvalidOperationException($"unknown complaint number '{no}'");
        if (report.Status is not (EightDStatus.Draft or EightDStatus.InReview))
        {
            throw new EightDRuleException([new(EightDSection.Header, null, new(
                $"{EightDStatusFlow.Words(report.Status).Chinese}的 8D 不能再关联投诉", $"a complaint cannot be linked to an 8D that is {EightDStatusFlow.Words(report.Status).English}"))]);
        }

        if (await FindByComplaintAsync(no, cancellationToken) is { } existing)
        {
            throw new InvalidOperationException($"complaint '{no}' already has 8D {existing.Number}");
        }

        report.Links.Add(new EightDLink { Kind = EightDLinkKind.Complaint, Number = complaint.ComplaintNo });
        if (complaint.TicketNo is { } ticketNo && !report.Links.Any(l => l.Kind == EightDLinkKind.Ticket && l.Number == ticketNo)
                                                && await db.Tickets.AnyAsync(t => t.TicketNo == ticketNo, cancellationToken))
        {
            report.Links.Add(new EightDLink { Kind = EightDLinkKind.Ticket, Number = ticketNo });
        }

        var now = clock.UtcNow;
        db.EightDChanges.Add(Change(report.Id, now, actor.Name, LinksSection, nameof(EightDLinkKind.Complaint), null, complaint.ComplaintNo));
        var content = EightDContent.Deserialize(report.Content, report.ContentVersion);
        await SaveAsync(db, report, content, now, report.Version, cancellationToken);
        return report.Version;
    }

    /// <summary>
    /// The 8Ds that cover the same problem as <paramref name="evidence"/>: a shared model, a shared symptom (or the same fault
    /// cause) and an overlapping period. Closed ones included: reopening the problem is the team's call, not the app's.
    /// </summary>
    private async Task<IReadOnlyList<EightDListRow>> OverlappingAsync(EightDEvidence evidence, CancellationToken cancellationToken)
    {
        var models = evidence.Complaints.Select(c => c.Model).Concat(evidence.Tickets.Select(t => t.Model))
            .Select(m => m?.Trim()).OfType<string>().Where(m => m.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (models.Count == 0 || evidence.Symptoms.Count == 0)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var reports = await db.EightDReports.AsNoTracking().Include(r => r.Links).OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        var overlapping = reports.Where(r =>
        {
            var h = EightDContent.Deserialize(r.Content, r.ContentVersion).Header;
            var symptoms = h.Symptoms.Concat(SymptomMatcher.Keys([h.FaultCause], [])).ToHashSet(StringComparer.Ordinal);
            return h.Models.Any(models.Contains) && SymptomMatcher.Matches(symptoms, evidence.Symptoms)
                   && (h.PeriodFrom ?? DateOnly.MinValue) <= evidence.To && (h.PeriodTo ?? DateOnly.MaxValue) >= evidence.From;
        }).ToList();
        var people = await PeopleAsync(db, overlapping.Select(r => r.Owner), cancellationToken);
        return overlapping.Select(r => ToRow(r, people)).ToList();
    }

    public async Task<EightDDocument?> LoadAsync(string number, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var report = await db.EightDReports.AsNoTracking().Include(r => r.Links).SingleOrDefaultAsync(r => r.Number == number.Trim(), cancellationToken);
        return report is null ? null : ToDocument(report, await PeopleAsync(db, [report.Author, report.Owner], cancellationToken));
    }

    /// <summary>
    /// Saves one section of <paramref name="edited"/> over the stored report, when the stored version is still
    /// <paramref name="expectedVersion"/>. No change → no new version and no history. A D6 step validated before its D5
    /// action is verified is refused; the other rules are returned as problems and checked on the way to review.
    /// </summary>
    public async Task<EightDSaveResult> SaveSectionAsync(string number, int expectedVersion, EightDSection section, EightDContent edited,
        EightDActor actor, CancellationToken cancellationToken = default)
    {
        RequireEditor(actor);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var report = await TrackedAsync(db, number, expectedVersion, cancellationToken);
        var editable = report.Status switch
        {
            EightDStatus.Draft or EightDStatus.InReview => true,
            // After approval only the closure is written.
            EightDStatus.Approved => section is EightDSection.D8 or EightDSection.OpenItems,
            _ => false,
        };
        if (!editable)
        {
            throw new EightDRuleException([new(section, null, new(
                $"{EightDStatusFlow.Words(report.Status).Chinese}的 8D 不能修改{section}", $"{section} cannot be changed while the 8D is {EightDStatusFlow.Words(report.Status).English}"))]);
        }

        var content = EightDContent.Deserialize(report.Content, report.ContentVersion);
        var before = EightDContent.SectionJson(content, section);
        content.CopySection(edited, section);
        AppUser? newOwner = null;
        if (section == EightDSection.Header)
        {
            if (string.IsNullOrWhiteSpace(content.Header.Title))
            {
                throw new EightDRuleException([new(EightDSection.Header, null, new("标题不能为空", "the title cannot be empty"))]);
            }

            // The owner is a user of the app: stored by login (the approval check compares it), shown by display name.
            if (!string.IsNullOrWhiteSpace(content.Header.Owner))
            {
                newOwner = await FindUserAsync(db, content.Header.Owner, cancellationToken)
                           ?? throw new EightDRuleException([new(EightDSection.Header, null, new(
                               $"负责人“{content.Header.Owner.Trim()}”不是本系统的用户", $"the owner '{content.Header.Owner.Trim()}' is not a user of the app"))]);
                content.Header.Owner = Display(newOwner);
            }
        }

        if (section == EightDSection.CaseStudy && !string.IsNullOrWhiteSpace(content.CaseStudy) && content.Header.ComplaintClass != 3)
        {
            throw new EightDRuleException([new(EightDSection.CaseStudy, null, new(
                "只有三类投诉可附案例（CP-2e）", "only a class-3 complaint has a case study to attach (CP-2e)"))]);
        }

        if (EightDRules.CheckImplementation(content, blockingOnly: true) is { Count: > 0 } blocking)
        {
            throw new EightDRuleException(blocking);
        }

        var changes = EightDDiff.Compare(before, EightDContent.SectionJson(content, section));
        if (changes.Count == 0)
        {
            return new(report.Version, [], EightDRules.Check(content));
        }

        if (section == EightDSection.Header)
        {
            report.Title = content.Header.Title.Trim();
            report.Owner = newOwner?.UserName ?? report.Owner;
        }

        var now = clock.UtcNow;
        db.EightDChanges.AddRange(changes.Select(c => Change(report.Id, now, actor.Name, section.ToString(), c.Field, c.OldValue, c.NewValue)));
        await SaveAsync(db, report, content, now, expectedVersion, cancellationToken);
        return new(report.Version, changes, EightDRules.Check(content));
    }

    /// <summary>CS-8a / CP-2e: attaches the case study text of a class-3 complaint.</summary>
    public Task<EightDSaveResult> AttachCaseStudyAsync(string number, int expectedVersion, string text, EightDActor actor,
        CancellationToken cancellationToken = default) =>
        SaveSectionAsync(number, expectedVersion, EightDSection.CaseStudy, new EightDContent { CaseStudy = text }, actor, cancellationToken);

    /// <summary>Moves the report along the status flow when the actor's role allows it and the content passes the rules.</summary>
    public async Task<int> ChangeStatusAsync(string number, int expectedVersion, EightDStatus to, EightDActor actor,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var report = await TrackedAsync(db, number, expectedVersion, cancellationToken);
        if (EightDStatusFlow.Refusal(report.Status, to, report.Owner, actor) is { } refusal)
        {
            throw new EightDRuleException([new(EightDSection.Header, null, refusal)]);
        }

        var content = EightDContent.Deserialize(report.Content, report.ContentVersion);
        if (to != EightDStatus.Draft)
        {
            var problems = EightDRules.Check(content).ToList();
            if (to == EightDStatus.Closed)
            {
                problems.AddRange(EightDRules.CheckClosure(content));
            }

            if (problems.Count > 0)
            {
                throw new EightDRuleException(problems);
            }
        }

        var now = clock.UtcNow;
        db.EightDChanges.Add(Change(report.Id, now, actor.Name, StatusSection, StatusSection, report.Status.ToString(), to.ToString()));
        report.Status = to;
        await SaveAsync(db, report, content, now, expectedVersion, cancellationToken);
        return report.Version;
    }

    /// <summary>The 8D list, newest first, optionally of one status.</summary>
    public async Task<IReadOnlyList<EightDListRow>> ListAsync(EightDStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.EightDReports.AsNoTracking().Include(r => r.Links).AsQueryable();
        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        var reports = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Number).ToListAsync(cancellationToken);
        var people = await PeopleAsync(db, reports.Select(r => r.Owner), cancellationToken);
        return reports.Select(r => ToRow(r, people)).ToList();
    }

    /// <summary>The newest 8D that links the complaint, or null.</summary>
    public async Task<EightDListRow?> FindByComplaintAsync(string complaintNo, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var no = complaintNo.Trim();
        var report = await OfComplaint(db, no).FirstOrDefaultAsync(cancellationToken);
        return report is null ? null : ToRow(report, await PeopleAsync(db, [report.Owner], cancellationToken));
    }

    internal static IQueryable<EightDReport> OfComplaint(ServiceInsightsDbContext db, string complaintNo) =>
        db.EightDReports.AsNoTracking().Include(r => r.Links)
            .Where(r => r.Links.Any(l => l.Kind == EightDLinkKind.Complaint && l.Number == complaintNo))
            .OrderByDescending(r => r.CreatedAt);

    /// <summary>The change history, newest first.</summary>
    public async Task<IReadOnlyList<EightDHistoryRow>> HistoryAsync(string number, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await (from c in db.EightDChanges.AsNoTracking()
                          join r in db.EightDReports.AsNoTracking() on c.ReportId equals r.Id
                          where r.Number == number.Trim()
                          orderby c.At descending, c.Id descending
                          select c).ToListAsync(cancellationToken);
        var people = await PeopleAsync(db, rows.Select(c => c.UserName), cancellationToken);
        return rows.Select(c => new EightDHistoryRow(clock.ToLocal(c.At), Name(people, c.UserName), c.Section, c.Field, c.OldValue, c.NewValue)).ToList();
    }

    private async Task<EightDDocument> CreateAsync(EightDEvidence evidence, string author, bool chinese, CancellationToken cancellationToken)
    {
        AppUser user;
        await using (var users = await factory.CreateDbContextAsync(cancellationToken))
        {
            user = string.IsNullOrWhiteSpace(author)
                ? throw new InvalidOperationException("an 8D needs an author: the e-mail or name of a user of the app")
                : await FindUserAsync(users, author, cancellationToken)
                  ?? throw new InvalidOperationException($"unknown user '{author.Trim()}': the author must be the e-mail or name of a user of the app");
        }

        var name = user.UserName!;
        var content = new EightDPrefill(clock, chinese).Build(evidence, Display(user));
        var links = evidence.Complaints.Select(c => new EightDLinkRow(EightDLinkKind.Complaint, c.ComplaintNo))
            .Concat(evidence.Tickets.Select(t => new EightDLinkRow(EightDLinkKind.Ticket, t.TicketNo)))
            .Concat(evidence.Repairs.Select(r => new EightDLinkRow(EightDLinkKind.Repair, r.RepairNo)))
            .Distinct().ToList();
        var now = clock.UtcNow;
        var prefix = $"8D-{clock.Today.Year.ToString(CultureInfo.InvariantCulture)}-";

        // The next number of the year; two drafts created at once may pick the same one: the unique index refuses the
        // second, which then takes the next.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var last = await db.EightDReports.Where(r => r.Number.StartsWith(prefix)).MaxAsync(r => (string?)r.Number, cancellationToken);
            var next = last is null ? 1 : int.Parse(last[prefix.Length..], CultureInfo.InvariantCulture) + 1;
            var report = new EightDReport
            {
                Number = prefix + next.ToString("D4", CultureInfo.InvariantCulture),
                Title = Truncate(content.Header.Title.Length > 0 ? content.Header.Title : prefix.TrimEnd('-'), 400)!,
                Status = EightDStatus.Draft,
                Author = name,
                Owner = name,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
                ContentVersion = EightDContent.CurrentVersion,
                Content = content.Serialize(),
                Links = links.Select(l => new EightDLink { Kind = l.Kind, Number = l.Number }).ToList(),
            };
            db.EightDReports.Add(report);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return ToDocument(report, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [name] = Display(user) });
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                if (!await NumberTakenAsync(report.Number, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    private async Task<bool> NumberTakenAsync(string number, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.EightDReports.AnyAsync(r => r.Number == number, cancellationToken);
    }

    private async Task<EightDEvidence> ComplaintEvidenceAsync(ServiceInsightsDbContext db, Complaint complaint, CancellationToken cancellationToken)
    {
        var to = DateOnly.FromDateTime(clock.ToLocal(complaint.ReceivedAt));
        var from = ReportMonth.From(to).FirstDay.AddMonths(1 - ComplaintWindowMonths);
        var (fromUtc, toUtc) = (clock.ToUtc(from.ToDateTime(TimeOnly.MinValue)), clock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var tickets = new List<Ticket>();
        if (complaint.TicketNo is { } ticketNo && await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.TicketNo == ticketNo, cancellationToken) is { } ticket)
        {
            tickets.Add(ticket);
        }

        // Repeat occurrences on the same unit: the window's other tickets with the serial number.
        var serial = complaint.SerialNo?.Trim() is { Length: > 0 } s ? s : tickets.FirstOrDefault()?.SerialNo?.Trim();
        if (!string.IsNullOrEmpty(serial))
        {
            var known = tickets.Select(t => t.TicketNo).ToList();
            tickets.AddRange(await db.Tickets.AsNoTracking()
                .Where(t => t.SerialNo == serial && t.ReceivedAt >= fromUtc && t.ReceivedAt < toUtc && !known.Contains(t.TicketNo))
                .ToListAsync(cancellationToken));
        }

        var ticketNos = tickets.Select(t => t.TicketNo).ToList();
        var repairs = await InChunksAsync(ticketNos, chunk => db.Repairs.AsNoTracking().Where(r => r.TicketNo != null && chunk.Contains(r.TicketNo)), cancellationToken);
        var visits = await VisitsAsync(db, tickets, cancellationToken);
        var population = await PopulationAsync(db, [complaint], tickets, from, to, cancellationToken);
        var cls = await ClassAsync(db, [complaint], cancellationToken);
        // The symptom: what the complaint and its own ticket record (the unit's other tickets may be other symptoms).
        var own = tickets.Where(t => t.TicketNo == complaint.TicketNo).ToList();
        var ownRepairs = repairs.Where(r => own.Any(t => t.TicketNo == r.TicketNo));
        var symptoms = SymptomMatcher.Keys(ownRepairs.Select(r => r.FaultCause).Prepend(complaint.RootCause),
            own.Select(t => t.Problem).Prepend(complaint.Description));
        return new EightDEvidence([complaint], tickets, repairs, visits, population, symptoms, from, to, cls);
    }

    private static Task<List<SiteVisit>> VisitsAsync(ServiceInsightsDbContext db, IEnumerable<Ticket> tickets, CancellationToken cancellationToken) =>
        InChunksAsync(tickets.Select(t => t.TicketNo), chunk => db.SiteVisits.AsNoTracking().Where(v => v.TicketNo != null && chunk.Contains(v.TicketNo)), cancellationToken);

    /// <summary>
    /// The window's records of the same product family, for the Is / Is Not table: each ticket of the products or models with
    /// the fault causes of its repairs and the causes and texts of its complaints; a complaint of the family without a ticket
    /// on its own. Only the compared fields are read.
    /// </summary>
    private async Task<IReadOnlyList<ComparedRecord>> PopulationAsync(ServiceInsightsDbContext db, IReadOnlyList<Complaint> complaints,
        IReadOnlyList<Ticket> tickets, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var products = complaints.Select(c => c.ProductName).Concat(tickets.Select(t => t.ProductName))
            .Select(p => p?.Trim()).OfType<string>().Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var models = complaints.Select(c => c.Model).Concat(tickets.Select(t => t.Model))
            .Select(m => m?.Trim()).OfType<string>().Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (products.Count == 0 && models.Count == 0)
        {
            return [];
        }

        var (fromUtc, toUtc) = (clock.ToUtc(from.ToDateTime(TimeOnly.MinValue)), clock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var family = db.Tickets.AsNoTracking()
            .Where(t => t.ReceivedAt >= fromUtc && t.ReceivedAt < toUtc
                        && ((t.ProductName != null && products.Contains(t.ProductName)) || (t.Model != null && models.Contains(t.Model))));
        var rows = await family.Select(t => new { t.TicketNo, t.Model, t.Customer, t.SerialNo, t.Address, t.Problem, t.ReceivedAt }).ToListAsync(cancellationToken);
        var causes = (await db.Repairs.AsNoTracking().Where(r => r.TicketNo != null && family.Select(t => t.TicketNo).Contains(r.TicketNo))
                .Select(r => new { r.TicketNo, r.FaultCause }).ToListAsync(cancellationToken))
            .ToLookup(r => r.TicketNo!, r => r.FaultCause, StringComparer.Ordinal);
        var familyComplaints = await db.Complaints.AsNoTracking()
            .Where(c => (c.TicketNo != null && family.Select(t => t.TicketNo).Contains(c.TicketNo))
                        || (c.ReceivedAt >= fromUtc && c.ReceivedAt < toUtc
                            && ((c.ProductName != null && products.Contains(c.ProductName)) || (c.Model != null && models.Contains(c.Model)))))
            .Select(c => new { c.ComplaintNo, c.TicketNo, c.Model, c.Customer, c.SerialNo, c.Description, c.RootCause, c.ReceivedAt })
            .ToListAsync(cancellationToken);
        var ticketNos = rows.Select(r => r.TicketNo).ToHashSet(StringComparer.Ordinal);
        var complaintsOf = familyComplaints.Where(c => c.TicketNo is { } no && ticketNos.Contains(no)).ToLookup(c => c.TicketNo!, StringComparer.Ordinal);

        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return rows.Select(t =>
            {
                var recordCauses = causes[t.TicketNo].Concat(complaintsOf[t.TicketNo].Select(c => c.RootCause)).ToList();
                return new ComparedRecord(t.TicketNo, clock.ToLocal(t.ReceivedAt), Clean(t.Model), Clean(t.Customer), Clean(t.SerialNo),
                    EightDPrefill.Region(t.Address), SymptomMatcher.Keys(recordCauses, complaintsOf[t.TicketNo].Select(c => c.Description).Prepend(t.Problem)),
                    [.. recordCauses.Select(Clean).OfType<string>()]);
            })
            .Concat(familyComplaints.Where(c => c.TicketNo is not { } no || !ticketNos.Contains(no))
                .Where(c => c.ReceivedAt >= fromUtc && c.ReceivedAt < toUtc)
                .Select(c => new ComparedRecord(c.ComplaintNo, clock.ToLocal(c.ReceivedAt), Clean(c.Model), Clean(c.Customer), Clean(c.SerialNo), null,
                    SymptomMatcher.Keys([c.RootCause], [c.Description]), [.. new[] { Clean(c.RootCause) }.OfType<string>()])))
            .ToList();
    }

    /// <summary>CP-1 class of each complaint (with the complaints that may make it a repeat); the highest wins.</summary>
    private async Task<ComplaintClass?> ClassAsync(ServiceInsightsDbContext db, IReadOnlyList<Complaint> complaints, CancellationToken cancellationToken)
    {
        if (complaints.Count == 0)
        {
            return null;
        }

        var repeatDays = (await settings.GetSlaAsync(cancellationToken)).RepeatComplaintDays;
        var customers = complaints.Select(c => c.Customer?.Trim()).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var from = complaints.Min(c => c.ReceivedAt).AddDays(-repeatDays);
        var to = complaints.Max(c => c.ReceivedAt);
        var earlier = customers.Count == 0
            ? []
            : await InChunksAsync(customers, chunk => db.Complaints.AsNoTracking()
                .Where(c => c.Customer != null && chunk.Contains(c.Customer) && c.ReceivedAt >= from && c.ReceivedAt <= to));
        var prior = earlier.Select(c => new PriorComplaint(c.ComplaintNo, c.Customer, clock.ToLocal(c.ReceivedAt))).ToList();

        return complaints
            .Select(c => (c.ComplaintNo, Class: ComplaintClassifier.Classify(new ComplaintFacts
            {
                ComplaintNo = c.ComplaintNo,
                Customer = c.Customer,
                ReceivedAt = clock.ToLocal(c.ReceivedAt),
                ThreatensExternal = c.ThreatensExternal,
                Media = c.Media,
                Earlier = prior,
            }, repeatDays)))
            .OrderByDescending(x => x.Class.Level).ThenBy(x => x.ComplaintNo, StringComparer.Ordinal)
            .Select(x => complaints.Count == 1 ? x.Class : x.Class with { Reason = new($"{x.ComplaintNo}：{x.Class.Reason.Chinese}", $"{x.ComplaintNo}: {x.Class.Reason.English}") })
            .First();

        Task<List<Complaint>> InChunksAsync(IEnumerable<string> keys, Func<string[], IQueryable<Complaint>> query) =>
            EightDService.InChunksAsync(keys, query, cancellationToken);
    }

    private static async Task<EightDReport> TrackedAsync(ServiceInsightsDbContext db, string number, int expectedVersion, CancellationToken cancellationToken)
    {
        var report = await db.EightDReports.SingleOrDefaultAsync(r => r.Number == number.Trim(), cancellationToken)
                     ?? throw new InvalidOperationException($"unknown 8D number '{number}'");
        if (report.Version != expectedVersion)
        {
            throw new EightDConcurrencyException(report.Number, expectedVersion);
        }

        return report;
    }

    private static void RequireEditor(EightDActor actor)
    {
        if (!EightDStatusFlow.EditorRoles.Any(actor.IsIn))
        {
            throw new EightDRuleException([new(EightDSection.Header, null, new("只有品质工程师或经理可以编辑 8D", "only a QualityEngineer or Manager may edit an 8D"))]);
        }
    }

    /// <summary>Writes the content with the next version; another save in between (same expected version) loses.</summary>
    private static async Task SaveAsync(ServiceInsightsDbContext db, EightDReport report, EightDContent content, DateTime now, int expectedVersion,
        CancellationToken cancellationToken)
    {
        report.Content = content.Serialize();
        report.ContentVersion = EightDContent.CurrentVersion;
        report.UpdatedAt = now;
        report.Version = expectedVersion + 1;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EightDConcurrencyException(report.Number, expectedVersion);
        }
    }

    private static EightDChange Change(long reportId, DateTime at, string user, string section, string field, string? oldValue, string? newValue) => new()
    {
        ReportId = reportId,
        At = at,
        UserName = Truncate(user, SettingsColumns.UserLength)!,
        Section = section,
        Field = Truncate(field, 200)!,
        OldValue = Truncate(oldValue, SettingsColumns.ValueLength),
        NewValue = Truncate(newValue, SettingsColumns.ValueLength),
    };

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";

    private EightDDocument ToDocument(EightDReport r, IReadOnlyDictionary<string, string> people)
    {
        var content = EightDContent.Deserialize(r.Content, r.ContentVersion);
        return new(r.Number, r.Title, r.Status, Name(people, r.Author), Name(people, r.Owner), clock.ToLocal(r.CreatedAt), clock.ToLocal(r.UpdatedAt), r.Version,
            r.Links.OrderBy(l => l.Kind).ThenBy(l => l.Number, StringComparer.Ordinal).Select(l => new EightDLinkRow(l.Kind, l.Number)).ToList(),
            content, EightDRules.Check(content));
    }

    private EightDListRow ToRow(EightDReport r, IReadOnlyDictionary<string, string> people)
    {
        var created = clock.ToLocal(r.CreatedAt);
        return new(r.Number, r.Title, r.Status, Name(people, r.Owner), created, clock.ToLocal(r.UpdatedAt), clock.Today.DayNumber - DateOnly.FromDateTime(created).DayNumber,
            r.Links.Where(l => l.Kind == EightDLinkKind.Complaint).Select(l => l.Number).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The user a person is named by: login, e-mail or display name (case-insensitive for login and e-mail). Null when no
    /// user, or more than one, has that name.
    /// </summary>
    internal static async Task<AppUser?> FindUserAsync(ServiceInsightsDbContext db, string who, CancellationToken cancellationToken)
    {
        var name = who.Trim();
        var normalized = name.ToUpperInvariant();
        var users = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized || u.DisplayName == name)
            .Take(2).ToListAsync(cancellationToken);
        return users.Count == 1 ? users[0] : null;
    }

    /// <summary>Login → display name of the users among <paramref name="logins"/>; a name that is no login is shown as stored.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> PeopleAsync(ServiceInsightsDbContext db, IEnumerable<string> logins,
        CancellationToken cancellationToken)
    {
        var normalized = logins.Where(l => l.Length > 0).Select(l => l.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var users = await InChunksAsync(normalized, chunk => db.Users.AsNoTracking().Where(u => chunk.Contains(u.NormalizedUserName!)), cancellationToken);
        return users.ToDictionary(u => u.UserName!, Display, StringComparer.OrdinalIgnoreCase);
    }

    private static string Display(AppUser user) => AppUserQuery.NameOf(user.DisplayName, user.Email ?? user.UserName, user.Id);

    private static string Name(IReadOnlyDictionary<string, string> people, string login) => people.TryGetValue(login, out var name) ? name : login;

    private static async Task<List<T>> InChunksAsync<T>(IEnumerable<string> keys, Func<string[], IQueryable<T>> query, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
        {
            results.AddRange(await query(chunk).ToListAsync(cancellationToken));
        }

        return results;
    }
}
