"""The member's side of the review: a received session package, read for observations.

A member opens the package a secretary exported (:func:`open_for_review`: the same
hostile-input checks as an import, no database needed) and sees its reviewable texts
(:class:`ReviewTarget`): the acta as a whole, then for each agenda item its deliberation,
decisions and commitments. The draft's version (:func:`draft_version`) is the SHA-256 of
those texts, so the secretary's database computes the same value from its own rows
(:func:`targets_of_content` reads both), and a response made on an older draft is found.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mipg_desktop.committees import labels
from mipg_desktop.i18n import _

TARGET_KINDS = ("acta", "deliberation", "decision", "commitment")


@dataclass(frozen=True)
class ReviewTarget:
    kind: str  # "acta" | "deliberation" | "decision" | "commitment"
    uid: str
    label: str  # Spanish, e.g. «Punto 3. Seguimiento al plan de acción — Decisión 2»
    text: str  # the stored markup text as in the draft ("" for the acta as a whole)
    item_uid: str | None  # the agenda item it belongs to (None for "acta")


@dataclass(frozen=True)
class ReviewMember:
    uid: str  # person uid
    full_name: str
    role_label: str


@dataclass(frozen=True)
class ReviewPackage:
    path: Path
    session_uid: str
    session_version: str
    committee_name: str
    session_title: str
    session_date: date
    members: list[ReviewMember]
    targets: list[ReviewTarget]  # in reading order

    def target(self, kind: str, uid: str) -> ReviewTarget | None:
        return next((t for t in self.targets if t.kind == kind and t.uid == uid), None)

    def member(self, uid: str) -> ReviewMember | None:
        return next((m for m in self.members if m.uid == uid), None)


def open_for_review(path: Path) -> ReviewPackage:
    """Read and check a session package for review; ``PackageRefused`` on a bad file."""
    from mipg_desktop.committees.package import read_package

    content = read_package(Path(path)).content
    session = content["session"]
    day = date.fromisoformat(session["session_date"])
    targets = targets_of_content(content)
    return ReviewPackage(
        path=Path(path),
        session_uid=session["uid"],
        session_version=draft_version(targets),
        committee_name=content["committee"]["name"],
        session_title=labels.session_title(session["number"], session["year"]),
        session_date=day,
        members=members_of_content(content, day),
        targets=targets,
    )


def draft_version(targets: list[ReviewTarget]) -> str:
    """The draft's version: SHA-256 of its reviewable texts (kind, uid and text of each)."""
    from mipg_desktop.committees.package import canonical_json

    data = [[t.kind, t.uid, t.text] for t in targets]
    return hashlib.sha256(canonical_json(data)).hexdigest()


def members_of_content(content: dict[str, Any], day: date) -> list[ReviewMember]:
    """The committee's members on the session's date, in the committee's order."""
    people = {p["uid"]: p for p in content["people"]}
    active = [
        m
        for m in content["memberships"]
        if date.fromisoformat(m["start_date"]) <= day
        and (m["end_date"] is None or date.fromisoformat(m["end_date"]) >= day)
        and m["person_uid"] in people
    ]
    active.sort(key=lambda m: (m["sort_order"], people[m["person_uid"]]["full_name"]))
    out: list[ReviewMember] = []
    for m in active:
        if any(r.uid == m["person_uid"] for r in out):
            continue  # two seats of one person: one author
        person = people[m["person_uid"]]
        out.append(ReviewMember(person["uid"], person["full_name"], labels.role_label(m["role"])))
    return out


def targets_of_content(content: dict[str, Any]) -> list[ReviewTarget]:
    """The reviewable texts of a session's content (a package's, or read from a database
    by :func:`~package_content.read_content`), in the acta's reading order."""
    session_uid = content["session"]["uid"]
    targets = [ReviewTarget("acta", session_uid, _("El acta en su conjunto"), "", None)]
    children: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for item in sorted(content["agenda_items"], key=lambda i: (i["position"], i["uid"])):
        children[item["parent_uid"]].append(item)
    decisions = sorted(content["decisions"], key=lambda d: (d["position"], d["uid"]))
    number = {d["uid"]: k for k, d in enumerate(decisions, start=1)}
    commitments = sorted(content["commitments"], key=lambda c: c["number"])

    def visit(item: dict[str, Any], label: str) -> None:
        uid = item["uid"]
        head = _("Punto {n}. {title}").format(n=label, title=item["title"])
        targets.append(
            ReviewTarget(
                "deliberation",
                uid,
                _("{head} — Desarrollo").format(head=head),
                item["deliberation"],
                uid,
            )
        )
        for d in (d for d in decisions if d["agenda_item_uid"] == uid):
            what = _("Decisión {n}").format(n=number[d["uid"]])
            targets.append(ReviewTarget("decision", d["uid"], f"{head} — {what}", d["text"], uid))
        for c in (c for c in commitments if c["agenda_item_uid"] == uid):
            what = _("Compromiso {n}").format(n=c["number"])
            targets.append(ReviewTarget("commitment", c["uid"], f"{head} — {what}", c["text"], uid))
        for k, child in enumerate(children[uid], start=1):
            visit(child, f"{label}.{k}")

    for k, item in enumerate(children[None], start=1):
        visit(item, str(k))
    items = {i["uid"] for i in content["agenda_items"]}
    for d in decisions:
        if d["agenda_item_uid"] not in items:
            label = _("Decisión {n}").format(n=number[d["uid"]])
            targets.append(ReviewTarget("decision", d["uid"], label, d["text"], None))
    for c in commitments:
        if c["agenda_item_uid"] not in items:
            label = _("Compromiso {n}").format(n=c["number"])
            targets.append(ReviewTarget("commitment", c["uid"], label, c["text"], None))
    return targets
