using System.Globalization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using static System.FormattableString;

namespace ServiceInsights.Tools.SeedData;

/// <summary>
/// Generates a realistic year of the department's records, deterministically: one <see cref="Random"/> with a fixed
/// seed, no clock, no Guid, invariant formatting. The same <see cref="SeedOptions"/> always give the same records.
/// Besides the everyday mix, named scenarios (<c>Scenario…</c> methods) place records on both sides of every rule of the
/// metric dictionary (docs/SERVICE-STANDARD.md).
/// </summary>
public sealed partial class SeedDataGenerator
{
    private readonly SeedOptions _options;
    private readonly Random _random;
    // The default hours and the shipped holidays, never the runtime settings: the seed must not change with a setting.
    private readonly WorkingCalendar _calendar = new(HolidaySchedule.Shipped);
    private readonly List<Draft> _drafts = [];
    private readonly Dictionary<SeedCustomer, List<Device>> _devices = [];
    private readonly Dictionary<SeedCustomer, List<(string Name, string Phone)>> _contacts = [];
    private readonly HashSet<string> _serials = new(StringComparer.Ordinal);
    private readonly List<Repair> _repairs = [];
    private readonly List<RepairUpdate> _repairUpdates = [];
    private readonly List<SiteVisit> _visits = [];
    private readonly List<Quote> _quotes = [];
    private readonly List<Callback> _callbacks = [];
    private readonly List<Complaint> _complaints = [];

    private SeedDataGenerator(SeedOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
    }

    private DateTime AsOf => _options.AsOf;

    public static SeedDataSet Generate(SeedOptions? options = null) => new SeedDataGenerator(options ?? SeedOptions.Default).Run();

    private SeedDataSet Run()
    {
        CreateCustomersAndDevices();
        CreateTickets();
        PlanReplies();
        ApplyTicketScenarios();
        CreateRepairs();
        CreateSiteVisits();
        CreateQuotes();
        ResolveTickets();
        CreateCallbacks();
        CreateComplaints();

        return new SeedDataSet
        {
            Options = _options,
            Tickets = [.. _drafts.Select(d => d.Ticket)],
            Repairs = _repairs,
            RepairUpdates = [.. _repairUpdates.OrderBy(u => u.RepairNo, StringComparer.Ordinal).ThenBy(u => u.At)],
            SiteVisits = Numbered(_visits, v => v.OrderedAt, "WP", 2, (v, no) => v.DispatchNo = no),
            Callbacks = Numbered(_callbacks, c => c.At, "HF", 3, (c, no) => c.CallbackNo = no),
            Complaints = Numbered(_complaints, c => c.ReceivedAt, "TS", 2, (c, no) => c.ComplaintNo = no),
            Quotes = Numbered(_quotes, q => q.QuotedAt, "BJ", 2, (q, no) => q.QuoteNo = no),
        };
    }

    /// <summary>Sorts records by their anchor time and gives them department-style numbers: prefix, date, sequence of
    /// the day (WX2026030502).</summary>
    private static List<T> Numbered<T>(List<T> records, Func<T, DateTime> anchor, string prefix, int digits, Action<T, string> assign)
    {
        var sorted = records.Select((r, i) => (Record: r, Index: i)).OrderBy(x => anchor(x.Record)).ThenBy(x => x.Index)
            .Select(x => x.Record).ToList();
        var day = DateOnly.MinValue;
        var seq = 0;
        foreach (var record in sorted)
        {
            var date = DateOnly.FromDateTime(anchor(record));
            seq = date == day ? seq + 1 : 1;
            day = date;
            var number = prefix + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + seq.ToString(new string('0', digits), CultureInfo.InvariantCulture);
            assign(record, number);
        }

        return sorted;
    }

    // ---- random helpers -------------------------------------------------------------------------------------------

    private int Between(int min, int max) => _random.Next(min, max + 1);

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private T PickWeighted<T>(IReadOnlyList<T> items, Func<T, int> weight)
    {
        var total = items.Sum(weight);
        var roll = _random.Next(total);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private DateTime? Clip(DateTime? at) => at is { } t && t <= AsOf ? t : null;

    /// <summary>A random business moment on the working day <paramref name="day"/> between <paramref name="fromHour"/> and
    /// <paramref name="toHour"/> (outside the lunch break), on the minute.</summary>
    private DateTime BusinessMomentOn(DateOnly day, double fromHour = 8.75, double toHour = 17.25)
    {
        if (!_calendar.IsWorkingDay(day))
        {
            throw new ArgumentException($"{day:yyyy-MM-dd} is not a working day.", nameof(day)); // no moment would ever qualify
        }

        while (true)
        {
            var at = day.ToDateTime(TimeOnly.MinValue).AddMinutes(Between((int)(fromHour * 60), (int)(toHour * 60)));
            if (_calendar.IsBusinessTime(at))
            {
                return at;
            }
        }
    }

    private static DateOnly DateOf(DateTime at) => DateOnly.FromDateTime(at);

    // ---- customers and their instruments --------------------------------------------------------------------------

    private sealed record Device(SeedCustomer Customer, SeedProduct Product, string SerialNo, DateOnly PurchaseDate);

    /// <summary>A ticket being built with what the derived records need to know about it.</summary>
    private sealed class Draft(Ticket ticket, SeedCustomer customer, Device device, SeedIssue issue)
    {
        public Ticket Ticket { get; } = ticket;
        public SeedCustomer Customer { get; } = customer;
        public Device Device { get; } = device;
        public SeedIssue Issue { get; } = issue;
        public ServiceType Type => Ticket.ServiceType!.Value;

        /// <summary>When the customer was told the plan: the satisfactory reply, else the first response, else receipt.</summary>
        public DateTime PlanAt => Ticket.SatisfactoryReplyAt ?? Ticket.FirstResponseAt ?? Ticket.ReceivedAt;

        /// <summary>Left open on purpose (still being worked on at the export).</summary>
        public bool KeepOpen { get; set; }

        /// <summary>CS-1b: a forbidden phrase that ends up in the solution text.</summary>
        public string? ForbiddenSolution { get; set; }

        /// <summary>Working days from the dispatch order to the appointment, when a scenario fixes it.</summary>
        public int? VisitLeadDays { get; set; }

        public string? Engineer { get; set; }
        public Repair? Repair { get; set; }
        public SiteVisit? Visit { get; set; }
        public Quote? Quote { get; set; }
    }

    private void CreateCustomersAndDevices()
    {
        for (var i = 0; i < SeedCatalog.Customers.Count; i++)
        {
            var customer = SeedCatalog.Customers[i];
            var contacts = new List<(string Name, string Phone)>();
            var contactCount = Between(1, 3);
            for (var c = 0; c < contactCount; c++)
            {
                contacts.Add((ContactName(), PhoneNumber(customer)));
            }

            _contacts[customer] = contacts;
            var devices = new List<Device>();
            var deviceCount = 1 + (customer.Weight + 1) / 2 + Between(0, 2);
            for (var d = 0; d < deviceCount; d++)
            {
                var product = PickWeighted(SeedCatalog.Products, p => ProductWeight(p, i));
                var purchased = new DateOnly(2018, 3, 1).AddDays(Between(0, 2830));
                devices.Add(NewDevice(customer, product, purchased));
            }

            _devices[customer] = devices;
        }
    }

    /// <summary>Bureaus and plant-protection stations run field monitoring; institutes and universities run labs.</summary>
    private static int ProductWeight(SeedProduct product, int customerIndex)
    {
        var lab = product.Family is "incubator" or "climate" or "germinator" or "spad" or "licor" or "nutrient";
        return customerIndex switch
        {
            < 40 => lab ? Math.Max(1, product.Weight / 3) : product.Weight * 2,
            < 67 => lab ? product.Weight * 3 : product.Weight,
            _ => product.Family is "licor" ? 0 : product.Weight,
        };
    }

    private Device NewDevice(SeedCustomer customer, SeedProduct product, DateOnly purchased)
    {
        string serial;
        do
        {
            var yymm = purchased.ToString("yyMM", CultureInfo.InvariantCulture);
            serial = product.Origin switch
            {
                Origin.SelfMade => Invariant($"{product.SerialPrefix}-{yymm}{Between(1, 999):000}"),
                Origin.Purchased => Invariant($"{product.SerialPrefix}{yymm}-{Between(1, 9999):0000}"),
                _ => product.Model == "LI-6800" ? Invariant($"68C-{Between(1000, 99999):00000}") : Invariant($"2010{Between(1000, 9999):0000}"),
            };
        }
        while (!_serials.Add(serial));

        return new Device(customer, product, serial, purchased);
    }

    private string ContactName()
    {
        var surname = Pick(SeedCatalog.Surnames);
        return Chance(0.2) ? surname + Pick(SeedCatalog.Titles.Where(t => t.Length > 0).ToList()) : surname + Pick(SeedCatalog.GivenNames);
    }

    private string PhoneNumber(SeedCustomer customer)
    {
        if (Chance(0.6))
        {
            var prefix = Pick(new[] { "135", "136", "137", "138", "139", "150", "151", "158", "159", "186", "187", "188", "133", "153", "177", "189" });
            return Invariant($"{prefix}{Between(0, 9999):0000}{Between(0, 9999):0000}");
        }

        return customer.AreaCode.Length == 3
            ? Invariant($"{customer.AreaCode}-{Between(2000, 8999):0000}{Between(0, 9999):0000}")
            : Invariant($"{customer.AreaCode}-{Between(200, 899):000}{Between(0, 9999):0000}");
    }
}
