"""数据导入: upload a CSV or Excel file, see what it would insert, update and reject,
then import it in one step. The same code as `python -m data_access.imports`.
Admins import anywhere; a data steward only inside its own subtrees (its scope)."""

from functools import partial

import pandas as pd
import streamlit as st

from dashboard.database import engine
from dashboard.formatting import plain
from dashboard.i18n import amount, tr
from dashboard.session import current_scope, current_user
from dashboard.tables import NUMBER, TEXT, show_table
from data_access import clock
from data_access.imports import audit
from data_access.imports.entities import ENTITIES
from data_access.imports.files import MAX_BYTES
from data_access.imports.importer import apply_import, import_file, plan_import, rows_as_written
from data_access.imports.templates import template_csv, template_xlsx
from data_access.scope import EVERYTHING
from data_access.users import Role

user = current_user()
if user.role not in (Role.ADMIN, Role.STEWARD):
    st.stop()  # navigation already hides this page; never rely on that alone
# an admin may also add the top of the tree; a steward imports inside its own subtrees
scope = EVERYTHING if user.role == Role.ADMIN else current_scope()

st.title(tr("数据导入"))
if user.role == Role.STEWARD:
    st.caption(tr("您是数据报送员：只能导入您负责范围内单位的数据，范围外的行会逐行列出并拒绝。"))
# format functions take labels made in the run: AppTest calls them outside it
entity_names = {k: tr(entity.label) for k, entity in ENTITIES.items()}
key = st.selectbox(
    tr("数据类型"), list(ENTITIES), format_func=entity_names.__getitem__, key="import_entity"
)
entity = ENTITIES[key]
templates = st.container(horizontal=True)
templates.download_button(
    tr("下载 Excel 模板"),
    partial(template_xlsx, entity),
    f"{entity.label}导入模板.xlsx",
    key="template_xlsx",
    icon=":material/download:",
    on_click="ignore",
)
templates.download_button(
    tr("下载 CSV 模板"),
    partial(template_csv, entity),
    f"{entity.label}导入模板.csv",
    key="template_csv",
    icon=":material/download:",
    on_click="ignore",
)
st.caption(
    tr(
        "必填列：{headers}。接受 .xlsx 和 CSV（UTF-8 或 GBK 编码）；表头上方的标题行会自动跳过。"
        "先检查再导入：任何一行有问题，整个文件都不会写入。"
    ).format(headers="、".join(entity.required_headers))
)
# Streamlit's uploader speaks English ("Upload", "10MB per file • CSV, XLSX") and refuses
# a wrong type or size in English. Its words are replaced here, and the type and size are
# left to data_access.imports.files, which refuses them in Chinese, naming what it takes.
MEGABYTES = MAX_BYTES // 1048576
st.html(f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{
  content: "{tr("选择文件")}";
}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: "{tr("或把文件拖到这里 · .csv 或 .xlsx，每个不超过 {mb} MB").format(mb=MEGABYTES)}";
}}
</style>""")
upload = st.file_uploader(
    tr("上传文件（不超过 {mb} MB）").format(mb=MEGABYTES), key=f"upload_{key}"
)
done = st.session_state.pop("import_done", None)
if done:
    st.success(done)
refused = st.session_state.pop("import_refused", None)
if refused:
    st.error(plain(refused))

if upload is not None:
    content = upload.getvalue()
    with engine().connect() as conn:
        plan = plan_import(conn, entity, content, upload.name, scope=scope)
    if not plan.ok:
        rows, rejected, _, _ = st.columns(4)
        rows.metric(tr("数据行"), amount(f"{len(plan.sheet.rows) if plan.sheet else 0:,}", "行"))
        rejected.metric(tr("有问题"), amount(f"{plan.rejected:,}", "行"))
        st.error(tr("文件未通过检查，没有导入任何数据。请按下表逐行修改后重新上传。"))
        problems = pd.DataFrame(
            [(p.row or None, p.column, p.reason) for p in plan.problems],
            columns=["row", "column", "reason"],
        )
        show_table(
            problems,
            {"row": ("行号", NUMBER), "column": ("列", TEXT), "reason": ("问题", TEXT)},
            name="import_problems",
        )
        if st.session_state.get("refused_audited") != plan.sha256:
            with engine().begin() as conn:  # a refused file is audited once, writing no data
                apply_import(conn, plan, username=user.username)
            st.session_state["refused_audited"] = plan.sha256
    else:
        checked = st.columns(4)
        checked[0].metric(tr("将新增"), amount(f"{len(plan.inserts):,}", "行"))
        checked[1].metric(tr("将更新"), amount(f"{len(plan.updates):,}", "行"))
        checked[2].metric(tr("无变化"), amount(f"{plan.unchanged:,}", "行"))
        checked[3].metric(tr("有问题"), amount("0", "行"))
        if plan.warnings:
            st.warning(
                tr("{n:,} 行可以导入，但请核对：").format(n=len(plan.warnings)),
                icon=":material/rule:",
            )
            show_table(
                pd.DataFrame(
                    [(w.row, w.column, w.reason) for w in plan.warnings],
                    columns=["row", "column", "reason"],
                ),
                {"row": ("行号", NUMBER), "column": ("列", TEXT), "reason": ("提示", TEXT)},
                name="import_warnings",
            )
        for label, planned in (("将新增的行", plan.inserts), ("将更新的行", plan.updates)):
            if planned:
                with st.expander(f"{tr(label)}（{len(planned):,}）"):
                    headers, shown = rows_as_written(plan, [number for number, _ in planned][:200])
                    st.dataframe(
                        pd.DataFrame(shown, columns=[tr("行号"), *headers]),
                        hide_index=True,
                    )
        if st.button(tr("确认导入"), type="primary", key="import_apply"):
            plan = import_file(
                engine(), entity, content, upload.name, scope=scope, username=user.username
            )
            if plan.ok:
                st.cache_data.clear()  # every view shows the new data at once
                st.session_state["import_done"] = tr(
                    "已导入 {file}：新增 {inserted:,} 行，"
                    "更新 {updated:,} 行，{unchanged:,} 行无变化。"
                ).format(
                    file=plain(upload.name),
                    inserted=len(plan.inserts),
                    updated=len(plan.updates),
                    unchanged=plan.unchanged,
                )
            else:  # refused while applying: the check above had passed
                st.session_state["import_refused"] = "；".join(p.reason for p in plan.problems)
            st.rerun()

st.subheader(tr("导入记录"))
with engine().connect() as conn:
    history = audit.recent_imports(
        conn, scope=current_scope(), username=user.username, everyone=user.role == Role.ADMIN
    )
OUTCOMES = {"applied": "已导入", "refused": "未通过检查"}
if history.empty:
    st.caption(tr("还没有导入过文件。"))
    st.stop()
show_table(
    history.assign(
        at=pd.to_datetime(history["at"], utc=True)
        .dt.tz_convert(clock.zone())
        .dt.strftime("%Y-%m-%d %H:%M:%S"),
        entity=history["entity"].map(lambda k: tr(ENTITIES[k].label) if k in ENTITIES else k),
        outcome=history["outcome"].map(OUTCOMES).map(tr),
    ),
    {
        "at": ("时间", TEXT),
        "username": ("操作人", TEXT),
        "entity": ("数据类型", TEXT),
        "file_name": ("文件", TEXT),
        "outcome": ("结果", TEXT),
        "inserted": ("新增", NUMBER),
        "updated": ("更新", NUMBER),
        "unchanged": ("无变化", NUMBER),
        "rejected": ("问题行", NUMBER),
        "units": ("报送单位与月份", TEXT),
        "file_sha256": ("文件 SHA-256", TEXT),
    },
    name="import_audit",
)
