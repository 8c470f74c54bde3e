using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RecordsImportBatchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ImportBatchId",
                table: "Tickets",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisits_ImportBatchId",
                table: "SiteVisits",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_RepairUpdates_ImportBatchId",
                table: "RepairUpdates",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Repairs_ImportBatchId",
                table: "Repairs",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_ImportBatchId",
                table: "Quotes",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ImportBatchId",
                table: "Complaints",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_ImportBatchId",
                table: "Callbacks",
                column: "ImportBatchId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_ImportBatchId",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_SiteVisits_ImportBatchId",
                table: "SiteVisits");

            migrationBuilder.DropIndex(
                name: "IX_RepairUpdates_ImportBatchId",
                table: "RepairUpdates");

            migrationBuilder.DropIndex(
                name: "IX_Repairs_ImportBatchId",
                table: "Repairs");

            migrationBuilder.DropIndex(
                name: "IX_Quotes_ImportBatchId",
                table: "Quotes");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ImportBatchId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Callbacks_ImportBatchId",
                table: "Callbacks");
        }
    }
}
