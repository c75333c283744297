"""Chinese labels for indicators and units shown on screen."""

from data_access.vocabulary import LIST_TYPES, MEETING_TYPES, PROBLEM_SOURCES  # noqa: F401

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

STATUS = {"green": "按期", "amber": "部分完成", "red": "逾期", "not_due": "本期无要求"}

# 报送情况 status: a symbol and words besides the colour, so it does not rely on colour alone
SUBMISSION_STATUS = {
    "on_time": ("● 按时", "#cce8d4"),
    "late": ("▲ 逾期或不全", "#ffe3a3"),
    "missing": ("✕ 未报送", "#f6c6c6"),
    "pending": ("○ 未到期", "#e8e8e8"),
}
