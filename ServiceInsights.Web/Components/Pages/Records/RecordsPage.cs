using Microsoft.AspNetCore.Components;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Records;
using ServiceInsights.Web.Components.Shared;

namespace ServiceInsights.Web.Components.Pages.Records;

/// <summary>A record list page: reads the month and the filters from the query string (<see cref="RecordFilterQuery"/>).</summary>
public abstract class RecordsPage : ComponentBase
{
    [Inject]
    private DepartmentClock Clock { get; set; } = default!;

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

    protected RecordFilter Filter { get; private set; } = default!;

    protected override void OnParametersSet() =>
        Filter = new RecordFilter(MonthQuery.Resolve(Month, Clock), RecordFilterQuery.Clean(Staff), RecordFilterQuery.Clean(Product),
            RecordFilterQuery.Clean(Customer), RecordFilterQuery.Clean(Text));
}
