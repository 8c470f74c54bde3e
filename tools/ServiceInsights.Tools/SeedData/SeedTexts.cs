using ServiceInsights.Data.Entities;

namespace ServiceInsights.Tools.SeedData;

/// <summary>One kind of complaint with the measures and corrective/preventive actions that belong to it, and the service
/// types whose tickets it fits.</summary>
internal sealed record SeedComplaintTheme(string Description, string Measures, string RootCause, string CorrectiveAction,
    string PreventiveAction, IReadOnlyList<ServiceType> Fits);

/// <summary>The Chinese free text of the seed data: what customers report, how staff answer, why things broke.</summary>
internal static class SeedTexts
{
    /// <summary>Issues by product family (<see cref="SeedProduct.Family"/>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SeedIssue>> Issues { get; } = new Dictionary<string, IReadOnlyList<SeedIssue>>
    {
        ["pest-lamp"] =
        [
            new("设备无法联网，平台显示离线", "指导客户检查SIM卡流量并重启网关，设备恢复在线", "通信模块故障"),
            new("数据不上传，平台最近3天没有虫情图片", "远程升级固件至V3.2.1后数据恢复上传", "主板故障"),
            new("拍照图像模糊，无法识别虫体", "指导客户清洁相机镜头并重新对焦，图像恢复清晰", "镜头污损"),
            new("诱虫灯管不亮", "指导客户检查灯管接线，确认灯管老化，寄送新灯管自行更换", "灯管老化"),
            new("烘干仓不加热，虫体未处理", "远程检查加热参数，恢复出厂设置后加热正常", "加热模块损坏"),
            new("雨控功能失灵，下雨时仍在工作", "指导客户清理雨控感应板表面积尘后恢复", "传感器老化"),
            new("接虫转盘卡住不转动", "指导客户清理转盘内虫体残渣并重新复位", "电机故障"),
            new("太阳能供电不足，夜间自动关机", "指导客户清洁太阳能板并检查蓄电池电压", "电池老化"),
        ],
        ["spore"] =
        [
            new("载玻片不走带，孢子图片重复", "指导客户重新安装载玻片卡槽并校准步进位置", "电机故障"),
            new("显微拍照无图像，平台图片全黑", "远程重启相机模块并调整曝光参数后恢复", "主板故障"),
            new("设备无法联网，数据不上传", "指导客户更换物联网卡后设备重新上线", "通信模块故障"),
            new("风机不转，采样量不足", "指导客户检查风机电源插头，确认风机损坏需更换", "电源模块损坏"),
            new("温湿度数据异常，湿度一直显示100%", "判断为温湿度传感器受潮，指导客户烘干后恢复", "进水受潮"),
        ],
        ["four"] =
        [
            new("平台登录后部分监测点无数据", "核对平台设备绑定关系，重新绑定后数据恢复显示", "软件版本过低"),
            new("苗情摄像头画面黑屏", "远程重启摄像头并恢复视频流配置", "摄像头模块故障"),
            new("气象要素数据跳变，温度忽高忽低", "指导客户检查传感器接头，重新紧固后数据稳定", "接插件松动"),
            new("数据不上传，平台显示最后更新时间为一周前", "远程排查为流量卡欠费，提醒客户充值后恢复", "通信模块故障"),
            new("平台账号密码遗忘，无法登录", "核实客户身份后重置平台密码", "操作不当"),
            new("雷雨后整套设备断电无法启动", "指导客户检查防雷模块与空气开关，判断需返厂检修", "雷击损坏"),
        ],
        ["soil-station"] =
        [
            new("土壤水分数据长期为0", "指导客户检查水分传感器埋设深度与接线，重新埋设后恢复", "传感器老化"),
            new("土壤温度读数漂移", "远程下发校准系数后读数正常", "传感器老化"),
            new("太阳能板充电异常，电池电压偏低", "指导客户清洁太阳能板并检查充电控制器", "电源模块损坏"),
            new("数据采集器无法联网", "指导客户重启采集器并重新配置服务器地址", "通信模块故障"),
            new("冬季低温后设备不开机", "指导客户更换低温型蓄电池", "电池老化"),
        ],
        ["nutrient"] =
        [
            new("比色结果偏差大，与实验室数据不一致", "指导客户重新进行空白校准并更换过期试剂", "操作不当"),
            new("打印机不出纸", "指导客户重新安装热敏打印纸并清理打印头", "打印模块故障"),
            new("咨询速效磷试剂配制方法", "发送试剂配制说明并电话讲解操作步骤", "操作不当"),
            new("开机无显示", "指导客户检查适配器与电池，确认电源板损坏需返厂", "电源模块损坏"),
        ],
        ["killer-lamp"] =
        [
            new("光控失灵，白天也开灯", "指导客户清洁光控探头并调整灵敏度", "传感器老化"),
            new("高压电网不放电，杀虫效果差", "指导客户检查高压模块接线，判断需更换高压包", "电源模块损坏"),
            new("灯管频繁烧坏", "建议客户加装稳压器并更换灯管", "电源模块损坏"),
        ],
        ["weather"] =
        [
            new("风速数据一直为0", "指导客户检查风速传感器转杯是否卡滞", "传感器老化"),
            new("雨量筒堵塞，雨量数据偏小", "指导客户清理雨量筒漏斗内杂物", "操作不当"),
            new("数据采集间隔异常", "远程修改采集间隔参数后恢复", "软件版本过低"),
        ],
        ["incubator"] =
        [
            new("箱内温度达不到设定值", "指导客户检查门封与设定参数，判断制冷系统需检修", "压缩机故障"),
            new("光照灯管部分不亮", "指导客户更换光照灯管", "灯管老化"),
            new("控制面板显示E3报警", "远程指导恢复控制器参数后报警消除", "温控器故障"),
            new("温度波动大，超过±1℃", "指导客户减少开门次数并重新整定PID参数", "温控器故障"),
        ],
        ["climate"] =
        [
            new("湿度达不到设定值，加湿器不工作", "指导客户清洗加湿器水箱并更换纯净水", "加湿器堵塞"),
            new("程序段运行中断", "指导客户重新编辑程序段并保存", "操作不当"),
            new("制冷效果差，箱内温度偏高", "判断冷凝器积灰，指导客户清理后观察", "压缩机故障"),
            new("门封条老化漏气", "寄送新门封条并指导客户更换", "门封老化"),
        ],
        ["germinator"] =
        [
            new("箱内温度偏高，种子发芽试验受影响", "指导客户校准温度探头并检查风道", "温控器故障"),
            new("照度不足", "指导客户更换光照灯管", "灯管老化"),
            new("加湿水箱漏水", "指导客户检查水箱接头并更换密封圈", "运输损坏"),
        ],
        ["spad"] =
        [
            new("开机后显示错误代码", "指导客户按说明书进行自检，确认需送修原厂", "主板故障"),
            new("测量值偏差大，需要校准", "指导客户用校准板重新校准", "传感器老化"),
            new("电池仓接触不良，频繁关机", "指导客户清洁电池仓触点", "接插件松动"),
        ],
        ["licor"] =
        [
            new("CO2参比值漂移", "指导客户更换化学药品管并重新匹配", "传感器老化"),
            new("叶室漏气，流量异常", "指导客户检查叶室垫圈并更换", "运输损坏"),
            new("软件升级后主机无法连接", "远程协助回退软件版本后恢复连接", "软件版本过低"),
            new("需要年度标定", "说明进口设备标定需寄回原厂，协商约定完成日期", "传感器老化"),
        ],
    };

    public static IReadOnlyList<string> InstallationProblems { get; } =
    [
        "新购设备到货，需要安装调试", "新建监测点设备安装调试", "设备到货，申请上门安装并培训操作人员",
        "项目验收前需完成设备安装调试", "设备迁移新址后重新安装调试",
    ];

    public static IReadOnlyList<string> QuoteProblems { get; } =
    [
        "咨询设备采购价格", "需要配件报价", "申请延保服务报价", "需要新增监测点的整体报价", "咨询耗材（灯管、载玻片、试剂）价格",
        "项目预算需要正式报价单",
    ];

    public static IReadOnlyList<string> ReturnRepairPlans { get; } =
    [
        "经远程排查无法现场解决，安排客户寄回返厂维修，修复后寄回",
        "判断为硬件故障，已告知客户返厂流程及寄件地址，维修完成后顺丰寄回",
        "远程排查后确认需返厂检修，已发送返厂维修单",
    ];

    public static IReadOnlyList<string> OnsitePlans { get; } =
    [
        "远程无法解决，安排工程师上门检修", "与客户预约时间，派工程师上门更换故障部件", "安排工程师上门排查并现场修复",
    ];

    public static IReadOnlyList<string> InstallationPlans { get; } =
    [
        "按销售委派单安排工程师上门安装调试并培训", "已与客户确认安装位置与供电条件，安排工程师上门安装",
        "安装调试完成，现场培训操作人员并填写安装调试单",
    ];

    public static IReadOnlyList<string> QuotePlans { get; } =
    [
        "已按客户需求发送正式报价单", "已通过邮件发送报价单并电话确认", "报价单已发送，客户待内部审批",
    ];

    /// <summary>CS-1b: the forbidden phrases, each inside a realistic note.</summary>
    public static IReadOnlyList<string> ForbiddenPhraseNotes { get; } =
    [
        "客户询问平台数据接口对接方式，客服答复“我不知道”，后转研发部回复",
        "客户追问配件到货时间，客服答复不清楚，待采购确认后回电",
        "客户要求开具发票，客服称这个不归我管，请客户联系销售",
        "客户反映设备经常断电，客服答复这个解决不了，建议更换新机",
        "客户询问上门安装时间，客服答复这不是我负责的，已转工程部",
    ];

    public static IReadOnlyList<string> TicketNotes { get; } =
    [
        "客户要求尽快处理", "客户下周出差，请周一前回复", "已发送操作视频", "老客户，设备已过质保期", "客户希望电话沟通，不要发短信",
        "需要开具维修发票", "客户为项目验收单位，需重点跟进", "销售已知悉", "设备安装在田间，信号较弱",
    ];

    public static IReadOnlyList<string> RepairUpdateNotes { get; } =
    [
        "已收件，待检测", "检测中", "故障已确认，等待配件", "配件已到，维修中", "维修中，预计明天完成", "维修完成，老化测试中",
        "老化测试通过，待寄回", "已与客户确认维修进度", "品质技术部复检中",
    ];

    public static IReadOnlyList<string> CallbackOtherNeeds { get; } =
    [
        "希望提供虫情测报灯操作培训", "咨询孢子捕捉仪载玻片采购", "计划明年增加一台墒情监测站", "希望平台增加数据导出功能",
        "咨询培养箱年度保养服务", "需要开具维修发票", "询问设备质保期到哪天", "希望安排一次上门巡检", "需要英文版操作说明书",
        "咨询虫情识别模型能否增加草地贪夜蛾",
    ];

    public static IReadOnlyList<string> CallbackUnreachedNotes { get; } = ["无人接听", "电话关机", "号码停机", "占线，稍后再拨", "客户未回复短信"];

    public static IReadOnlyList<string> CallbackNotes { get; } =
    [
        "客户反映使用正常", "客户表示满意", "客户称设备运行稳定", "客户建议缩短返厂周期", "客户对工程师服务态度表示认可",
        "客户希望以后提前电话通知", "客户表示数据已恢复正常上报",
    ];

    /// <summary>Complaint themes: what the customer says, the measures, and the CAPA that fits it (8D D4–D7).</summary>
    public static IReadOnlyList<SeedComplaintTheme> ComplaintThemes { get; } =
    [
        new("设备返厂维修已超过两周仍未寄回，客户多次催问无明确答复", "加急维修并顺丰次日达寄回，每日向客户通报进度",
            "配件库存不足导致维修周期延长", "补充常用配件安全库存", "每月核查配件库存并纳入周例会", [ServiceType.ReturnRepair]),
        new("设备修复后一个月内再次出现同样故障", "免费更换故障部件并延长质保半年",
            "维修后老化测试时间不足，故障未彻底排除", "维修后老化测试延长至48小时", "建立返修件跟踪台账", [ServiceType.ReturnRepair, ServiceType.OnsiteRepair]),
        new("维修后寄回途中损坏，客户要求重新维修并赔偿运费", "重新维修并承担往返运费",
            "物流包装防护不足", "更换加厚包装并增加防震材料", "与物流供应商签订破损赔付协议", [ServiceType.ReturnRepair]),
        new("上门工程师未按约定时间到达，也未提前通知", "部门经理致电客户道歉，重新预约并优先安排",
            "工程师行程安排冲突，未及时通知客户改约", "修订上门服务预约流程，增加提前一天电话确认", "工程师行程纳入共享日历",
            [ServiceType.OnsiteRepair, ServiceType.Installation]),
        new("到货设备外箱破损，设备外壳有划痕", "更换新机并承担往返运费",
            "物流包装防护不足", "更换加厚包装并增加防震材料", "发货前拍照留存包装状态", [ServiceType.Installation]),
        new("客服答复含糊，客户认为推诿", "部门经理致电客户道歉并说明处理计划",
            "客服对新产品培训不足，答复不专业", "组织客服新产品专项培训并考核", "建立客服答复话术库", [ServiceType.Consult]),
        new("多次来电未得到技术人员回复", "当天安排技术人员电话回复并远程协助",
            "来电未登记工单，无人跟踪", "所有来电登记工单并设定回复时限", "每日晨会检查未回复工单", [ServiceType.Consult]),
        new("数据平台长时间无法登录，影响测报数据上报", "安排技术人员远程协助恢复平台访问",
            "平台服务器升级未提前通知客户", "平台升级前三天短信通知全部客户", "建立平台变更通知机制", [ServiceType.Consult]),
        new("报价高于预期，且前后两次报价不一致", "重新核算报价并由销售经理当面解释",
            "报价流程缺少审核环节", "报价单增加主管审核签字", "建立标准报价表并每季度更新", [ServiceType.Quote]),
        new("设备温控不稳定导致实验样品损失", "更换温控器并免费延长质保一年",
            "外购温控器批次质量问题", "要求供应商更换同批次温控器", "外购件入厂检验增加温控精度测试",
            [ServiceType.ReturnRepair, ServiceType.OnsiteRepair, ServiceType.Consult]),
        new("设备频繁故障，影响病虫害监测预警工作", "提供备用机并安排工程师上门全面检修",
            "出厂检验未覆盖高湿环境测试", "增加高湿老化测试项目", "新产品上市前完成环境可靠性验证",
            [ServiceType.ReturnRepair, ServiceType.OnsiteRepair, ServiceType.Consult]),
    ];

    public static IReadOnlyList<string> MediaDescriptions { get; } =
    [
        "客户在当地电视台民生栏目反映监测设备故障长期无人处理",
        "客户在短视频平台发布视频，称虫情测报灯安装后一直无法使用",
        "客户向行业媒体公众号投稿，质疑设备数据准确性",
    ];

    public static IReadOnlyList<string> ThreatDescriptions { get; } =
    [
        "客户表示如三天内不解决将向12345政务热线投诉", "客户扬言向消费者协会投诉", "客户称将向上级主管部门反映设备质量问题",
    ];

    public static IReadOnlyList<string> FaultCausesGeneral { get; } = ["主板故障", "传感器老化", "电源模块损坏", "运输损坏", "操作不当"];
}
