"""Codes in an import file that name existing records: org units, party organisations
and members. Each lookup returns, per code found: code, id, level (units only),
community_id, and whether the importing user's scope covers it."""

from dataclasses import dataclass

from sqlalchemy import Select, literal, select

from data_access.schema import org_unit, party_member, party_org
from data_access.scope import Scope


@dataclass(frozen=True)
class Reference:
    noun: str  # what the code names, in the messages
    kind: str

    def lookup(self, scope: Scope, codes: list[str]) -> Select:
        return LOOKUPS[self.kind](scope, codes)


def _units(scope: Scope, codes: list[str]) -> Select:
    return select(
        org_unit.c.code,
        org_unit.c.id,
        org_unit.c.level,
        org_unit.c.community_id,
        scope.covers(org_unit.c.path).label("visible"),
    ).where(org_unit.c.code.in_(codes))


def _party_orgs(scope: Scope, codes: list[str]) -> Select:
    """An organisation is in scope where the community it is located in is."""
    return (
        select(
            party_org.c.code,
            party_org.c.id,
            literal(None).label("level"),
            party_org.c.community_id,
            scope.covers(org_unit.c.path).label("visible"),
        )
        .join(org_unit, org_unit.c.id == party_org.c.community_id)
        .where(party_org.c.code.in_(codes))
    )


def _members(scope: Scope, codes: list[str]) -> Select:
    """A member is in scope where the community they live in is."""
    return (
        select(
            party_member.c.member_code.label("code"),
            party_member.c.id,
            literal(None).label("level"),
            party_member.c.residence_community_id.label("community_id"),
            scope.covers(org_unit.c.path).label("visible"),
        )
        .join(org_unit, org_unit.c.id == party_member.c.residence_community_id)
        .where(party_member.c.member_code.in_(codes))
    )


LOOKUPS = {"unit": _units, "party_org": _party_orgs, "member": _members}
UNIT = Reference("单位", "unit")
PARTY_ORG = Reference("党组织", "party_org")
MEMBER = Reference("党员", "member")
