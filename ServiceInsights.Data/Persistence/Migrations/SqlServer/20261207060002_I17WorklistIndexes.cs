using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class I17WorklistIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ResolvedAt",
                table: "Tickets",
                column: "ResolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Staff_ResolvedAt",
                table: "Tickets",
                columns: new[] { "Staff", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisits_CompletedAt",
                table: "SiteVisits",
                column: "CompletedAt");
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
