"""What the current session may see."""

from dashboard.database import engine
from data_access.dataset import root_unit_ids
from data_access.scope import Scope, scope_of_units


def current_scope() -> Scope:
    """The scope of the current user.

    Until sign-in lands (issue 8) every visitor sees the whole hierarchy;
    this is the one function that changes then.
    """
    with engine().connect() as conn:
        return scope_of_units(conn, root_unit_ids(conn))
