using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallbacksByTicketAndTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Callbacks_TicketNo",
                table: "Callbacks");

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_TicketNo_At",
                table: "Callbacks",
                columns: new[] { "TicketNo", "At", "CallbackNo", "Method", "Reached", "Satisfaction", "Solved" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Callbacks_TicketNo_At",
                table: "Callbacks");

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_TicketNo",
                table: "Callbacks",
                column: "TicketNo");
        }
    }
}
