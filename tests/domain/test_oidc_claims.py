"""Roles and regions from the identity provider's claims (issue 19): the pure decision."""

from __future__ import annotations

import pytest

from inspektion.domain.oidc_claims import (
    Granted,
    Refused,
    claim_values,
    decide,
    parse_role_groups,
)
from inspektion.domain.roles import Role

ROLES = parse_role_groups([("inspektor", "av-inspektor"), ("samordnare", "av-samordnare"),
                           ("jurist", "av-jurist"), ("admin", "av-admin"),
                           ("inspektor", "av-inspektor-extra")])
REGIONS = (("IRS-Syd", "av-region-syd"), ("IRN-Nord", "av-region-nord"))


def _decide(groups: object) -> Granted | Refused:
    return decide(claim_values({"sub": "x", "groups": groups}, "groups"), ROLES, REGIONS)


def test_inspector_with_one_region() -> None:
    assert _decide(["av-personal", "av-inspektor", "av-region-syd"]) == \
        Granted(Role.INSPEKTOR, "IRS-Syd", ("inspektor",))


def test_a_second_group_for_the_same_role_counts() -> None:
    granted = _decide(["av-inspektor-extra", "av-region-nord"])
    assert isinstance(granted, Granted) and granted.role is Role.INSPEKTOR


def test_no_role_group_is_refused_in_swedish() -> None:
    refused = _decide(["av-personal", "av-region-syd"])
    assert isinstance(refused, Refused) and refused.reason == "no_role"
    assert "ingen behörighet" in refused.message


def test_missing_claim_is_no_role() -> None:
    assert isinstance(decide(claim_values({"sub": "x"}, "groups"), ROLES, REGIONS), Refused)


def test_regional_role_needs_exactly_one_region() -> None:
    none = _decide(["av-samordnare"])
    assert isinstance(none, Refused) and none.reason == "no_region" and "samordnare" in none.message
    many = _decide(["av-inspektor", "av-region-syd", "av-region-nord"])
    assert isinstance(many, Refused) and many.reason == "many_regions"
    assert "IRN-Nord, IRS-Syd" in many.message


def test_national_roles_ignore_regions() -> None:
    assert _decide(["av-jurist", "av-region-syd"]) == Granted(Role.JURIST, None, ("jurist",))


def test_several_roles_give_the_most_privileged_and_record_all() -> None:
    granted = _decide(["av-inspektor", "av-admin", "av-region-syd"])
    assert granted == Granted(Role.ADMIN, None, ("admin", "inspektor"))
    assert _decide(["av-inspektor", "av-samordnare", "av-region-syd"]) == \
        Granted(Role.SAMORDNARE, "IRS-Syd", ("samordnare", "inspektor"))


@pytest.mark.parametrize(("raw", "expected"), [
    (["a", "b"], {"a", "b"}), ("a b,c", {"a", "b", "c"}), (None, set()), (7, set()),
    ({"a": 1}, set()), ([1, "x", None], {"1", "x"}),
])
def test_claim_values_accepts_lists_and_flattened_strings(raw: object,
                                                          expected: set[str]) -> None:
    assert claim_values({"groups": raw}, "groups") == expected


def test_unknown_role_name_in_the_settings_is_a_setup_error() -> None:
    with pytest.raises(ValueError, match="okänd roll 'chef'"):
        parse_role_groups([("chef", "av-chef")])
