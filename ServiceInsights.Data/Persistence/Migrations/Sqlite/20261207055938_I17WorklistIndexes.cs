using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I17WorklistIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // IF NOT EXISTS: a reused bench database may re-apply its latest migration (BenchDatabaseTests).
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS \"IX_Tickets_ResolvedAt\" ON \"Tickets\" (\"ResolvedAt\");");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS \"IX_Tickets_Staff_ResolvedAt\" ON \"Tickets\" (\"Staff\", \"ResolvedAt\");");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS \"IX_SiteVisits_CompletedAt\" ON \"SiteVisits\" (\"CompletedAt\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_ResolvedAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Staff_ResolvedAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_SiteVisits_CompletedAt",
                table: "SiteVisits");
        }
    }
}
