using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class I18MonthSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MonthSummaries",
                columns: table => new
                {
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    RuleId = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Group = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Eligible = table.Column<int>(type: "int", nullable: false),
                    Met = table.Column<int>(type: "int", nullable: false),
                    Pending = table.Column<int>(type: "int", nullable: false),
                    Rate = table.Column<double>(type: "float", nullable: true),
                    TargetChinese = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    TargetEnglish = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AsOf = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CalendarComplete = table.Column<bool>(type: "bit", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthSummaries", x => new { x.Month, x.RuleId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonthSummaries");
        }
    }
}
