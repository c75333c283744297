"""Which pages each role may open. A page left out of a role's list cannot be reached."""

from pathlib import Path

import streamlit as st

from dashboard.i18n import tr
from data_access.users import Role

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"

# key: (file in pages/, title, icon)
PAGES = {
    "overview": ("overview.py", "总览", ":material/dashboard:"),
    "coverage": ("grid_coverage.py", "网格覆盖", ":material/grid_view:"),
    "reporting": ("double_reporting.py", "双报到", ":material/how_to_reg:"),
    "meetings": ("meetings.py", "会议统计", ":material/groups:"),
    "comparison": ("comparison.py", "区域比较", ":material/leaderboard:"),
    "scoring": ("composite_score.py", "综合评分与推演", ":material/tune:"),
    "work": ("work_tracking.py", "任务督办", ":material/assignment_late:"),
    "duty": ("duty_records.py", "履责记实", ":material/history_edu:"),
    "appraisal": ("appraisal.py", "述职评议", ":material/how_to_vote:"),
    "submissions": ("reporting_status.py", "报送情况", ":material/fact_check:"),
    "import": ("data_import.py", "数据导入", ":material/upload_file:"),
    "users": ("users_admin.py", "用户管理", ":material/manage_accounts:"),
}
VIEWS = ["overview", "coverage", "reporting", "meetings", "comparison"]
# What-if work saves scenarios per user; the shared display account only shows.
ANALYSIS = [*VIEWS, "scoring"]

# 任务督办 and 履责记实 are for those who assign and answer for the work, and so is
# 述职评议, where they appraise the secretaries below them
WORK = ["work", "duty", "appraisal"]

ROLE_PAGES: dict[Role, list[str]] = {
    Role.ADMIN: [*ANALYSIS, *WORK, "submissions", "import", "users"],
    Role.LEADER: [*ANALYSIS, *WORK, "submissions"],
    Role.DISTRICT: [*ANALYSIS, *WORK, "submissions"],
    # a data steward imports its own subtree's monthly data
    Role.STEWARD: [*ANALYSIS, "submissions", "import"],
    Role.VIEWER: VIEWS,
}


def pages_for(role: Role) -> dict[str, st.Page]:
    """The role's pages by key, the first one the default."""
    pages = {}
    for i, key in enumerate(ROLE_PAGES[role]):
        filename, title, icon = PAGES[key]
        pages[key] = st.Page(PAGES_DIR / filename, title=tr(title), icon=icon, default=i == 0)
    return pages


def hold_requested_page() -> None:
    """Before sign-in: every page's address is known but none opens (the login form is
    all there is), so a link to a page keeps its path through the form and the first
    signed-in run lands on it, as Streamlit finds a page by its path."""
    st.navigation(
        [
            st.Page(_signed_out, title=title, url_path=Path(filename).stem, default=i == 0)
            for i, (filename, title, _) in enumerate(PAGES.values())
        ],
        position="hidden",
    )


def _signed_out() -> None:
    """Never run: the login form is drawn by the app before any page."""


def link(key: str, label: str) -> None:
    """A link to another view, drawn only if the user may open it."""
    page = st.session_state.get("pages", {}).get(key)
    if page is not None:
        st.page_link(page, label=label, icon=page.icon)


def presentation_page(under: str, *, default: bool) -> st.Page:
    """观摩模式, open to every role, entered with `?present=1`. It is served at the address
    of the view it was entered from (`under`, a key of PAGES; `default` if that view is
    the role's first), and Streamlit finds a page by its address: the path never changes,
    so leaving is back on that view in the same run."""
    return st.Page(
        PAGES_DIR / "presentation.py",
        title=tr("观摩模式"),
        icon=":material/slideshow:",
        url_path=Path(PAGES[under][0]).stem,
        default=default,
    )


def enter_presentation() -> None:
    st.query_params["present"] = "1"
