using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class I18MonthClose : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MonthCloses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClosedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AsOf = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CalendarComplete = table.Column<bool>(type: "bit", nullable: false),
                    SettingsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CalendarJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ReopenedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReopenedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ReopenReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthCloses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MonthCloseFiles",
                columns: table => new
                {
                    MonthCloseId = table.Column<long>(type: "bigint", nullable: false),
                    Report = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Format = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Language = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthCloseFiles", x => new { x.MonthCloseId, x.Report, x.Format, x.Language });
                    table.ForeignKey(
                        name: "FK_MonthCloseFiles_MonthCloses_MonthCloseId",
                        column: x => x.MonthCloseId,
                        principalTable: "MonthCloses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MonthCloseRules",
                columns: table => new
                {
                    MonthCloseId = table.Column<long>(type: "bigint", nullable: false),
                    RuleId = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Group = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Eligible = table.Column<int>(type: "int", nullable: false),
                    Met = table.Column<int>(type: "int", nullable: false),
                    Pending = table.Column<int>(type: "int", nullable: false),
                    Rate = table.Column<double>(type: "float", nullable: true),
                    TargetChinese = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    TargetEnglish = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthCloseRules", x => new { x.MonthCloseId, x.RuleId });
                    table.ForeignKey(
                        name: "FK_MonthCloseRules_MonthCloses_MonthCloseId",
                        column: x => x.MonthCloseId,
                        principalTable: "MonthCloses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MonthCloseScorecards",
                columns: table => new
                {
                    MonthCloseId = table.Column<long>(type: "bigint", nullable: false),
                    Staff = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthCloseScorecards", x => new { x.MonthCloseId, x.Staff });
                    table.ForeignKey(
                        name: "FK_MonthCloseScorecards_MonthCloses_MonthCloseId",
                        column: x => x.MonthCloseId,
                        principalTable: "MonthCloses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonthCloses_Month_Revision",
                table: "MonthCloses",
                columns: new[] { "Month", "Revision" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonthCloseFiles");

            migrationBuilder.DropTable(
                name: "MonthCloseRules");

            migrationBuilder.DropTable(
                name: "MonthCloseScorecards");

            migrationBuilder.DropTable(
                name: "MonthCloses");
        }
    }
}
