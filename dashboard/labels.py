"""Chinese labels for indicators and units shown on screen."""

import re

from dashboard.i18n import tr
from data_access.users import Role
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

# the six rates a leader reads first: 总览's numbers and trend, the slides' tiles
HEADLINE = [
    "coverage_rate",
    "staffing_rate",
    "reporting_rate",
    "active_rate",
    "resolution_rate",
    "compliance_rate",
]

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
    "board_published": "发布公开链接",
    "board_revoked": "撤销公开链接",
}

# work tracking: a node's or task's warning (data_access.indicators.work.WARNINGS) and a
# supervision item's state, each with a symbol so that it does not rely on colour alone
WARNING_LABELS = {
    "red": "✕ 逾期未完成",
    "amber": "▲ 临期",
    "green": "○ 正常推进",
    "late": "◆ 逾期完成",
    "done": "✓ 按期完成",
}
SUPERVISION_LABELS = {
    "overdue": "✕ 逾期未整改",
    "rectifying": "○ 整改中",
    "rectified": "◆ 已整改待验收",
    "passed": "✓ 验收通过",
    "failed": "✕ 验收未通过",
}
# 述职评议: an appraisal's stage and a post's grade (data_access/appraisal.py)
APPRAISAL_STATES = {
    "waiting": "未开始",
    "open": "投票中",
    "closed": "投票已结束",
    "frozen": "结果已固定",
}
APPRAISAL_GRADES = {
    "excellent": "优秀",
    "good": "良好",
    "fair": "一般",
    "poor": "较差",
    "pending": "待录入得分",
}

STATUS = {"green": "按期", "amber": "部分完成", "red": "逾期", "not_due": "本期无要求"}

# 报送情况 status: a symbol and words besides the colour, so it does not rely on colour alone
SUBMISSION_STATUS = {
    "on_time": ("● 按时", "#cce8d4"),
    "late": ("▲ 逾期或不全", "#ffe3a3"),
    "missing": ("✕ 未报送", "#f6c6c6"),
    "pending": ("○ 未到期", "#e8e8e8"),
}


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "管理员",
    Role.LEADER: "领导",
    Role.DISTRICT: "区县/街道用户",
    Role.STEWARD: "数据报送员",
    Role.VIEWER: "观摩展示",
}

# who made an account change, where it was not a user (data_access.users, manage_users)
ACTORS = {"first run": "首次启动", "command line": "命令行"}
_ACCOUNT_CHANGE = re.compile(r"(?:role=(?P<role>\w+) )?by (?P<by>.+)")


def audit_detail(detail: object) -> str:
    """An account change's stored detail ('role=admin by first run', 'by lead') in words;
    a missing one (None, NaN) as nothing."""
    text = detail if isinstance(detail, str) else ""
    found = _ACCOUNT_CHANGE.fullmatch(text)
    if not found:
        return text
    by = tr("操作人：{who}").format(who=tr(ACTORS.get(found["by"], found["by"])))
    role = found["role"]
    name = next((tr(label) for r, label in ROLE_LABELS.items() if r == role), role)
    return by if role is None else tr("角色：{role}；{by}").format(role=name, by=by)
