"""One description of the response file (``.mipgrespuesta``), as :mod:`session_schema` is
the session package's: the keys of the response and of each observation, their kinds and
lengths taken from the tables they are stored in (:mod:`mipg_desktop.models.review`).

The file is UTF-8 JSON::

    {"format": "mipg-review-response", "format_version": 1, "program_version": "…",
     "content_sha256": "<SHA-256 of the canonical JSON of content>",
     "content": {"response": {…}, "observations": [{…}, …]}}

The writer (:mod:`review_response`), the checker (:func:`check_response_content`) and the
field tables of ``docs/session-package.md`` (:mod:`session_schema_doc`) all read it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mipg_desktop.committees.markup import MAX_TEXT_CHARS
from mipg_desktop.committees.record_schema import LOCAL_ID, PARENT, STAMP, Record, Ref
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import Person
from mipg_desktop.models.review import TARGET_KINDS, ReviewObservation, ReviewResponse
from mipg_desktop.models.sessions import CommitteeSession

FORMAT = "mipg-review-response"
FORMAT_VERSION = 1
SUFFIX = ".mipgrespuesta"
MAX_RESPONSE_BYTES = 8 * 1024 * 1024  # the file: checked before it is read
MAX_OBSERVATIONS = 500
MAX_COMMENT_CHARS = 20_000
SECRETARY = "the secretary's, set in the importing database"

RESPONSE = Record(
    "response",
    ReviewResponse,
    ("uid", "session_version", "member_name", "created_at", "no_observations"),
    refs=(
        Ref(
            "session_uid",
            "session_id",
            CommitteeSession,
            note="the uid of the session whose package was reviewed",
        ),
        Ref(
            "member_uid",
            "person_id",
            Person,
            note="a person of the package's `people` with a membership on the session date",
        ),
    ),
    skipped={
        "id": LOCAL_ID,
        "imported_at": STAMP,
        "imported_by": STAMP,
        "file_sha256": "the file's SHA-256, computed on import",
    },
    kinds={"session_version": "sha"},
    many=False,
)
OBSERVATIONS = Record(
    "observations",
    ReviewObservation,
    (
        "uid",
        "target_kind",
        "target_uid",
        "text_seen",
        "comment",
        "proposed_text",
        "created_at",
    ),
    skipped={
        "id": LOCAL_ID,
        "response_id": PARENT,
        "session_id": "the response's session",
        "position": "the order of the list",
        "status": SECRETARY,
        "reply": SECRETARY,
        "resolved_at": SECRETARY,
        "resolved_by": SECRETARY,
        "replaced_text": SECRETARY,
        "version": "optimistic-lock counter of this database",
    },
    choices={"target_kind": TARGET_KINDS},
    kinds={"target_uid": "uid"},
    lengths={
        "text_seen": MAX_TEXT_CHARS,
        "comment": MAX_COMMENT_CHARS,
        "proposed_text": MAX_TEXT_CHARS,
    },
)
RESPONSE_RECORDS: tuple[Record, ...] = (RESPONSE, OBSERVATIONS)

Refuse = Callable[[str], Exception]


def check_response_content(content: Any, refuse: Refuse) -> None:
    """Raise ``refuse(...)`` at the first problem of a response's content."""
    from mipg_desktop.committees.package_check import check_fields

    if not isinstance(content, dict) or set(content) != {"response", "observations"}:
        raise refuse(_("el contenido no tiene la estructura esperada."))
    check_fields(content["response"], RESPONSE, refuse)
    rows = content["observations"]
    if not isinstance(rows, list) or len(rows) > MAX_OBSERVATIONS:
        raise refuse(_("la lista de observaciones falta o pasa de {n}.").format(n=MAX_OBSERVATIONS))
    for row in rows:
        check_fields(row, OBSERVATIONS, refuse)
    response = content["response"]
    if response["member_uid"] is None:
        raise refuse(_("la respuesta no dice qué integrante la hizo."))
    if response["no_observations"] != (not rows):
        raise refuse(_("la respuesta dice «sin observaciones» y trae observaciones, o al revés."))
    uids = [r["uid"] for r in rows] + [response["uid"]]
    if len(uids) != len(set(uids)):
        raise refuse(_("hay identificadores repetidos."))
    for row in rows:
        if not row["comment"].strip() and not (row["proposed_text"] or "").strip():
            raise refuse(_("una observación no trae comentario ni redacción propuesta."))
        if row["target_kind"] == "acta" and row["proposed_text"] is not None:
            raise refuse(_("una observación al acta en su conjunto no lleva redacción propuesta."))
