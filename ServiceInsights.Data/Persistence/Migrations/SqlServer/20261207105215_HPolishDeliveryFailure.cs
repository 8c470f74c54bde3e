using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class HPolishDeliveryFailure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Failure",
                table: "DeliverySends",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Failure",
                table: "DeliverySends");
        }
    }
}
