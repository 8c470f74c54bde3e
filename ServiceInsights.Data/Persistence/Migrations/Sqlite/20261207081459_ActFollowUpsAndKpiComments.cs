using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActFollowUpsAndKpiComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FollowUpItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DerivedKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RecordKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecordKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Customer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VerifierId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    VerifierName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KpiComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiComments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpChanges_FollowUpItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "FollowUpItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KpiCommentChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommentId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiCommentChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KpiCommentChanges_KpiComments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "KpiComments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpChanges_ItemId_At",
                table: "FollowUpChanges",
                columns: new[] { "ItemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpItems_DerivedKey",
                table: "FollowUpItems",
                column: "DerivedKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpItems_OwnerId_Status",
                table: "FollowUpItems",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpItems_RecordKind_RecordKey",
                table: "FollowUpItems",
                columns: new[] { "RecordKind", "RecordKey" });

            migrationBuilder.CreateIndex(
                name: "IX_KpiCommentChanges_CommentId_At",
                table: "KpiCommentChanges",
                columns: new[] { "CommentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_KpiComments_Month_RuleId",
                table: "KpiComments",
                columns: new[] { "Month", "RuleId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpChanges");

            migrationBuilder.DropTable(
                name: "KpiCommentChanges");

            migrationBuilder.DropTable(
                name: "FollowUpItems");

            migrationBuilder.DropTable(
                name: "KpiComments");
        }
    }
}
