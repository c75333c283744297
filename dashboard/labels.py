"""Chinese labels for indicators and units shown on screen."""

INDICATORS = {
    "coverage_rate": ("网格党组织覆盖率", "%"),
    "staffing_rate": ("网格员配备率", "%"),
    "reporting_rate": ("在职党员报到率", "%"),
    "active_rate": ("报到党员活跃率(90天)", "%"),
    "hours_per_member": ("人均服务时长", "小时"),
    "claim_rate": ("清单认领率", "%"),
    "completion_rate": ("清单完成率", "%"),
    "resolution_rate": ("问题解决率", "%"),
    "compliance_rate": ("三会一课按期率", "%"),
}

LEVELS = {
    "total": "合计",
    "city": "市",
    "district": "区县",
    "street": "街道/乡镇",
    "community": "社区/村",
}


AUTH_EVENTS = {
    "login": "登录成功",
    "login_failed": "密码错误",
    "lockout": "账户锁定",
    "login_blocked": "锁定期间尝试登录",
    "logout": "退出登录",
    "session_refused": "会话失效",
    "user_added": "新增用户",
    "password_set": "修改密码",
    "enabled": "启用",
    "disabled": "停用",
    "forced_logout": "强制下线",
    "removed": "删除用户",
}

LIST_TYPES = {"need": "需求清单", "resource": "资源清单", "service": "服务清单"}
PROBLEM_SOURCES = {"grid_visit": "网格走访", "hotline": "热线", "meeting": "会议", "list": "清单"}
MEETING_TYPES = {
    "street_joint": "街道大工委联席会",
    "community_joint": "社区大党委联席会",
    "branch_committee": "支委会",
    "party_group": "党小组会",
    "general_assembly": "党员大会",
    "party_lecture": "党课",
    "themed_day": "主题党日",
}
STATUS = {"green": "按期", "amber": "部分完成", "red": "逾期", "not_due": "本期无要求"}
