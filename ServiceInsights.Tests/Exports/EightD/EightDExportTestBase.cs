using System.Globalization;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.EightD;
using ServiceInsights.Tests.Exports.Pdf;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.EightD;

namespace ServiceInsights.Tests.Exports.EightD;

/// <summary>
/// 8D drafts to export, made by <see cref="EightDService"/> from seeded records: a rich one (a unit back twice, a complaint,
/// every section filled, reviewed and approved) and a nearly empty one (a bare complaint, nothing but open items).
/// </summary>
public abstract class EightDExportTestBase : EightDTestBase
{
    protected const string ComplaintNo = "TS-A";

    /// <summary>Text a spreadsheet would take for a formula if it were written as one.</summary>
    protected const string FormulaLike = "=SUM(A1)";

    protected EightDExport Exporter() =>
        new(Service, new EightDLinkedRecordsQuery(Database.Factory, TestClock.Shanghai), TestLocalizer.Current(), TestClock.Shanghai);

    protected async Task<ReportFile> ExportAsync(string number, ExportFormat format, string culture)
    {
        Localize(culture);
        return await Exporter().ExportAsync(number, format) ?? throw new InvalidOperationException($"no 8D {number}");
    }

    protected static void Localize(string culture)
    {
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
    }

    /// <summary>The rich 8D: every section has rows, the statement is written, the report is approved by a manager.</summary>
    protected async Task<EightDDocument> RichAsync()
    {
        Ticket Ticket(string no, string received, string? serial, string problem) =>
            new TicketBuilder().No(no).ReceivedAt(received).Customer("河南省植保站").Product("虫情测报灯", "TPCB-III-A")
                .With(t => (t.SerialNo, t.Origin, t.Address, t.Staff, t.Problem) = (serial, Origin.SelfMade, "河南省郑州市金水区经三路91号", "李娜", problem))
                .Build();

        await Database.AddAsync(
            Ticket("GD-A", "2026-09-01 09:00", "CB-001", "设备无法联网"),
            new RepairBuilder().No("WX-A").Ticket("GD-A").ReceivedAt("2026-09-03 09:00").RepairedAt("2026-09-08 16:00").FaultCause("通信模块故障").Build(),
            Ticket("GD-B", "2026-10-10 10:00", "CB-001", "+86 371 再次离线"),
            new RepairBuilder().No("WX-B").Ticket("GD-B").ReceivedAt("2026-10-12 09:00").FaultCause("通信模块故障").Build(),
            new ComplaintBuilder().No(ComplaintNo).Ticket("GD-B").ReceivedAt("2026-10-20 11:00").Customer("河南省植保站").Staff("李娜")
                .Description(FormulaLike).RootCause("通信模块批次不良")
                .With(c => (c.ProductName, c.Model, c.SerialNo, c.Measures, c.Responsible, c.CorrectiveAction) =
                    ("虫情测报灯", "TPCB-III-A", "CB-001", "更换备用机", "张工", "更换通信模块供应商"))
                .Build());

        var draft = await Service.CreateFromComplaintAsync(ComplaintNo, Quality.Name);
        var edited = draft.Content.Clone();
        edited.D2.ProblemStatement = "河南省植保站的 TPCB-III-A 测报灯 CB-001 在两个月内两次因通信模块故障离线。";
        edited.D3.Actions =
        [
            new ContainmentAction { Action = "为客户更换备用机", Owner = "张工", Date = new DateOnly(2026, 10, 21), EffectivenessPercent = 100 },
            new ContainmentAction { Action = "-5 台库存通信模块隔离检验", Owner = "质检部", Date = new DateOnly(2026, 10, 22), EffectivenessPercent = 80 },
        ];
        edited.D4.Causes =
        [
            new RootCause
            {
                Id = 1, Kind = CauseKind.Occurrence, Description = "通信模块批次焊点虚焊", ContributionPercent = 100,
                Whys = ["模块离线", "天线接口接触不良", "焊点虚焊", "回流焊温度曲线偏低", "供应商未按工艺文件设定"],
            },
            new RootCause { Id = 2, Kind = CauseKind.Escape, Description = "来料检验未做高低温循环", ContributionPercent = 100, Whys = ["", "", "", "", ""] },
        ];
        edited.D5.Actions =
        [
            new PermanentAction { Id = 1, CauseId = 1, Action = "更换通信模块供应商", Owner = "采购部", Verification = "小批量试产 200 台无故障", VerifiedOn = new DateOnly(2026, 11, 10) },
            new PermanentAction { Id = 2, CauseId = 2, Action = "来料检验增加高低温循环", Owner = "质检部", Verification = "检验记录抽查" },
        ];
        edited.D6.Steps =
        [
            new ImplementationStep { ActionId = 1, PlannedOn = new DateOnly(2026, 11, 12), ActualOn = new DateOnly(2026, 11, 14), Validation = "三个月返修率为 0", ValidatedOn = new DateOnly(2026, 11, 25) },
            new ImplementationStep { ActionId = 2, PlannedOn = new DateOnly(2026, 12, 1) },
        ];
        edited.D7.Items =
        [
            new PreventionItem { Document = PreventionDocument.Fmea, Change = "PFMEA 增加焊接温度曲线控制", Owner = "工艺部", DueOn = new DateOnly(2026, 12, 15) },
            new PreventionItem { Document = PreventionDocument.WorkInstruction, Change = "来料检验作业指导书", Owner = "质检部", DueOn = new DateOnly(2026, 12, 1), DoneOn = new DateOnly(2026, 11, 27) },
        ];
        edited.D8.Summary = "纠正措施有效，结案。";
        edited.D8.Recognition = "@售后与质检团队：感谢。";
        var version = draft.Version;
        foreach (var section in new[] { EightDSection.D2, EightDSection.D3, EightDSection.D4, EightDSection.D5, EightDSection.D6, EightDSection.D7, EightDSection.D8 })
        {
            version = (await Service.SaveSectionAsync(draft.Number, version, section, edited, Quality)).Version;
        }

        version = await Service.ChangeStatusAsync(draft.Number, version, EightDStatus.InReview, Quality);
        await Service.ChangeStatusAsync(draft.Number, version, EightDStatus.Approved, Manager);
        return (await Service.LoadAsync(draft.Number))!;
    }

    /// <summary>A draft from a bare complaint: the records hold almost nothing, so it is mostly open items.</summary>
    protected async Task<EightDDocument> NearlyEmptyAsync() => (await Service.LoadAsync((await DraftAsync()).Number))!;
}
