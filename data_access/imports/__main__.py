"""Import a file from the command line, as the admin page does.

    python -m data_access.imports problems 问题台账.xlsx --user wang [--dry-run]
    python -m data_access.imports problems --template 模板.xlsx
    python -m data_access.imports sync --source-url URL --mapping 映射.toml [--apply]

Exit status 0 when the file was imported (or would be, with --dry-run), 1 when it
was refused; the problems are printed one per line.
"""

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy import create_engine

from data_access.engine import make_engine
from data_access.imports.entities import ENTITIES
from data_access.imports.importer import Problem, import_file, plan_import
from data_access.imports.sync import MappingError, read_mapping, sync
from data_access.imports.templates import template_csv, template_xlsx
from data_access.migrate import upgrade_to_head
from data_access.scope import EVERYTHING


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["sync"]:
        return sync_main(argv[1:])
    parser = argparse.ArgumentParser(description="导入 CSV / Excel 数据文件")
    parser.add_argument("entity", choices=sorted(ENTITIES))
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--user", default=getpass.getuser(), help="recorded in the audit")
    parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    parser.add_argument("--template", type=Path, help="write a blank .xlsx or .csv template")
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    entity = ENTITIES[args.entity]
    if args.template:
        make = template_xlsx if args.template.suffix == ".xlsx" else template_csv
        args.template.write_bytes(make(entity))
        print(f"模板已写入 {args.template}")
        return 0
    if args.file is None:
        parser.error("a file to import, or --template")
    engine = make_engine(args.database_url)
    upgrade_to_head(engine)
    content = args.file.read_bytes()
    # the command line is an operator's tool: the whole hierarchy is in scope
    if args.dry_run:
        with engine.connect() as conn:
            plan = plan_import(conn, entity, content, args.file.name, scope=EVERYTHING)
    else:
        plan = import_file(
            engine, entity, content, args.file.name, scope=EVERYTHING, username=args.user
        )
    for problem in plan.problems:
        print(_where(problem) + problem.reason)
    for notice in plan.warnings:
        print(f"提示：{_where(notice)}{notice.reason}")
    verb = "将" if args.dry_run else "已"
    if plan.ok:
        print(
            f"{verb}新增 {len(plan.inserts)} 行，{verb}更新 {len(plan.updates)} 行，"
            f"{plan.unchanged} 行无变化。"
        )
        return 0
    print(f"文件未导入：{plan.rejected} 行有问题，数据库未作任何修改。")
    return 1


def sync_main(argv: list[str]) -> int:
    """`sync`: the same import from SQL queries on another platform's database."""
    parser = argparse.ArgumentParser(
        prog="python -m data_access.imports sync", description="从现有平台的数据库同步导入"
    )
    parser.add_argument("--source-url", required=True, help="the other platform's database")
    parser.add_argument("--mapping", required=True, type=Path, help="TOML: queries and columns")
    parser.add_argument("--apply", action="store_true", help="write (default: a dry run)")
    parser.add_argument("--user", default=getpass.getuser(), help="recorded in the audit")
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    try:
        mapping = read_mapping(args.mapping)
    except MappingError as why:
        print(why)
        return 1
    engine = make_engine(args.database_url)
    upgrade_to_head(engine)
    source = create_engine(args.source_url)
    print(f"来源：{source.url.render_as_string(hide_password=True)}")
    plans = sync(engine, source, mapping, scope=EVERYTHING, username=args.user, apply=args.apply)
    source.dispose()
    verb = "已" if args.apply else "将"
    for plan in plans:
        print(f"[{plan.entity.key}] {plan.entity.label}")
        for problem in plan.problems:
            print(f"  {_where(problem)}{problem.reason}")
        for notice in plan.warnings:
            print(f"  提示：{_where(notice)}{notice.reason}")
        if plan.ok:
            print(
                f"  {verb}新增 {len(plan.inserts)} 行，{verb}更新 {len(plan.updates)} 行，"
                f"{plan.unchanged} 行无变化。"
            )
    if all(plan.ok for plan in plans):
        return 0
    print("同步未执行：有数据未通过检查，数据库未作任何修改。")
    return 1


def _where(problem: Problem) -> str:
    return f"第 {problem.row} 行 {problem.column}：" if problem.row else ""


if __name__ == "__main__":
    sys.exit(main())
