"""Before an import writes anything: the package's uids must not name records of another
session (or, for follow-ups, of another commitment) in this database."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.committees.session_schema import SESSION_RECORDS
from mipg_desktop.i18n import _
from mipg_desktop.models.minutes import Commitment, CommitmentFollowUp

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Refuse = Callable[[str], Exception]

# The session's own records that have a uid (follow-ups belong to a commitment: below).
UID_RECORDS: tuple[tuple[str, type[Any]], ...] = tuple(
    (r.section, r.model) for r in SESSION_RECORDS if r.in_session and "uid" in r.columns
)


def _owners(session: Session, column: Any, key: Any, uids: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    wanted = sorted(set(uids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        out.update(
            {
                uid: owner
                for uid, owner in session.execute(select(key, column).where(key.in_(chunk)))
            }
        )
    return out


def check_uid_clashes(
    session: Session, content: dict[str, Any], local_session_id: int | None, refuse: Refuse
) -> None:
    """Refuse when a uid of the package already belongs elsewhere in this database."""
    for key, model in UID_RECORDS:
        owners = _owners(session, model.session_id, model.uid, [r["uid"] for r in content[key]])
        for uid, owner in owners.items():
            if owner != local_session_id:
                raise _clash(refuse, key, uid)
    follow_ups = [*content["follow_ups"], *content["earlier_follow_ups"]]
    commitment_of = _follow_up_owners(session, [f["uid"] for f in follow_ups])
    for f in follow_ups:
        owner = commitment_of.get(f["uid"])
        if owner is not None and owner != f["commitment_uid"]:
            raise _clash(refuse, "follow_ups", f["uid"])


def _follow_up_owners(session: Session, uids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    wanted = sorted(set(uids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = session.execute(
            select(CommitmentFollowUp.uid, Commitment.uid)
            .join(Commitment, Commitment.id == CommitmentFollowUp.commitment_id)
            .where(CommitmentFollowUp.uid.in_(chunk))
        )
        out.update({uid: commitment for uid, commitment in rows})
    return out


def _clash(refuse: Refuse, key: str, uid: str) -> Exception:
    return refuse(
        _(
            "el identificador {uid} de «{key}» ya pertenece a otro registro en esta base "
            "(identificadores reutilizados)."
        ).format(uid=uid[:36], key=key)
    )
