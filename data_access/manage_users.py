"""python -m data_access.manage_users COMMAND ... : manage dashboard accounts.

Works on DATABASE_URL (default: the embedded SQLite file). Passwords are
asked for at a prompt (or read from standard input with --password-stdin);
a reset without a new password prints a random one once.
"""

import argparse
import getpass
import sys

from data_access.engine import make_engine
from data_access.migrate import upgrade_to_head
from data_access.users import (
    Role,
    UserError,
    add_user,
    force_logout,
    list_users,
    random_password,
    remove_user,
    set_enabled,
    set_password,
)

BY = "command line"


def read_password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("新密码: ")
    if getpass.getpass("再输入一次: ") != first:
        raise UserError("两次输入的密码不一致")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access.manage_users", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list accounts")
    add = commands.add_parser("add", help="add an account")
    add.add_argument("username")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--role", choices=[role.value for role in Role], required=True)
    add.add_argument("--unit", action="append", default=[], help="org unit code (repeatable)")
    add.add_argument("--password-stdin", action="store_true")
    reset = commands.add_parser("reset-password", help="set a new password; ends its sessions")
    reset.add_argument("username")
    reset.add_argument("--random", action="store_true", help="generate one and print it once")
    reset.add_argument("--password-stdin", action="store_true")
    for name, text in [
        ("disable", "refuse logins and end sessions"),
        ("enable", "allow logins again"),
        ("remove", "delete the account"),
        ("logout", "end every session and login cookie"),
    ]:
        commands.add_parser(name, help=text).add_argument("username")
    args = parser.parse_args(argv)

    engine = make_engine()
    upgrade_to_head(engine)
    try:
        with engine.begin() as conn:
            if args.command == "list":
                print(list_users(conn).to_string(index=False))
            elif args.command == "add":
                add_user(
                    conn,
                    username=args.username,
                    display_name=args.name,
                    role=args.role,
                    password=read_password(args),
                    unit_codes=args.unit,
                    by=BY,
                )
                print(f"added {args.username}")
            elif args.command == "reset-password":
                password = random_password() if args.random else read_password(args)
                set_password(conn, username=args.username, password=password, by=BY)
                print(f"new password for {args.username}: {password}" if args.random else "done")
            elif args.command in ("disable", "enable"):
                set_enabled(conn, username=args.username, enabled=args.command == "enable", by=BY)
                print("done")
            elif args.command == "remove":
                remove_user(conn, username=args.username, by=BY)
                print(f"removed {args.username}")
            elif args.command == "logout":
                force_logout(conn, username=args.username, by=BY)
                print("done")
    except UserError as why:
        print(f"error: {why}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
