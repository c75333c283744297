"""English for the Chinese texts that dashboard.i18n.tr looks up. A text with fields
({level}, {n:,.0f}) is a template: the same fields appear in its English."""

PAGES = {
    "总览": "Overview",
    "网格覆盖": "Grid coverage",
    "双报到": "Double reporting",
    "会议统计": "Meetings",
    "区域比较": "Area comparison",
    "综合评分与推演": "Composite score and what-if",
    "报送情况": "Submissions",
    "数据导入": "Data import",
    "用户管理": "Users",
    "观摩模式": "Presentation mode",
    "任务督办": "Tasks and supervision",
    "履责记实": "Duty records",
    "述职评议": "Secretaries' appraisal",
}

INDICATORS = {
    "网格党组织覆盖率": "Grid party organisation coverage",
    "网格员配备率": "Grid worker staffing rate",
    "在职党员报到率": "Serving members' reporting rate",
    "报到党员活跃率(90天)": "Reported members active (90 days)",
    "人均服务时长": "Service hours per member",
    "清单认领率": "List claim rate",
    "清单完成率": "List completion rate",
    "问题解决率": "Problem resolution rate",
    "三会一课按期率": "Meetings on schedule",
}

WORDS = {
    # levels, roles, periods
    "合计": "Total",
    "市": "city",
    "区县": "district",
    "街道/乡镇": "street/township",
    "社区/村": "community/village",
    "管理员": "Admin",
    "领导": "Leader",
    "区县/街道用户": "District/street user",
    "数据报送员": "Data steward",
    "观摩展示": "Display",
    "月": "Month",
    "季": "Quarter",
    "年": "Year",
    # units of a count: an English count needs no measure word
    "人": "",
    "个": "",
    "次": "",
    "项": "",
    "行": "rows",
    "小时": "h",
    "个百分点": "pp",
    # sidebar, sign-in, header
    "统计周期": "Period type",
    "期间": "Period",
    "范围": "Scope",
    "全部可见范围": "Everything visible",
    "范围：{unit} · 统计期：{period}（{start} 至 {end}）": (
        "Scope: {unit} · Period: {period} ({start} to {end})"
    ),
    "退出登录": "Sign out",
    "党建引领基层治理 · 登录": "Party-building-led grassroots governance · Sign in",
    "用户名": "Username",
    "密码": "Password",
    "登录": "Sign in",
    "请输入用户名和密码。": "Enter a username and a password.",
    "用户名或密码错误。": "Wrong username or password.",
    "正在进入…": "Signing in…",
    "登录已失效，请重新登录。": "Your session has ended; please sign in again.",
    "首次运行：管理员账户 admin 的初始密码已显示在启动本应用的终端中"
    "（没有终端时写入 data/first_admin_password，仅文件所有者可读）。": (
        "First run: the admin account's first password was printed in the terminal that "
        "started the app (or, with no terminal, written to data/first_admin_password, "
        "readable by its owner only)."
    ),
    "登录失败次数过多，该账户已锁定，请于 {time} 后再试。": (
        "Too many failed sign-ins: the account is locked; try again after {time}."
    ),
    "正式数据 · 数据截至 {day}": "Production data · up to {day}",
    "数据库暂时无法连接，正在自动重试；连接恢复后页面会自动继续。": (
        "Database unreachable; retrying, and the page carries on once it answers."
    ),
    "示例数据": "Sample data",
    "语言": "Language",
    # 总览
    "需要关注": "Needs attention",
    "近 12 个月趋势": "Last 12 months",
    "排名指标": "Rank by",
    "与上一期相比": "Change on the previous period",
    "查看详情": "Details",
    "各{level}排名": "Ranking by {level}",
    "各{level}指标": "Indicators by {level}",
    "本期报送": "Submitted",
    "未建党组织的网格": "Grids without a party organisation",
    "无网格员的网格": "Grids without a grid worker",
    "三会一课逾期单位（红色）": "Units overdue on meetings (red)",
    "报到后 90 天未参加服务的党员": "Reported members inactive for 90 days",
    "逾期未完成的清单事项": "Overdue list items",
    # 网格覆盖
    "每名网格员服务户数": "Households per grid worker",
    "社区工作者员额达标率": "Communities meeting the worker quota",
    "在岗专职社区工作者不少于核定员额的城市社区占比": (
        "Share of urban communities whose full-time workers meet their quota"
    ),
    "{n:,.0f} / {of:,.0f} 个网格（启用数/应建数）": "{n:,.0f} / {of:,.0f} grids (active/required)",
    "{n:,.0f} / {of:,.0f} 个网格": "{n:,.0f} / {of:,.0f} grids",
    "短板网格": "Grids with gaps",
    "社区工作者员额（镇江规则：2000 户以下 5 人，每增 300 户加 1 人，3000 户以上总量控制）": (
        "Community worker quota (Zhenjiang rule: 5 up to 2,000 households, one more per 300, "
        "capped above 3,000)"
    ),
    "网格数": "Grids",
    "已建党组织网格": "Grids with an organisation",
    "覆盖率": "Coverage",
    "有网格员网格": "Grids with a worker",
    "配备率": "Staffing",
    "户数": "Households",
    "网格员（人）": "Grid workers",
    "每名网格员户数": "Households per worker",
    "网格": "Grid",
    "已建党组织": "Has an organisation",
    "有网格员": "Has a worker",
    "社区": "Community",
    "核定员额": "Quota",
    "在岗人数": "Workers in post",
    "缺额": "Shortfall",
    "在岗占员额": "Workers / quota",
    # 双报到
    "报到在职党员": "Reported serving members",
    "报到率": "Reporting rate",
    "活跃率（90 天）": "Active rate (90 days)",
    "报到单位党组织": "Reported organisations",
    "近 90 天参加过服务活动的报到党员占比": (
        "Share of reported members who served in the last 90 days"
    ),
    "在职党员 {n:,.0f} 人（按居住地）": "{n:,.0f} serving members (by residence)",
    "三张清单与群众问题": "The three lists and residents' problems",
    "先进与后进（社区/村，按报到率）": "Best and worst (communities/villages, by reporting rate)",
    "在职党员": "Serving members",
    "已报到": "Reported",
    "活跃": "Active",
    "活跃率": "Active rate",
    "服务时长（小时）": "Service hours",
    "人均时长": "Hours per member",
    "发布事项": "Items published",
    "认领率": "Claimed",
    "完成率": "Completed",
    "逾期未完成": "Overdue",
    "群众问题": "Problems",
    "解决率": "Resolved",
    "解决用时中位数（天）": "Median days to resolve",
    # 会议统计
    "会议类型": "Meeting types",
    "召开会议": "Meetings held",
    "联席会议议题": "Joint-meeting issues",
    "联席会议议题解决率": "Joint-meeting issues resolved",
    "按期 {n:,.0f} / 应开 {of:,.0f} 个单位。每类会议按其周期计：已结束的每个月（或季度）应开一次；"
    "进行中的月份或季度不计入应开。": (
        "{n:,.0f} of {of:,.0f} units on schedule. Each meeting type by its cycle: one is due in "
        "every finished month (or quarter); the running one is not yet due."
    ),
    "逾期与部分完成的单位": "Units overdue or partly done",
    "应开会单位": "Units due",
    "按期": "On schedule",
    "部分完成": "Partly done",
    "逾期": "Overdue",
    "按期率": "On-schedule rate",
    "层级": "Level",
    "应开（次）": "Due",
    "已开（次）": "Held",
    "应开类型": "Types due",
    "达标类型": "Types met",
    # 区域比较
    "{name}排名（{level}在各自上级内排名）": "{name}: ranking ({level}, within its parent)",
    "各{level}指标一览": "All indicators by {level}",
    # 综合评分与推演
    "评比对象": "Compare",
    "综合得分排名（{level}，在{scope}内排名）": "Composite score ranking ({level}, within {scope})",
    "情景推演": "What-if",
    "社区工作者员额测算（参数可调，默认镇江规则）": (
        "Community worker quota (adjustable, Zhenjiang rule by default)"
    ),
    "核定员额合计": "Total quota",
    "缺额（需补充）": "Shortfall (to recruit)",
    "未达员额社区": "Communities below quota",
    "{n:+,} 人（较镇江规则）": "{n:+,} (against the Zhenjiang rule)",
    "单位": "Unit",
    "基准得分": "Base score",
    "基准名次": "Base rank",
    "推演得分": "What-if score",
    "推演名次": "What-if rank",
    "名次变化": "Rank change",
    "被调整": "Adjusted",
    "城市社区": "Urban communities",
    "综合得分": "Composite score",
    "名次": "Rank",
    "较默认权重名次变化": "Rank change against default weights",
    "末位": "Last place",
    "说明": "Note",
    # 报送情况, 数据导入, 用户管理
    "各{level}逐月报送（已报类数/应报类数）": "Monthly submissions by {level} (sent / due)",
    "明细": "Details",
    "月份": "Month",
    "数据类型": "Data type",
    "状态": "Status",
    "行数": "Rows",
    "首次导入": "First import",
    "最近导入": "Last import",
    "导入人": "Imported by",
    "截止日": "Due day",
    "导入记录": "Import log",
    "数据行": "Data rows",
    "有问题": "With problems",
    "将新增": "To insert",
    "将更新": "To update",
    "无变化": "Unchanged",
    "时间": "Time",
    "操作人": "By",
    "文件": "File",
    "结果": "Result",
    "新增": "Inserted",
    "更新": "Updated",
    "问题行": "Problem rows",
    "报送单位与月份": "Units and months sent",
    "文件 SHA-256": "File SHA-256",
    "行号": "Row",
    "列": "Column",
    "问题": "Problem",
    "提示": "Hint",
    "登录审计": "Sign-in audit",
    # 观摩模式
    "{level}巡览 {n} / {of}": "Tour of each {level} {n} / {of}",
    "本场以来新增：": "New since the meeting began: ",
    "各{level}{name}": "{name} by {level}",
    "报到党员活跃率（90 天）": "Reported members active (90 days)",
    "群众问题解决率": "Problem resolution rate",
    "上一页": "Previous",
    "下一页": "Next",
    "继续": "Resume",
    "暂停": "Pause",
    "亮屏": "Show",
    "黑屏": "Blank",
    "深色主题": "Dark theme",
    "党建红主题": "Party-red theme",
    "退出观摩": "Leave",
    "已黑屏": "blanked",
    "已暂停": "paused",
    "第 {number} 页 · 每页 {seconds} 秒": "Slide {number} · {seconds} s each",
    "翻页：← →、PageUp PageDown（翻页笔）· 暂停：空格 · 黑屏：B 或句点 · 退出：Esc": (
        "Turn: ← →, PageUp PageDown (remote) · Pause: Space · Blank: B or . · Leave: Esc"
    ),
    "未报送": "not sent",
    "数据截至": "data as of",
    "低于整体 {whole}": "below the whole {whole}",
    "…… 另 {n} 个单位 ……": "…… {n} more units ……",
    "党建引领基层治理 · 大屏": "Grassroots governance at a glance",
    "⚠ 数据库暂时无法连接，自 {time} 起显示的是上次数据": (
        "⚠ Database unreachable; showing the data of {time}"
    ),
    "{name}：色块越亮越高，末位单独标色": "{name}: brighter is higher, the last place stands out",
    "暂无需要关注的事项": "Nothing needs attention",
    "区县地图": "District map",
}

# The rest of what a page shows: chart words, captions, notes, messages, options.
MORE = {
    # shared: live line, tables, charts
    "数据更新于 {time} · 每 {seconds} 秒自动刷新 · ": (
        "Data read at {time} · refreshed every {seconds} s · "
    ),
    "从现在起计": "Count from now",
    "数据库暂时无法连接：仍显示 {shown} 的数据，自 {since} 起未能更新；连接恢复后自动刷新。": (
        "Database unreachable: showing the data of {shown}, not updated since {since}; "
        "it refreshes once the connection is back."
    ),
    "数据库暂时无法连接（自 {since} 起）；连接恢复后自动刷新。": (
        "Database unreachable (since {since}); it refreshes once the connection is back."
    ),
    "服务活动": "Service activities",
    "会议": "Meetings",
    "清单事项": "List items",
    "场": "",
    "件": "",
    "、": ", ",
    "{counted}。": "{counted}.",
    "{counted}；表中列出{which} {shown:,} 个，选择市、区县或街道可看其全部。": (
        "{counted}; the table lists {shown:,}, {which}; choose the city, a district or a "
        "street to see them all."
    ),
    "编码在前的": "the first by code",
    "缺额最多的": "the largest shortfalls",
    "最落后的": "the furthest behind",
    "不适用": "n/a",
    "{na} = 该单位没有应统计的对象（分母为 0），不是 0。": (
        "{na} = the unit has nothing to count (a zero denominator), not 0."
    ),
    "是": "Yes",
    "否": "No",
    "下载": "Download",
    "图表数据": "Chart data",
    "目标": "Target",
    "基准": "Baseline",
    "推演": "What-if",
    "上级单位": "Parent",
    "次数": "Count",
    "周（起始日）": "Week (starting)",
    "日期": "Day",
    "会议（次）": "Meetings",
    "{n}月": "{n}",
    "单位编码": "Unit code",
    "单位数（个）": "Units",
    "部分": "Partly",
    "周一": "Mon",
    "周二": "Tue",
    "周三": "Wed",
    "周四": "Thu",
    "周五": "Fri",
    "周六": "Sat",
    "周日": "Sun",
    "小时/人·月": "h per member a month",
    "名次变化：▲ 上升、▼ 下降、— 不变": "Rank change: ▲ up, ▼ down, — unchanged",
    "较{period}名次变化": "Rank change on {period}",
    # page header
    "所选范围不在您的可见范围内，没有可显示的数据。": (
        "The chosen scope is outside what you may see; there is nothing to show."
    ),
    "所选范围内没有单位。": "The chosen scope has no units.",
    "{period}所选范围内还没有任何报送数据。": (
        "Nothing has been submitted in the chosen scope for {period}."
    ),
    "本期逾期未报送的{level}（见报送情况）：{units}": (
        "Overdue this period, by {level} (see Submissions): {units}"
    ),
    "本期尚未报送数据的{level}：{units}": "Nothing submitted yet this period, by {level}: {units}",
    # 总览
    "{first}至{last}，每月一个点（按月统计）；上方的数字按所选统计期统计。": (
        "{first} to {last}, a point a month (monthly figures); the numbers above are for "
        "the chosen period."
    ),
    "{first}至{last}，每月一个点（按月统计）。": (
        "{first} to {last}, a point a month (monthly figures)."
    ),
    "各{level}{name}（橙色为末位）": "{name} by {level} (orange: last place)",
    "已报送": "Sent",
    # 网格覆盖
    "共 {n:,} 个网格缺少党组织或网格员（全部 {of:,} 个）": (
        "{n:,} grids lack a party organisation or a grid worker (of {of:,})"
    ),
    "{n:,} 个城市社区未达员额；按规则共需 {quota:,.0f} 人，"
    "在岗 {workers:,.0f} 人，缺 {shortfall:,.0f} 人": (
        "{n:,} urban communities below quota; the rule asks for {quota:,.0f} workers, "
        "{workers:,.0f} are in post, {shortfall:,.0f} short"
    ),
    "网格覆盖结构（方块大小 = 网格数，颜色 = 覆盖率）": (
        "Grid coverage structure (box size = grids, colour = coverage)"
    ),
    # 双报到
    "报到党员活跃率": "Reported members active",
    "服务活动（场）": "Service activities",
    "参与人次": "Participations",
    "服务活动月度趋势": "Service activities by month",
    "场 / 人次": "Activities / participations",
    "清单类型": "List types",
    "全部类型": "All types",
    "需求清单": "Needs list",
    "资源清单": "Resources list",
    "服务清单": "Services list",
    "问题来源": "Problem sources",
    "全部来源": "All sources",
    "网格走访": "Grid visits",
    "热线": "Hotline",
    "清单": "Lists",
    "提出": "Raised",
    "已解决": "Resolved",
    "群众问题：提出与解决（按提出月份）": (
        "Residents' problems: raised and resolved (by month raised)"
    ),
    "前 5 名": "Top 5",
    "后 5 名": "Bottom 5",
    # 会议统计
    "街道大工委联席会": "Street joint committee",
    "社区大党委联席会": "Community joint committee",
    "支委会": "Branch committee",
    "党小组会": "Party group meeting",
    "党员大会": "General meeting",
    "党课": "Party lecture",
    "主题党日": "Themed party day",
    "本期所选类型没有会议记录。": "No meetings of the chosen types this period.",
    "各月会议次数（按类型）": "Meetings by month (by type)",
    "各{level}三会一课按期情况（单位数）": "Meetings on schedule by {level} (units)",
    "共 {n:,} 个单位逾期或部分完成（逾期 {red:,} 个）": (
        "{n:,} units overdue or partly done ({red:,} overdue)"
    ),
    "会议日历（每日召开次数）": "Meeting calendar (meetings a day)",
    "街道": "street",
    "本期无要求": "Not due",
    # 区域比较
    "综合评分：按权重和目标计算总分排名，推演“如果某区提高某项指标”": (
        "Composite score: a ranking by weights and targets, and what if a district improved"
    ),
    "上级{name}": "Parent's {name}",
    "同级排名": "Rank among siblings",
    "同级单位数": "Siblings",
    "同级末位": "Last among siblings",
    "全部可见范围{name} {value}。": "{name} over everything visible: {value}. ",
    "；末位 = 同级中（按显示的数值）最低者；同级数值全部相同时没有末位。": (
        "; last place = the lowest among siblings as shown; none when all show the same."
    ),
    "{name}同级末位：{units}": "{name}, last among siblings: {units}",
    "未配置区县地图：设置 DASHBOARD_GEOJSON 指向 GeoJSON 文件（要素 id 为区县编码）。": (
        "No district map: set DASHBOARD_GEOJSON to a GeoJSON file (feature ids are district codes)."
    ),
    "各区县{name}（颜色越深数值越高）": "{name} by district (darker is higher)",
    # 综合评分与推演
    "无计分指标": "No scored indicator",
    "综合得分（百分制）": "Composite score (out of 100)",
    "各{level}综合得分": "Composite score by {level}",
    "{period}得分": "Score {period}",
    "。同分同名次；未报送或没有计分指标的单位不参与排名。": (
        ". Equal scores share a rank; units that sent nothing or have no scored indicator "
        "are not ranked."
    ),
    "加入一项调整（如“某区网格党组织覆盖率提高 10 个百分点”），即可看到推演结果。": (
        "Add an adjustment (say, a district's grid coverage up 10 points) to see what it changes."
    ),
    "未能推演：{change}（该单位不在当前比较范围、本期未报送，或该指标没有应统计的对象）": (
        "Could not apply: {change} (the unit is not compared here, sent nothing this period, "
        "or has nothing to count for the indicator)"
    ),
    "推演带来的得分变化（仅列出被调整或名次变化的单位）": (
        "Score change from the what-if (only units adjusted or moved)"
    ),
    "得分变化（分）": "Score change (points)",
    "所选范围内没有城市社区，员额规则不适用。": (
        "The chosen scope has no urban community; the quota rule does not apply."
    ),
    "未达员额的社区（{n:,} 个）": "Communities below quota ({n:,})",
    "权重": "Weights",
    "目标值": "Targets",
    "权重合计 {total:g}；得分按合计折算为百分制，权重为 0 即不计。": (
        "Weights add up to {total:g}; scores are scaled to 100, a weight of 0 leaves an "
        "indicator out."
    ),
    "达到目标值即得该项全部分数，未达到按比例得分。": (
        "Reaching a target earns its full points; short of it, a proportional share."
    ),
    "没有可推演的单位。": "No unit to adjust.",
    "指标": "Indicator",
    "方式": "How",
    "提高": "Raise by",
    "达到目标值": "Reach the target",
    "提高幅度": "Raise by",
    "比率指标按百分点，人均服务时长按小时/人·月。": (
        "Rates in percentage points, service hours in hours per member a month."
    ),
    "加入推演": "Add",
    "移除": "Remove",
    "{who}：{label}达到目标值": "{who}: {label} reaches the target",
    "{who}：{label}提高 {points:g} {unit}": "{who}: {label} up {points:g} {unit}",
    "{label}每次最多提高 {high:g}，请调整“提高”一栏。": (
        "{label} can rise by at most {high:g} at a time; change “Raise by”."
    ),
    "基础户数（户以下）": "Base households (up to)",
    "基础员额（人）": "Base workers",
    "每增加户数加 1 人": "One more worker per households",
    "总量控制户数（以上不再增加）": "Cap households (no more above)",
    "“总量控制户数”不能低于“基础户数”，请修改后再测算。": (
        "“Cap households” cannot be below “Base households”; change them and try again."
    ),
    "我的方案": "My scenarios",
    "尚未选择已保存的方案": "No saved scenario chosen",
    "打开": "Open",
    "删除": "Delete",
    "方案名称": "Scenario name",
    "保存当前设置": "Save these settings",
    "恢复基准": "Back to baseline",
    "当前设置已写入地址栏链接：复制链接即可把同样的权重、目标和推演分享给他人。": (
        "These settings are in the address bar: copy the link to share the same weights, "
        "targets and what-if."
    ),
    "方案“{name}”已不存在。": "Scenario “{name}” no longer exists.",
    "已打开方案“{name}”。": "Opened scenario “{name}”. ",
    "已保存方案“{name}”。": "Saved scenario “{name}”.",
    "已删除方案“{name}”。": "Deleted scenario “{name}”.",
    "已恢复基准：默认权重、目标值和镇江员额规则，无推演调整。": (
        "Back to baseline: default weights and targets, the Zhenjiang quota rule, no adjustment."
    ),
    # 报送情况
    "范围：{unit} · 统计期：{period} · 每月数据应在次月 {day} 日（含）前导入；应报：{due}": (
        "Scope: {unit} · Period: {period} · each month's data is due by day {day} of the "
        "next month; due: {due}"
    ),
    "● 按时": "● On time",
    "▲ 逾期或不全": "▲ Late or incomplete",
    "✕ 未报送": "✕ Not sent",
    "○ 未到期": "○ Not yet due",
    "▲ 逾期": "▲ Late",
    "● 按时：应报数据都已按时导入（未到期的不计）；▲ 逾期或不全：有逾期导入或缺报；"
    "✕ 未报送：逾期仍没有任何数据；○ 未到期：还没到截止日。": (
        "● On time: everything due came in on time (what is not yet due is not counted); "
        "▲ Late or incomplete: something came late or is missing; ✕ Not sent: overdue and "
        "nothing came; ○ Not yet due: before the due day."
    ),
    "{month}未报送任何数据的{level}：{units}": "{month}, nothing sent, by {level}: {units}",
    # 数据导入
    "您是数据报送员：只能导入您负责范围内单位的数据，范围外的行会逐行列出并拒绝。": (
        "You are a data steward: you may import only your own units' data; rows outside "
        "them are listed and refused."
    ),
    "组织架构（单位与网格）": "Organisation tree (units and grids)",
    "党组织": "Party organisations",
    "党员": "Party members",
    "网格党组织": "Grid party organisations",
    "网格员与社区工作者": "Grid and community workers",
    "双报到登记": "Double-reporting registrations",
    "活动参与": "Activity participation",
    "居民问题": "Residents' problems",
    "任务": "Tasks",
    "任务节点与进度": "Task nodes and progress",
    "督办事项": "Supervision items",
    "下载 Excel 模板": "Excel template",
    "下载 CSV 模板": "CSV template",
    "必填列：{headers}。接受 .xlsx 和 CSV（UTF-8 或 GBK 编码）；表头上方的标题行会自动跳过。"
    "先检查再导入：任何一行有问题，整个文件都不会写入。": (
        "Required columns (as the template heads them): {headers}. Takes .xlsx and CSV "
        "(UTF-8 or GBK); title rows above the header are skipped. Checked before it is "
        "imported: if any row has a problem, nothing of the file is written."
    ),
    "选择文件": "Choose a file",
    "或把文件拖到这里 · .csv 或 .xlsx，每个不超过 {mb} MB": (
        "or drop it here · .csv or .xlsx, up to {mb} MB each"
    ),
    "上传文件（不超过 {mb} MB）": "Upload a file (up to {mb} MB)",
    "文件未通过检查，没有导入任何数据。请按下表逐行修改后重新上传。": (
        "The file did not pass the check; nothing was imported. Fix the rows below and "
        "upload it again."
    ),
    "{n:,} 行可以导入，但请核对：": "{n:,} rows can be imported, but check them:",
    "将新增的行": "Rows to insert",
    "将更新的行": "Rows to update",
    "确认导入": "Import",
    "已导入 {file}：新增 {inserted:,} 行，更新 {updated:,} 行，{unchanged:,} 行无变化。": (
        "Imported {file}: {inserted:,} rows inserted, {updated:,} updated, {unchanged:,} unchanged."
    ),
    "已导入": "Imported",
    "未通过检查": "Refused",
    "还没有导入过文件。": "No file has been imported yet.",
    # 用户管理
    "用户名（小写字母、数字）": "Username (lower-case letters, digits)",
    "姓名": "Name",
    "角色": "Role",
    "启用": "Enabled",
    "可见范围": "Scope",
    "可见范围（管理员可不选）": "Scope (none for an admin)",
    "初始密码（至少 10 位）": "First password (10 characters or more)",
    "新增用户": "Add a user",
    "已新增用户 {name}": "Added user {name}",
    "账户操作": "Account actions",
    "用户": "User",
    "重置密码": "Reset password",
    "新密码（仅显示一次）：{password}": "New password (shown once): {password}",
    "强制下线": "Sign out everywhere",
    "{name} 的所有登录已失效": "Every session of {name} has ended",
    "停用": "Disable",
    "已更新": "Updated",
    "已删除 {name}": "Deleted {name}",
    "时间（北京时间）": "Time (Beijing)",
    "事件": "Event",
    "全部": "Everything",
    "登录成功": "Signed in",
    "密码错误": "Wrong password",
    "账户锁定": "Locked out",
    "锁定期间尝试登录": "Tried while locked out",
    "会话失效": "Session refused",
    "修改密码": "Password set",
    "删除用户": "User removed",
    "首次启动": "first run",
    "命令行": "command line",
    "操作人：{who}": "by {who}",
    "角色：{role}；{by}": "role {role}; {by}",
}

# 任务督办 and 履责记实
WORK = {
    "▲ 临期": "▲ Due soon",
    "○ 正常推进": "○ On track",
    "✕ 逾期未完成": "✕ Overdue",
    "◆ 逾期完成": "◆ Done late",
    "✓ 按期完成": "✓ Done on time",
    "✕ 逾期未整改": "✕ Overdue",
    "○ 整改中": "○ Rectifying",
    "◆ 已整改待验收": "◆ Rectified, to check",
    "✓ 验收通过": "✓ Passed",
    "✕ 验收未通过": "✕ Failed",
    "任务进度读至 {day}：到期日早于该日的节点计入应完成。": (
        "Work read on {day}: nodes due before that day count as due."
    ),
    "所选范围内还没有任务节点。任务与节点可在数据导入中导入。": (
        "No task nodes in this scope yet. Tasks and nodes can be imported under Data import."
    ),
    "红色预警 {red:,} 项，黄色预警 {amber:,} 项（任务取其最差节点的预警）": (
        "{red:,} red, {amber:,} amber (a task takes its worst node's warning)"
    ),
    "节点按期完成率": "Nodes done on time",
    "按期完成 {n:,.0f} / 应完成 {of:,.0f} 个节点": "{n:,.0f} of {of:,.0f} nodes due done on time",
    "逾期未完成节点": "Overdue nodes",
    "督办整改率": "Supervision items rectified",
    "已整改 {n:,.0f} / 交办 {of:,.0f} 项": "{n:,.0f} of {of:,.0f} items rectified",
    "按时整改率": "Rectified on time",
    "按时整改 {n:,.0f} / 已到期 {of:,.0f} 项": "{n:,.0f} of {of:,.0f} items due rectified on time",
    "任务预警": "Task warnings",
    "任务编号": "Task code",
    "预警": "Warning",
    "节点": "Nodes",
    "已完成": "Done",
    "{year} 年任务路线图（按月，节点已完成/全部，颜色为最差节点的预警）": (
        "Task roadmaps of {year} (by month, nodes done/all, coloured by the worst node's warning)"
    ),
    "图中列出预警最重的 {shown:,} 项任务，全部 {n:,} 项见上表。": (
        "The chart shows the {shown:,} tasks with the worst warnings; all {n:,} are in the "
        "table above."
    ),
    "{month}节点": "Nodes of {month}",
    "这个月没有节点。": "No nodes this month.",
    "责任单位": "Responsible unit",
    "节点目标": "Node target",
    "责任人": "Owner",
    "到期日": "Due",
    "最新进度": "Latest progress",
    "进度": "Progress",
    "督办闭环": "Supervision loop",
    "交办": "Raised",
    "整改中": "Rectifying",
    "已整改待验收": "Rectified, to check",
    "已验收": "Checked",
    "验收未通过": "Failed check",
    "逾期未整改": "Overdue",
    "未销号 {n:,} 项（逾期未整改 {late:,} 项，验收未通过 {failed:,} 项）": (
        "{n:,} items open ({late:,} overdue, {failed:,} failed their check)"
    ),
    "督办编号": "Item code",
    "来源": "Raised at",
    "交办日": "Raised on",
    "整改时限": "Due",
    "整改率": "Rectified",
    "{level}积分排名": "Points ranking by {level}",
    "本期到期并按期完成的节点得分（每个单位的任务分值由其节点均分）；前 {n_top} 名加 "
    "{top} 分，后 {n_bottom} 名减 {bottom} 分；末位两季：连续两个季度末位。": (
        "Points for nodes due in the period and done on time (a task's points are shared by "
        "each unit's nodes of it); the first {n_top} gain {top}, the last {n_bottom} lose "
        "{bottom}; last twice: last two quarters running."
    ),
    "预警与积分规则": "Warning and points rules",
    "临期提醒": "Due-soon reminder",
    "按各任务设定的提醒天数": "Each task's own reminder",
    "到期前 {n} 天": "{n} days before due",
    "从第一名（或末位）起每个名次的分数，逗号分隔，如 {example}": (
        "Points for each place from the first (or the last), comma-separated, e.g. {example}"
    ),
    "链接中的提醒天数无法识别，已按各任务设定。": (
        "The link's reminder could not be read; each task's own is used."
    ),
    "{label}应为 1 至 10 个 0 到 100 的整数，已用默认的 {default}。": (
        "{label} should be 1 to 10 whole numbers of 0 to 100; the default {default} is used."
    ),
    "前几名加分": "Points gained by the first",
    "后几名减分": "Points lost by the last",
    "各{level}积分（末位为橙色）": "Points by {level} (last in orange)",
    "积分": "Points",
    "加减分": "Adjustment",
    "末位两季": "Last twice",
    "调度会": "Dispatch meeting",
    "督查": "Inspection",
    "现场观摩": "On-site observation",
    "县级交办": "County assignment",
    "常委会工作要点": "Standing committee work points",
    "巡察反馈": "Inspection feedback",
    "观摩会": "Observation meeting",
    "日常工作": "Daily work",
    "年度工作": "Annual work",
    "记录日期": "Record days",
    "关联任务": "Linked task",
    "履责记录": "Duty records",
    "记录单位": "Units recording",
    "其中更正记录": "Corrections among them",
    "条": "",
    "条数": "Records",
    "各月履责记录（按{level}）": "Duty records by month (by {level})",
    "履责时间线": "Duty record timeline",
    "所选日期与任务没有履责记录。": "No duty records for these days and task.",
    "履责事项": "Action",
    "记录人": "Recorded by",
    "记录号": "Record no.",
    "更正": "Corrects",
    "更正第 {id} 号": "Corrects no. {id}",
    "长期无记录的单位": "Units with no recent record",
    "无记录天数": "Days without a record",
    "截至 {day}，{n:,} 个{level}连续 {days} 天没有履责记录。": (
        "By {day}, {n:,} units ({level}) recorded nothing for {days} days."
    ),
    "最近一次记录": "Last record",
    "从未记录": "Never",
    "{month}节点亮屏": "Nodes of {month}, lit up",
    "各{level}任务积分排名": "Task points by {level}",
    "需督办": "to supervise",
    "验收未通过 {failed:,.0f} 项，整改率 {rate}": (
        "{failed:,.0f} failed their check; {rate} rectified"
    ),
    "…… 另 {n} 个节点 ……": "…… {n} more nodes ……",
    # 大屏端查询
    "任务公开查询": "Public task board",
    "链接已失效": "Link no longer valid",
    "这个任务公开查询链接已撤销或不存在，请向发布单位索取新的链接。": (
        "This public task board link has been revoked or does not exist; ask its publisher "
        "for a new one."
    ),
    "{unit} · 公开任务进度 · 数据截至 {day}": "{unit} · public tasks' progress · data to {day}",
    "这里还没有公开的任务。": "No public tasks here yet.",
    "查找任务或单位": "Find a task or unit",
    "节点明细（{n} 个）": "Nodes ({n})",
    "已完成 {done} / {n} 个节点": "{done} of {n} nodes done",
    "任务公开查询链接": "Public task board links",
    "链接无需登录即可查看所选单位下标为公开的任务、节点、进度与预警，不含人员和其他数据；"
    "撤销后链接立即失效。": (
        "A link shows, without signing in, the tasks marked public under the chosen unit: "
        "their nodes, progress and warnings, no people and no other data. Revoking ends it at "
        "once."
    ),
    "看板名称": "Board name",
    "发布链接": "Publish link",
    "链接已发布。请现在复制，它只显示这一次：": (
        "Link published. Copy it now; it is shown only this once:"
    ),
    "{label} · {unit} · {by} 发布于 {at}": "{label} · {unit} · published by {by} on {at}",
    "撤销": "Revoke",
    "目前没有有效的公开链接。": "No public links stand.",
    "发布公开链接": "Board published",
    "撤销公开链接": "Board revoked",
}

# 述职评议 and its ballot page
APPRAISAL = {
    "{meeting} · {unit} · {opens} 至 {closes} · {state}": (
        "{meeting} · {unit} · {opens} to {closes} · {state}"
    ),
    "{meeting} · 共 {n} 项，每项选择一个评价，全部选完后提交。": (
        "{meeting} · {n} questions: choose one answer for each, then submit."
    ),
    "述职评议 · 现场测评": "Secretaries' appraisal · voting",
    "述职评议 · 测评结果": "Secretaries' appraisal · result",
    "一般": "Fair",
    "优秀": "Excellent",
    "良好": "Good",
    "较差": "Poor",
    "待录入得分": "Scores pending",
    "未开始": "Not yet open",
    "投票中": "Voting",
    "投票已结束": "Vote closed",
    "结果已固定": "Result frozen",
    "下载投票码 CSV": "Download codes CSV",
    "下载投票码（可打印，含二维码）": "Download codes (printable, with QR codes)",
    "不比较": "No comparison",
    "与上一轮比较": "Compare with the round before",
    "优秀所需“好”票比例（%）": "“Good” share needed for Excellent (%)",
    "会议名称": "Meeting",
    "保存得分": "Save scores",
    "党组织书记": "Party secretary",
    "发放投票码": "Issue codes",
    "各选项分值": "Option scores",
    "各选项分值应为用 | 分隔的数字。": "Option scores must be numbers separated by |.",
    "固定结果": "Freeze the result",
    "在观摩模式中投屏": "Show in presentation mode",
    "已发放 {n} 个投票码。请现在下载或打印，它们只显示这一次：": (
        "{n} codes issued. Download or print them now; they are shown only this once:"
    ),
    "已收回选票": "Ballots returned",
    "开始日期": "Opening day",
    "开始时间": "Opening time",
    "您的选票已经收到，谢谢！本页可以关闭。": (
        "Your ballot was received, thank you. You may close this page."
    ),
    "手机扫码投票，或打开投票页输入投票码。每张投票码只能投一次，请勿外传。": (
        "Scan to vote on a phone, or type the code on the ballot page. Each code votes once; "
        "do not pass it on."
    ),
    "打开选票": "Open the ballot",
    "抓基层党建工作述职评议会": "Report-and-appraisal meeting on grassroots Party building",
    "投票尚未开始，请等主持人宣布开始后再投。": (
        "Voting has not started yet; please wait until the chair opens it."
    ),
    "投票已提交": "Ballot submitted",
    "投票已经结束。": "Voting has closed.",
    "投票时长（分钟）": "Voting time (minutes)",
    "投票码": "Ballot code",
    "投票码应为 16 位字母和数字，请核对后重新输入。": (
        "A ballot code has 16 letters and digits; please check it and type it again."
    ),
    "投票码数量": "Number of codes",
    "投票码无效，请核对后重新输入。": "Unknown ballot code; please check it and type it again.",
    "投票结束后当场公布结果": "The result is published as soon as voting closes",
    "投票结束后当场公布结果。": "The result is published as soon as voting closes.",
    "投票结束后才能固定结果。": "The result can be frozen only after voting closes.",
    "投票链接": "Ballot link",
    "提交选票": "Submit ballot",
    "收回率": "Returned",
    "收回进度": "Ballots returned",
    "新建测评": "New appraisal",
    "综合得分 · 等次 · “好”票比例；有效选票 {n:,} 张，“好”票比例低于 {share:.0%} 的不能评为优秀": (
        "Composite score · grade · “good” share; {n:,} valid ballots, under {share:.0%} "
        "“good” rules out Excellent"
    ),
    "有效选票：{n}": "Valid ballots: {n}",
    "权重不能为负，现场测评的权重要大于 0。": (
        "Weights cannot be negative, and the vote's weight must be above 0."
    ),
    "核实与民调得分": "Verification and survey scores",
    "核实和民调得分应在 0 到 100 之间。": "Verification and survey scores must be 0 to 100.",
    "每个选项都要有一个 0 到 100 的分值。": "Every option needs a score from 0 to 100.",
    "民主测评投票": "Appraisal ballot",
    "民意调查": "Opinion survey",
    "调查核实": "Verification",
    "现场测评权重": "Vote weight",
    "调查核实权重": "Verification weight",
    "民意调查权重": "Survey weight",
    "“好”票比例": "“Good” share",
    "现场测评得分": "Vote score",
    "等次": "Grade",
    "张": "",
    "测评": "Appraisal",
    "测评名称": "Appraisal title",
    "测评结果": "Result",
    "现在开始投票": "Open voting now",
    "第 {n} 项（{post}）": "question {n} ({post})",
    "组织单位": "Organising unit",
    "结束投票并公布结果": "Close voting and publish the result",
    "结束时间要晚于开始时间。": "The closing time must be after the opening time.",
    "结果已于 {at} 固定。": "Result frozen at {at}.",
    "结果已经固定，得分不能再改。": "The result is frozen; scores can no longer change.",
    "综合得分 = 现场测评 × {vote:g} + 调查核实 × {check:g} + 民意调查 × {survey:g}"
    "（按权重之和折算）；“好”票比例低于 {share:.0%} 的不能评为优秀。": (
        "Composite = vote × {vote:g} + verification × {check:g} + survey × {survey:g} "
        "(over the weights' sum); under {share:.0%} “good” rules out Excellent."
    ),
    "被测评单位": "Units appraised",
    "被测评对象": "Appraised",
    "被测评职务": "Post appraised",
    "评为优秀所需的“好”票比例应在 0 到 100% 之间。": (
        "The “good” share needed for Excellent must be between 0 and 100%."
    ),
    "评价选项（用 | 分隔，第一个为“好”）": "Options (separated by |, the first is “good”)",
    "请至少选择一个被测评对象。": "Choose at least one post to appraise.",
    "还有 {n} 项没有选择：{posts}": "{n} not answered yet: {posts}",
    "；": "; ",
    "还没有测评。": "No appraisal yet.",
    "还没有测评。新建一个测评后，可发放投票码、开始投票并当场公布结果。": (
        "No appraisal yet. Set one up to issue codes, open the vote and publish on the spot."
    ),
    "这个投票码已经投过票，每个投票码只能用一次。": (
        "This code has already voted; each code votes once."
    ),
    "追加投票码": "More codes",
    "选项不能重复。": "Options cannot repeat.",
    "选项要有 2 到 6 个，每个不能为空，也不能含“|”。": (
        "Give 2 to 6 options, none empty and none containing “|”."
    ),
}

EN: dict[str, str] = {**PAGES, **INDICATORS, **WORDS, **MORE, **WORK, **APPRAISAL}
