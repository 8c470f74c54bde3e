using Microsoft.EntityFrameworkCore.Migrations;
using ServiceInsights.Data.Delivery;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.SqlServer
{
    /// <summary>The scheduler's job store (QRTZ_ tables) in the app's own database; not part of the EF model (decision 027).</summary>
    public partial class DeliverQuartzJobStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.Statements(QuartzSchema.SqlServer))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in QuartzSchema.TablesChildrenFirst)
            {
                migrationBuilder.Sql($"DROP TABLE {table}");
            }
        }
    }
}
