"""Entity linking of surface forms to candidate records."""

from __future__ import annotations

from nlp.linking import Candidate, link, normalise_name

CANDIDATES = [
    Candidate("a1", "华为技术有限公司", ("华为",)),
    Candidate("a2", "华润集团"),
    Candidate("a3", "Acme Corp", ("ACME",)),
    Candidate("a4", "Acme Robotics"),
    Candidate("a5", "Globex"),
]


def test_exact_match_wins_and_keeps_surface() -> None:
    matches = link("acme corp.", CANDIDATES)
    assert matches[0].id == "a3" and matches[0].method == "exact"
    assert matches[0].surface == "acme corp."


def test_alias_match() -> None:
    matches = link("华为", CANDIDATES)
    assert matches[0].id == "a1" and matches[0].method == "alias"


def test_fuzzy_typo_and_top3_limit() -> None:
    matches = link("Acme Robotic", CANDIDATES)
    assert matches[0].id == "a4" and matches[0].method == "fuzzy"
    assert len(link("Acme", CANDIDATES, limit=3)) <= 3


def test_no_match_below_threshold() -> None:
    assert link("Initech", CANDIDATES) == []
    assert link("", CANDIDATES) == []


def test_normalise_strips_possessive_and_company_words() -> None:
    assert normalise_name("Globex's") == "globex"
    assert normalise_name("华润集团") == "华润"
    assert normalise_name("Acme, Inc.") == "acme"
