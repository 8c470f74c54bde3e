using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceInsights.Data.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ServiceRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Callbacks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CallbackNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TicketNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Customer = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ProductName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Model = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Method = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reached = table.Column<bool>(type: "bit", nullable: false),
                    Solved = table.Column<bool>(type: "bit", nullable: true),
                    RunningNormally = table.Column<bool>(type: "bit", nullable: true),
                    Satisfaction = table.Column<int>(type: "int", nullable: true),
                    OtherNeeds = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Notes = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Staff = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ContentHash = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Callbacks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ComplaintNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TicketNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Customer = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ProductName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Model = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    SerialNo = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    SalesPerson = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    SalesFeedbackAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ThreatensExternal = table.Column<bool>(type: "bit", nullable: true),
                    Media = table.Column<bool>(type: "bit", nullable: true),
                    Description = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PromisedBy = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Measures = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ManagerInformedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LeaderInformedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ResultNotifiedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Satisfaction = table.Column<int>(type: "int", nullable: true),
                    RootCause = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    CorrectiveAction = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PreventiveAction = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Responsible = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CaseStudyWritten = table.Column<bool>(type: "bit", nullable: true),
                    Staff = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ContentHash = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    FileSize = table.Column<long>(type: "bigint", nullable: false),
                    Kinds = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    NewRows = table.Column<int>(type: "int", nullable: false),
                    UpdatedRows = table.Column<int>(type: "int", nullable: false),
                    UnchangedRows = table.Column<int>(type: "int", nullable: false),
                    RejectedRows = table.Column<int>(type: "int", nullable: false),
                    Message = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Quotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    QuoteNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TicketNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    QuotedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PriceInclTax = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    PriceExclTax = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    FirstQuoted = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    NoInvoiceRequested = table.Column<bool>(type: "bit", nullable: true),
                    ContentHash = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Quotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Repairs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RepairNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TicketNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CsNotifiedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    OrderedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    HandedOverAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RepairedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ShippedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AgreedDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    FaultCause = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ContentHash = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Repairs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RepairUpdates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RepairNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Method = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Notes = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ContentHash = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepairUpdates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SiteVisits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DispatchNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TicketNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    OrderedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DirectorSignedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AppointmentAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RescheduledWithNotice = table.Column<bool>(type: "bit", nullable: true),
                    ArrivedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FormFiled = table.Column<bool>(type: "bit", nullable: true),
                    SurveyScore = table.Column<int>(type: "int", nullable: true),
                    Engineer = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ContentHash = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteVisits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tickets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TicketNo = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Customer = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Contact = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Vip = table.Column<bool>(type: "bit", nullable: true),
                    ProductName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Model = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    SerialNo = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    PurchaseDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Origin = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ServiceType = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Problem = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Solution = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Notes = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Staff = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    SmsConfirmedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FirstResponseAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PromisedBy = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SatisfactoryReplyAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ContentHash = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tickets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_At",
                table: "Callbacks",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_CallbackNo",
                table: "Callbacks",
                column: "CallbackNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_Customer",
                table: "Callbacks",
                column: "Customer");

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_Staff",
                table: "Callbacks",
                column: "Staff");

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_TicketNo",
                table: "Callbacks",
                column: "TicketNo");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ComplaintNo",
                table: "Complaints",
                column: "ComplaintNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Customer",
                table: "Complaints",
                column: "Customer");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedAt",
                table: "Complaints",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Staff",
                table: "Complaints",
                column: "Staff");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_TicketNo",
                table: "Complaints",
                column: "TicketNo");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_Sha256",
                table: "ImportBatches",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_StartedAt",
                table: "ImportBatches",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_QuotedAt",
                table: "Quotes",
                column: "QuotedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_QuoteNo",
                table: "Quotes",
                column: "QuoteNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_TicketNo",
                table: "Quotes",
                column: "TicketNo");

            migrationBuilder.CreateIndex(
                name: "IX_Repairs_ReceivedAt",
                table: "Repairs",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Repairs_RepairNo",
                table: "Repairs",
                column: "RepairNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Repairs_TicketNo",
                table: "Repairs",
                column: "TicketNo");

            migrationBuilder.CreateIndex(
                name: "IX_RepairUpdates_At",
                table: "RepairUpdates",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_RepairUpdates_RepairNo_At",
                table: "RepairUpdates",
                columns: new[] { "RepairNo", "At" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisits_DispatchNo",
                table: "SiteVisits",
                column: "DispatchNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisits_Engineer",
                table: "SiteVisits",
                column: "Engineer");

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisits_OrderedAt",
                table: "SiteVisits",
                column: "OrderedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisits_TicketNo",
                table: "SiteVisits",
                column: "TicketNo");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Customer",
                table: "Tickets",
                column: "Customer");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ReceivedAt",
                table: "Tickets",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Staff",
                table: "Tickets",
                column: "Staff");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_TicketNo",
                table: "Tickets",
                column: "TicketNo",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Callbacks");

            migrationBuilder.DropTable(
                name: "Complaints");

            migrationBuilder.DropTable(
                name: "ImportBatches");

            migrationBuilder.DropTable(
                name: "Quotes");

            migrationBuilder.DropTable(
                name: "Repairs");

            migrationBuilder.DropTable(
                name: "RepairUpdates");

            migrationBuilder.DropTable(
                name: "SiteVisits");

            migrationBuilder.DropTable(
                name: "Tickets");
        }
    }
}
