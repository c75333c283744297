"""The coded values stored in the data, with the Chinese names that reports and
import files use for them."""

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
ACTIVITY_KINDS = {
    "volunteer": "志愿服务",
    "patrol": "平安巡逻",
    "visit": "走访慰问",
    "culture": "文体活动",
    "education": "宣传教育",
    "environment": "环境整治",
}
UNIT_LEVELS = {
    "province": "省",
    "city": "市",
    "district": "区县",
    "street": "街道/乡镇",
    "community": "社区/村",
    "grid": "网格",
}
AREA_KINDS = {"urban": "城市", "rural": "农村"}
GRID_KINDS = {"general": "一般网格", "dedicated": "专属网格"}
REGISTRATION_KINDS = {"org": "单位党组织", "member": "在职党员"}
PARTY_ORG_TYPES = {
    "organ": "机关",
    "enterprise": "企业",
    "institution": "事业单位",
    "two_new": "两新组织",
    "community": "社区",
    "village": "村",
}
GRID_ORG_KINDS = {
    "branch": "网格党支部",
    "building_group": "楼栋党小组",
    "member_household": "党员中心户",
}
WORKER_ROLES = {"grid": "网格员", "community": "专职社区工作者"}
TASK_KINDS = {"daily": "日常工作", "annual": "年度工作"}
TASK_SOURCES = {
    "county": "县级交办",
    "standing_committee": "常委会工作要点",
    "inspection": "巡察反馈",
    "observation": "观摩会",
}
RAISED_AT = {"meeting": "调度会", "inspection": "督查", "observation": "现场观摩"}
