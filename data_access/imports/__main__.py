"""Import a file from the command line, as the admin page does.

    python -m data_access.imports problems 问题台账.xlsx --user wang [--dry-run]
    python -m data_access.imports problems --template 模板.xlsx

Exit status 0 when the file was imported (or would be, with --dry-run), 1 when it
was refused; the problems are printed one per line.
"""

import argparse
import getpass
import sys
from pathlib import Path

from data_access.engine import make_engine
from data_access.imports.entities import ENTITIES
from data_access.imports.importer import Problem, apply_import, plan_import
from data_access.imports.templates import template_csv, template_xlsx
from data_access.migrate import upgrade_to_head
from data_access.scope import EVERYTHING


def main(argv: list[str] | None = None) -> int:
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
    with engine.begin() as conn:
        # the command line is an operator's tool: the whole hierarchy is in scope
        plan = plan_import(conn, entity, args.file.read_bytes(), args.file.name, scope=EVERYTHING)
        if not args.dry_run:
            apply_import(conn, plan, username=args.user)
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


def _where(problem: Problem) -> str:
    return f"第 {problem.row} 行 {problem.column}：" if problem.row else ""


if __name__ == "__main__":
    sys.exit(main())
