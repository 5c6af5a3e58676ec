"""Properties of the pure rules: quorum counts, vote outcomes, the minutes markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mipg_desktop.committees.markup import parse_markup, plain_text
from mipg_desktop.committees.quorum import compute_quorum, required_count
from mipg_desktop.committees.votes import decide_outcome
from mipg_desktop.models.committees import CommitteeRules

members = st.integers(min_value=1, max_value=40)


@given(members)
def test_half_plus_one_is_a_strict_majority(n: int) -> None:
    need = required_count("half_plus_one", 1, 2, n)
    assert need * 2 > n and (need - 1) * 2 <= n


@given(members, st.integers(min_value=0, max_value=40))
def test_quorum_is_monotonic_in_attendance(n: int, present: int) -> None:
    present = min(present, n)
    now = compute_quorum(None, n, present)
    more = compute_quorum(None, n, min(n, present + 1))
    assert not now.can_deliberate or more.can_deliberate


@given(
    st.integers(min_value=0, max_value=20),
    st.integers(min_value=0, max_value=20),
    st.integers(min_value=0, max_value=5),
)
def test_simple_majority_follows_the_count(votes_for: int, against: int, abstain: int) -> None:
    rules = CommitteeRules(majority_kind="simple", tie_breaker="none")
    present = votes_for + against + abstain
    result = decide_outcome(rules, votes_for, against, abstain, present, present)
    if votes_for == against > 0:
        assert result.outcome == "tied" and not result.tie_broken
    elif votes_for == 0:
        assert result.outcome == "rejected"
    else:
        assert (result.outcome == "approved") == (votes_for > against)


@given(st.text(max_size=300))
def test_markup_never_loses_or_invents_words(text: str) -> None:
    parse_markup(text)  # any text is valid markup
    joined = plain_text(text)

    def words(value: str) -> str:  # without the marks of the markup (and its escapes)
        marks = "*-#|\\:"
        return "".join(ch for ch in value if ch.isprintable() and ch not in marks and ch.strip())

    assert words(joined) == words(text)
    assert not any(0x80 <= ord(ch) <= 0x9F or ord(ch) < 0x09 for ch in joined)
    assert "<" not in plain_text("**a**") and plain_text("- uno") == "- uno"
