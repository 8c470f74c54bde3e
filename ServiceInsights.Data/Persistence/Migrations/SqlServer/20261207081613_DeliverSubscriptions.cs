using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DeliverSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeliverySends",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DeliveryKey = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    SubscriptionId = table.Column<long>(type: "bigint", nullable: true),
                    SubscriptionName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Occasion = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Recipient = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Files = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Refused = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    MonthClosed = table.Column<bool>(type: "bit", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SentAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliverySends", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeliverySubscriptionChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Subscription = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OldValue = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    NewValue = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliverySubscriptionChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeliverySubscriptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Reports = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Formats = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Language = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    RecipientRoles = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RecipientEmails = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    WorkingDay = table.Column<int>(type: "int", nullable: true),
                    AtMinutes = table.Column<int>(type: "int", nullable: false),
                    OnClose = table.Column<bool>(type: "bit", nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliverySubscriptions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeliverySends_CreatedAt",
                table: "DeliverySends",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DeliverySends_DeliveryKey",
                table: "DeliverySends",
                column: "DeliveryKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeliverySends_Status_NextAttemptAt",
                table: "DeliverySends",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliverySubscriptions_Name",
                table: "DeliverySubscriptions",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeliverySends");

            migrationBuilder.DropTable(
                name: "DeliverySubscriptionChanges");

            migrationBuilder.DropTable(
                name: "DeliverySubscriptions");
        }
    }
}
