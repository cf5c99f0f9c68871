"""Actor records built by the actor stage."""

from __future__ import annotations

from geopol.actors.stage import distinct_roles


def test_distinct_roles_drop_repeats_and_roles_a_longer_one_spells_out() -> None:
    roles = ["Secretary-General", "NATO Secretary-General", "Secretary-General", "spokesperson"]
    assert distinct_roles(roles) == ("NATO Secretary-General", "spokesperson")
    assert distinct_roles(["Foreign Minister", "Prime Minister"]) == ("Foreign Minister", "Prime Minister")
