using ServiceInsights.Data.Entities;

namespace ServiceInsights.Tools.SeedData;

/// <summary>A customer organisation of the seed data: name, address, telephone area code, VIP status and how often it calls
/// (a relative weight).</summary>
internal sealed record SeedCustomer(string Name, string Address, string AreaCode, bool Vip, int Weight);

/// <summary>One issue a product family has: what the customer reports, how it is solved remotely, and the fault cause a
/// returned item turns out to have.</summary>
internal sealed record SeedIssue(string Problem, string RemoteSolution, string FaultCause);

/// <summary>A product model: family name, model, origin, serial-number prefix, list price (yuan), relative weight.</summary>
internal sealed record SeedProduct(string Name, string Model, Origin Origin, string SerialPrefix, decimal Price, int Weight, string Family)
{
    /// <summary>A hand-held or bench instrument: returned for repair, never installed or repaired on site.</summary>
    public bool Portable => Family is "spad" or "licor" or "nutrient";
}

/// <summary>The fixed vocabulary of the seed data: the department's customers, products and people.</summary>
internal static class SeedCatalog
{
    /// <summary>The demo Staff user's display name; she must own tickets in the seed data.</summary>
    public const string DemoStaff = "张丽";

    public static IReadOnlyList<string> Staff { get; } =
        [DemoStaff, "王芳", "李娜", "刘洋", "陈静", "杨敏", "赵婷", "黄磊", "周雪", "吴倩", "孙浩", "徐丹"];

    public static IReadOnlyList<string> Engineers { get; } = ["李强", "王磊", "张伟", "刘军", "陈刚", "杨帆", "赵勇", "孙鹏"];

    /// <summary>品质技术部: the responsible people for repairs and corrective actions.</summary>
    public static IReadOnlyList<string> QualityTech { get; } = ["马建国", "郭志强", "何文斌", "高红梅"];

    public static IReadOnlyList<string> Sales { get; } = ["冯晓东", "韩冰", "曹宇", "彭涛", "蒋华", "蔡明", "田野", "董超"];

    public static IReadOnlyList<string> Surnames { get; } =
    [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
        "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
    ];

    public static IReadOnlyList<string> GivenNames { get; } =
    [
        "建华", "志强", "秀英", "桂兰", "海燕", "国庆", "明", "伟", "敏", "静", "丽娟", "红梅", "永刚", "春生", "晓东", "立新",
        "文博", "雅婷", "子涵", "浩然", "振宇", "玉兰", "淑珍", "德明", "长春", "爱民", "学军", "慧", "磊", "涛", "鹏飞", "佳",
        "宏伟", "金凤", "少华", "艳", "冬梅", "正阳", "兴旺", "晨",
    ];

    public static IReadOnlyList<string> Titles { get; } = ["站长", "科长", "老师", "主任", "工程师", "教授", "技术员", "场长", "经理", ""];

    public static IReadOnlyList<SeedProduct> Products { get; } =
    [
        new("虫情测报灯", "TPCB-III-A", Origin.SelfMade, "CB3A", 26800m, 18, "pest-lamp"),
        new("虫情测报灯", "TPCB-IV-B", Origin.SelfMade, "CB4B", 34800m, 10, "pest-lamp"),
        new("孢子捕捉仪", "TPBZ-3", Origin.SelfMade, "BZ3", 32500m, 10, "spore"),
        new("植保四情监测系统", "TPSQ-1", Origin.SelfMade, "SQ1", 86000m, 9, "four"),
        new("墒情监测站", "TPSQ-SQ", Origin.SelfMade, "SQSQ", 28600m, 9, "soil-station"),
        new("土壤养分检测仪", "TPY-8A", Origin.SelfMade, "Y8A", 9800m, 8, "nutrient"),
        new("频振式杀虫灯", "TPSC-2", Origin.SelfMade, "SC2", 3600m, 5, "killer-lamp"),
        new("自动气象站", "TPQX-6", Origin.SelfMade, "QX6", 38500m, 4, "weather"),
        new("光照培养箱", "GXZ-280", Origin.Purchased, "GXZ", 15800m, 7, "incubator"),
        new("人工气候培养箱", "RXZ-500", Origin.Purchased, "RXZ", 29800m, 5, "climate"),
        new("种子发芽箱", "ZFX-300", Origin.Purchased, "ZFX", 12600m, 5, "germinator"),
        new("叶绿素测定仪", "SPAD-502Plus", Origin.Imported, "", 14500m, 4, "spad"),
        new("便携式光合仪", "LI-6800", Origin.Imported, "", 568000m, 2, "licor"),
    ];

    /// <summary>Key products for phone callbacks (CS-7b): the default keyword list of the setting.</summary>
    public static IReadOnlyList<string> KeyProductKeywords { get; } = ["四情", "虫情", "孢子", "墒情", "苗情", "培养箱", "种子"];

    public static bool IsKeyProduct(string? name, string? model) =>
        KeyProductKeywords.Any(k => (name?.Contains(k, StringComparison.Ordinal) ?? false) || (model?.Contains(k, StringComparison.Ordinal) ?? false));

    public static IReadOnlyList<SeedCustomer> Customers { get; } =
    [
        // 农业农村局
        new("山东省寿光市农业农村局", "山东省潍坊市寿光市圣城街道农圣东街1号", "0536", true, 9),
        new("山东省潍坊市农业农村局", "山东省潍坊市奎文区胜利东街5号", "0536", false, 4),
        new("河南省周口市农业农村局", "河南省周口市川汇区七一路12号", "0394", false, 4),
        new("江苏省盐城市大丰区农业农村局", "江苏省盐城市大丰区健康西路18号", "0515", false, 3),
        new("安徽省宿州市埇桥区农业农村局", "安徽省宿州市埇桥区淮海南路32号", "0557", false, 3),
        new("河北省邯郸市农业农村局", "河北省邯郸市丛台区人民路210号", "0310", false, 3),
        new("湖北省荆州市农业农村局", "湖北省荆州市沙市区江津东路8号", "0716", false, 3),
        new("湖南省常德市鼎城区农业农村局", "湖南省常德市鼎城区郭家铺街道金霞大道2号", "0736", false, 2),
        new("四川省绵阳市农业农村局", "四川省绵阳市涪城区临园路东段68号", "0816", false, 2),
        new("黑龙江省绥化市农业农村局", "黑龙江省绥化市北林区中直路297号", "0455", false, 2),
        new("吉林省公主岭市农业农村局", "吉林省公主岭市岭东街道公主大街1号", "0434", false, 2),
        new("新疆维吾尔自治区昌吉州农业农村局", "新疆维吾尔自治区昌吉市延安北路196号", "0994", true, 5),
        new("内蒙古自治区通辽市农牧局", "内蒙古自治区通辽市科尔沁区霍林河大街1号", "0475", false, 2),
        new("陕西省杨凌示范区农业农村局", "陕西省杨凌示范区神农路6号", "029", false, 2),
        new("甘肃省张掖市甘州区农业农村局", "甘肃省张掖市甘州区县府街30号", "0936", false, 2),
        new("江西省宜春市农业农村局", "江西省宜春市袁州区宜阳大道88号", "0795", false, 2),
        new("广西壮族自治区南宁市农业农村局", "广西壮族自治区南宁市青秀区民族大道111号", "0771", false, 2),
        new("云南省曲靖市农业农村局", "云南省曲靖市麒麟区紫云路125号", "0874", false, 1),
        new("山西省运城市农业农村局", "山西省运城市盐湖区河东东街99号", "0359", false, 2),
        new("浙江省嘉兴市农业农村局", "浙江省嘉兴市南湖区纺工路1066号", "0573", false, 2),
        // 植保站
        new("河南省植保植检站", "河南省郑州市金水区经三路91号", "0371", true, 9),
        new("江苏省盐城市植物保护站", "江苏省盐城市亭湖区开放大道66号", "0515", false, 5),
        new("山东省植物保护总站", "山东省济南市历下区历山路56号", "0531", true, 8),
        new("安徽省植物保护总站", "安徽省合肥市包河区马鞍山路15号", "0551", false, 5),
        new("湖北省植物保护总站", "湖北省武汉市武昌区八一路29号", "027", false, 4),
        new("湖南省植保植检站", "湖南省长沙市芙蓉区远大一路768号", "0731", false, 4),
        new("江苏省植物保护植物检疫站", "江苏省南京市鼓楼区龙江小区月光广场8号", "025", true, 8),
        new("河北省植保植检总站", "河北省石家庄市裕华区裕华东路212号", "0311", false, 4),
        new("四川省农业农村厅植物保护站", "四川省成都市武侯区武侯祠大街4号", "028", false, 3),
        new("黑龙江省植检植保站", "黑龙江省哈尔滨市香坊区珠江路21号", "0451", false, 3),
        new("广东省农业有害生物预警防控中心", "广东省广州市天河区柯木塱南路30号", "020", false, 3),
        new("浙江省植物保护检疫和农药管理总站", "浙江省杭州市上城区凤起东路29号", "0571", false, 3),
        new("江西省植保植检局", "江西省南昌市青山湖区南京东路489号", "0791", false, 2),
        new("陕西省植物保护工作总站", "陕西省西安市未央区凤城九路5号", "029", false, 3),
        new("山东省德州市植保站", "山东省德州市德城区三八东路1166号", "0534", false, 3),
        new("河南省新乡市植保站", "河南省新乡市红旗区平原路333号", "0373", false, 3),
        new("安徽省阜阳市植保植检站", "安徽省阜阳市颍州区清河西路99号", "0558", false, 3),
        new("江苏省徐州市植物保护站", "江苏省徐州市鼓楼区黄河北路21号", "0516", false, 3),
        new("湖北省襄阳市植保站", "湖北省襄阳市樊城区人民路30号", "0710", false, 2),
        new("辽宁省铁岭市植物保护站", "辽宁省铁岭市银州区广裕街42号", "024", false, 2),
        // 科研院所
        new("中国农业科学院植物保护研究所", "北京市海淀区圆明园西路2号", "010", true, 8),
        new("中国农业科学院作物科学研究所", "北京市海淀区中关村南大街12号", "010", false, 3),
        new("江苏省农业科学院植物保护研究所", "江苏省南京市玄武区钟灵街50号", "025", false, 3),
        new("山东省农业科学院植物保护研究所", "山东省济南市历城区工业北路23788号", "0531", false, 3),
        new("河南省农业科学院植物保护研究所", "河南省郑州市金水区花园路116号", "0371", true, 6),
        new("湖北省农业科学院植保土肥研究所", "湖北省武汉市洪山区南湖大道43号", "027", false, 2),
        new("广东省农业科学院植物保护研究所", "广东省广州市天河区金颖路7号", "020", false, 2),
        new("中国水稻研究所", "浙江省杭州市富阳区水稻所路28号", "0571", false, 3),
        new("北京市农林科学院植物保护研究所", "北京市海淀区曙光花园中路9号", "010", false, 2),
        new("安徽省农业科学院植物保护与农产品质量安全研究所", "安徽省合肥市庐阳区农科南路40号", "0551", false, 2),
        new("新疆农业科学院植物保护研究所", "新疆维吾尔自治区乌鲁木齐市沙依巴克区南昌路403号", "0991", false, 2),
        new("四川省农业科学院植物保护研究所", "四川省成都市锦江区静居寺路20号", "028", false, 2),
        new("中国热带农业科学院环境与植物保护研究所", "海南省海口市龙华区学院路4号", "0898", false, 1),
        new("黑龙江省农业科学院植物保护研究所", "黑龙江省哈尔滨市南岗区学府路368号", "0451", false, 2),
        // 高校
        new("南京农业大学", "江苏省南京市玄武区卫岗1号", "025", true, 7),
        new("中国农业大学", "北京市海淀区圆明园西路2号", "010", true, 6),
        new("西北农林科技大学", "陕西省杨凌示范区邰城路3号", "029", false, 4),
        new("华中农业大学", "湖北省武汉市洪山区狮子山街1号", "027", false, 3),
        new("山东农业大学", "山东省泰安市泰山区岱宗大街61号", "0538", false, 3),
        new("河南农业大学", "河南省郑州市金水区文化路95号", "0371", false, 3),
        new("华南农业大学", "广东省广州市天河区五山路483号", "020", false, 2),
        new("四川农业大学", "四川省雅安市雨城区新康路46号", "0835", false, 2),
        new("沈阳农业大学", "辽宁省沈阳市沈河区东陵路120号", "024", false, 2),
        new("安徽农业大学", "安徽省合肥市蜀山区长江西路130号", "0551", false, 2),
        new("扬州大学农学院", "江苏省扬州市邗江区文汇东路48号", "0514", false, 2),
        new("福建农林大学", "福建省福州市仓山区上下店路15号", "0591", false, 2),
        new("湖南农业大学", "湖南省长沙市芙蓉区农大路1号", "0731", false, 2),
        // 农场、合作社
        new("北大荒农垦集团友谊农场", "黑龙江省双鸭山市友谊县友谊农场场部", "0469", true, 5),
        new("新疆生产建设兵团第八师农业技术推广站", "新疆维吾尔自治区石河子市北一路122号", "0993", false, 3),
        new("寿光市田园蔬菜种植专业合作社", "山东省潍坊市寿光市古城街道北洛村", "0536", false, 2),
        new("盐城市大丰区稻麦种植家庭农场", "江苏省盐城市大丰区新丰镇新团村五组", "0515", false, 1),
        new("沈丘县丰华小麦种植专业合作社", "河南省周口市沈丘县付井镇付井村", "0394", false, 2),
        new("泗洪县绿丰植保服务专业合作社", "江苏省宿迁市泗洪县青阳镇洪泽湖大道118号", "0527", false, 2),
        new("宿州市金穗现代农业示范园", "安徽省宿州市埇桥区朱仙庄镇示范园区", "0557", false, 1),
        new("上海市松江区泖港镇家庭农场联合社", "上海市松江区泖港镇中民路505号", "021", false, 1),
        new("衡水市冀州区绿源果蔬专业合作社", "河北省衡水市冀州区周村镇绿源路6号", "0318", false, 1),
        new("泰安市岱岳区鲁丰现代农业园区", "山东省泰安市岱岳区满庄镇鲁丰路9号", "0538", false, 1),
        new("东台市弶港农场有限公司", "江苏省盐城市东台市弶港镇农场路1号", "0515", false, 1),
        new("潜江市虾稻共作专业合作社", "湖北省潜江市熊口镇赵脑村", "0728", false, 1),
        new("五常市稻香水稻种植专业合作社", "黑龙江省哈尔滨市五常市民乐朝鲜族乡", "0451", false, 2),
    ];
}
