"""Words of the generated work tracking: task titles with their monthly node targets,
supervision issues, duty-record actions and role titles (roles, never names).

Texts are written for urban units; `rural` turns 街道 into 镇 and 社区 into 村."""

from typing import NamedTuple

# title, node target ({n}: the target value), lowest and highest target value
TITLES = [
    ("小区党支部组建攻坚", "新建小区党支部{n}个", 1, 3),
    ("“红色物业”创建", "推动{n}个小区物业企业建立党组织", 1, 2),
    ("党员中心户选树", "选树党员中心户{n}户", 3, 12),
    ("楼栋党小组规范化", "规范楼栋党小组{n}个", 2, 8),
    ("社区工作者队伍建设", "完成社区工作者培训{n}人次", 10, 40),
    ("网格员专业化管理", "组织网格员业务轮训{n}人次", 10, 30),
    ("“三张清单”认领销号", "认领并办结清单事项{n}项", 5, 20),
    ("矛盾纠纷排查化解", "排查化解矛盾纠纷{n}件", 3, 15),
    ("12345热线诉求“接诉即办”", "办结热线诉求{n}件", 10, 40),
    ("老旧小区改造议事协商", "召开议事协商会{n}场", 1, 4),
    ("党群服务中心提档升级", "完成党群服务阵地改造{n}处", 1, 2),
    ("软弱涣散党组织整顿", "完成整顿销号{n}个", 1, 2),
    ("在职党员“微心愿”认领", "认领居民微心愿{n}个", 10, 30),
    ("志愿服务积分兑换", "兑换志愿服务积分{n}人次", 20, 60),
    ("“两新”组织党建覆盖", "新建“两新”组织党组织{n}个", 1, 3),
    ("共驻共建项目化推进", "签订共建项目{n}个", 1, 4),
    ("平安社区创建", "开展平安巡逻{n}次", 4, 12),
    ("垃圾分类党员示范", "组织党员示范岗值守{n}次", 4, 12),
    ("文明城市创建常态长效", "整改文明创建问题{n}个", 3, 10),
    ("“一老一小”关爱服务", "开展上门关爱服务{n}次", 5, 20),
    ("社区“微治理”项目", "完成微治理项目{n}个", 1, 3),
    ("党建引领物业纠纷调处", "调处物业纠纷{n}件", 2, 8),
    ("居民公约修订完善", "召开居民代表会议{n}场", 1, 2),
    ("社区减负增效", "清理挂牌和台账{n}项", 2, 6),
    ("网格事项准入清理", "清理网格事项{n}项", 2, 6),
    ("流动党员管理", "联系报到流动党员{n}名", 5, 20),
    ("后备干部培养", "建立后备干部台账{n}人", 2, 6),
    ("党组织书记“擂台比武”", "组织书记讲评{n}场", 1, 2),
    ("“民情恳谈日”", "召开民情恳谈会{n}场", 1, 4),
    ("城乡结对共建", "开展结对帮扶活动{n}次", 1, 4),
    ("村集体经济增收", "落实增收项目{n}个", 1, 3),
    ("人居环境整治", "整治环境卫生点位{n}处", 5, 20),
    ("防汛救灾党员突击队", "组织应急演练{n}次", 1, 2),
    ("消防安全隐患排查", "排查整改隐患{n}处", 5, 20),
    ("政务服务下沉社区", "下沉服务事项{n}项", 2, 8),
    ("退役军人服务站规范化", "走访退役军人{n}人", 5, 20),
    ("新就业群体“暖心驿站”", "建成暖心驿站{n}个", 1, 2),
    ("党务公开规范化", "更新党务公开栏{n}处", 2, 6),
    ("基层治理“十佳案例”培育", "报送治理案例{n}篇", 1, 3),
    ("社会组织孵化", "孵化培育社会组织{n}家", 1, 3),
]


class Standing(NamedTuple):
    """A task every street of the city carries out, month by month."""

    title: str
    target: str  # the node target, {n} its value
    values: tuple[int, int]  # lowest and highest target value
    kind: str
    stars: int
    due_day: int  # of the node's month; 0: its last day
    remind_days: int
    months: tuple[int, int]  # first and last, counted from DATA_END's month
    source: str


STANDING = [
    Standing(
        "每月一调度：基层治理重点工作台账报送",
        "按时报送上月工作台账{n}份",
        (1, 1),
        "daily",
        stars=2,
        due_day=5,
        remind_days=5,
        months=(-11, 3),
        source="county",
    ),
    Standing(
        "网格党组织全覆盖提升行动",
        "新建或规范网格党支部{n}个",
        (1, 3),
        "annual",
        stars=4,
        due_day=0,
        remind_days=7,
        months=(-9, 2),
        source="standing_committee",
    ),
    Standing(
        "在职党员“双报到”常态化",
        "组织在职党员到社区服务{n}人次",
        (20, 80),
        "annual",
        stars=3,
        due_day=0,
        remind_days=5,
        months=(-11, 2),
        source="standing_committee",
    ),
    Standing(
        "“三会一课”规范化建设",
        "督导{n}个党支部按期召开“三会一课”",
        (3, 10),
        "annual",
        stars=2,
        due_day=0,
        remind_days=3,
        months=(-9, 2),
        source="county",
    ),
]

ISSUES = [
    "网格党支部活动记录不全",
    "党群服务中心开放时间不足",
    "双报到党员服务台账缺失",
    "楼道照明长期损坏未修复",
    "小区党支部未按期换届",
    "“三会一课”记录不规范",
    "社区工作者配备低于员额",
    "党员中心户挂牌不全",
    "热线诉求反复投诉未销号",
    "老旧小区加装电梯协商停滞",
    "清单事项认领后长期未办结",
    "网格员入户走访记录缺失",
    "党务公开内容未及时更新",
    "物业企业党组织作用发挥不明显",
]

STREET_ACTIONS = [
    "召开街道大工委会议研究网格划分",
    "走访双报到单位",
    "督办整改楼道照明问题",
    "带队检查网格党支部“三会一课”台账",
    "召开街道党建联席会议协调停车难问题",
    "约谈进度滞后的社区党组织书记",
    "参加区委现场观摩会并作交流发言",
    "调度在职党员进社区服务情况",
    "走访慰问困难党员",
    "组织社区工作者业务培训",
    "现场督导老旧小区改造议事协商",
    "研究部署网格员队伍管理",
]
COMMUNITY_ACTIONS = [
    "召开社区大党委联席会议",
    "走访辖区双报到单位对接需求",
    "组织在职党员认领微心愿",
    "网格员入户排查安全隐患",
    "开展主题党日活动",
    "协调物业整改楼道照明问题",
    "召开居民议事会商议加装电梯",
    "更新网格党员中心户台账",
    "走访独居老人",
    "组织志愿者开展环境整治",
]

# who records, by level; task leaders and node owners by stars (主要、分管、具体)
RECORDERS = {
    "district": ["区委组织部部长", "区委组织部组织科科长"],
    "street": ["街道党工委书记", "街道党工委副书记", "街道党建办主任", "街道组织委员"],
    "community": ["社区党组织书记", "社区党组织副书记", "网格员", "专职社区工作者"],
}
LEADERS = {
    "district": ["区委常委、组织部部长", "区委副书记", "区委书记"],
    "street": ["街道组织委员", "街道党工委副书记", "街道党工委书记"],
}


def rural(text: str) -> str:
    """`text` as a township or village would say it."""
    return (
        text.replace("街道党工委", "镇党委")
        .replace("街道", "镇")
        .replace("社区工作者", "村干部")
        .replace("社区", "村")
        .replace("区委", "县委")
    )


def by_stars(roles: list[str], stars: int) -> str:
    """The owner for a task of `stars`: the principal leader for the hardest (4-5),
    the one in charge for middling (3), the officer for the easiest (1-2)."""
    return roles[2] if stars >= 4 else roles[1] if stars == 3 else roles[0]
