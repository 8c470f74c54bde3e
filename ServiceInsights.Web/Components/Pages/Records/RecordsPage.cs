using Microsoft.AspNetCore.Components;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Records;
using ServiceInsights.Data.Reports;
using ServiceInsights.Web.Components.Shared;

namespace ServiceInsights.Web.Components.Pages.Records;

/// <summary>A record list page: reads the month and the filters from the query string (<see cref="RecordFilterQuery"/>).</summary>
public abstract class RecordsPage : ComponentBase
{
    [Inject]
    private DefaultMonthQuery DefaultMonth { get; set; } = default!;

    [SupplyParameterFromQuery(Name = MonthQuery.Name)]
    public string? Month { get; set; }

    [SupplyParameterFromQuery(Name = RecordFilterQuery.Staff)]
    public string? Staff { get; set; }

    [SupplyParameterFromQuery(Name = RecordFilterQuery.Product)]
    public string? Product { get; set; }

    [SupplyParameterFromQuery(Name = RecordFilterQuery.Customer)]
    public string? Customer { get; set; }

    [SupplyParameterFromQuery(Name = RecordFilterQuery.Text)]
    public string? Text { get; set; }

    /// <summary>Null until the default month is known; the list renders once it is set.</summary>
    protected RecordFilter? Filter { get; private set; }

    protected override async Task OnParametersSetAsync() =>
        Filter = new RecordFilter(await MonthQuery.ResolveAsync(Month, DefaultMonth), RecordFilterQuery.Clean(Staff), RecordFilterQuery.Clean(Product),
            RecordFilterQuery.Clean(Customer), RecordFilterQuery.Clean(Text));
}
