"""Codes in an import file that name existing records: org units, party organisations,
members, activities, tasks and supervision items. Each lookup returns, per code found:
code, id, level (units only), community_id, and whether the importing user's scope
covers it; a supervision item also the unit it is assigned to (unit_id)."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Column, Select, literal, select

from data_access.schema import (
    org_unit,
    party_member,
    party_org,
    service_activity,
    supervision_item,
    work_task,
)
from data_access.scope import Scope


@dataclass(frozen=True)
class Reference:
    noun: str  # what the code names, in the messages
    kind: str
    lookup: Callable[[Scope, list[str]], Select]


def _units(scope: Scope, codes: list[str]) -> Select:
    return select(
        org_unit.c.code,
        org_unit.c.id,
        org_unit.c.level,
        org_unit.c.community_id,
        scope.covers(org_unit.c.path).label("visible"),
    ).where(org_unit.c.code.in_(codes))


def _located(code: Column, community: Column) -> Callable[[Scope, list[str]], Select]:
    """A record with a code, in scope where its community is."""

    def lookup(scope: Scope, codes: list[str]) -> Select:
        return (
            select(
                code.label("code"),
                code.table.c.id,
                literal(None).label("level"),
                community.label("community_id"),
                scope.covers(org_unit.c.path).label("visible"),
            )
            .join(org_unit, org_unit.c.id == community)
            .where(code.in_(codes))
        )

    return lookup


UNIT = Reference("单位", "unit", _units)
# an organisation lies where it is located, a member where they live
PARTY_ORG = Reference("党组织", "party_org", _located(party_org.c.code, party_org.c.community_id))
MEMBER = Reference(
    "党员", "member", _located(party_member.c.member_code, party_member.c.residence_community_id)
)
ACTIVITY = Reference(
    "活动",
    "activity",
    _located(service_activity.c.code, service_activity.c.community_id),
)


def _tasks(scope: Scope, codes: list[str]) -> Select:
    """A task, in scope where its lead unit is."""
    return (
        select(
            work_task.c.code,
            work_task.c.id,
            literal(None).label("level"),
            literal(None).label("community_id"),
            scope.covers(org_unit.c.path).label("visible"),
        )
        .join(org_unit, org_unit.c.id == work_task.c.lead_unit_id)
        .where(work_task.c.code.in_(codes))
    )


TASK = Reference("任务", "task", _tasks)


def _supervision_items(scope: Scope, codes: list[str]) -> Select:
    """A supervision item, in scope where the unit it is assigned to is."""
    item = supervision_item.c
    return (
        select(
            item.code,
            item.id,
            literal(None).label("level"),
            literal(None).label("community_id"),
            scope.covers(org_unit.c.path).label("visible"),
            item.unit_id,
        )
        .join(org_unit, org_unit.c.id == item.unit_id)
        .where(item.code.in_(codes))
    )


SUPERVISION_ITEM = Reference("督办事项", "supervision", _supervision_items)
