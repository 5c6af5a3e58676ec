"""FURAG / IDI results: importing Función Pública's published files, and the history.

- :func:`read_furag_entities(db, path) <read_furag_entities>` → the file's entities (name,
  SIGEP code, department, municipality, form type…) for a picker, with the profile's entity
  when one matches closely (:func:`~.furag_entity.suggest`).
- :func:`import_furag(db, path, entity=None, year=None) <import_furag>`: reads every result
  sheet of the file («Nacion», «Territorio»; :mod:`.furag_file`), the columns by name and
  alias (:mod:`.furag_layout`); chooses the entity by SIGEP code first, then exact name
  (refusing a name or code shared by several rows, or not in the file, with the candidates
  listed), defaulting to the profile's SIGEP code and name; the year from ``year``, the title
  rows or the file name. Every policy column is stored, with «Tipo Formulario», «Naturaleza
  Jurídica» and «Clasificación orgánica». The peer group's averages are kept beside each
  score. Another entity than the profile's (:func:`~.furag_guard.other_entity`) is refused
  (:class:`OtherEntity`) unless ``other_entity`` (or ``ours``, for a profile without a SIGEP
  code whose name the file writes otherwise); a year that has results is refused
  (:class:`YearHasResults`) unless ``replace``, and then replaced in the same transaction,
  audited. The chosen entity's SIGEP code is filled into the entity profile only when the
  profile has none and the entity is the profile's
  (:func:`~mipg_desktop.entity_profile.save_entity`, with its version check and audit), in the
  same transaction; a profile's code is never changed by an import.
- :func:`list_furag` and :func:`weakest_policies`: the history (:mod:`.furag_history`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.audit import record
from mipg_desktop.entity_profile import current_entity
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.furag import (
    FuragResult,
    FuragScore,
)
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.furag_entity import FuragEntity, choose_entity, ranked, suggest
from mipg_desktop.planning.furag_file import FuragFile, FuragSheet, peer_averages, read_file
from mipg_desktop.planning.furag_guard import (
    PriorResult,
    other_entity_text,
    prior_result,
    prior_text,
)
from mipg_desktop.planning.furag_guard import other_entity as is_other_entity
from mipg_desktop.planning.furag_history import (
    FuragResultInfo,
    ScoreInfo,
    list_furag,
    weakest_policies,
)
from mipg_desktop.planning.furag_layout import catalog_names
from mipg_desktop.planning.plan_rows import letter
from mipg_desktop.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database


@dataclass(frozen=True)
class FuragImportResult:
    year: int
    entity_name: str
    matched_by: str
    idi: float | None
    scores: int
    peer_count: int
    replaced: bool
    unknown_columns: tuple[str, ...] = ()
    sigep_code: str = ""
    form_type: str = ""
    sheet: str = ""
    remembered: bool = False  # the SIGEP code was stored in the entity profile
    # the scope the entity's own results mean («mipg» / «meci») when the profile says otherwise:
    scope_set: str = ""  # stored in the profile (``set_scope``)
    scope_offer: str = ""  # not stored: the window asks (the profile's scope was not by hand)
    scope_kept: str = ""  # not stored: the profile's scope was set by hand
    scope_no_profile: str = ""  # not stored: there is no entity profile to store it in


@dataclass(frozen=True)
class FuragFileEntities:
    """A results file's entities, for choosing one."""

    file_name: str
    entities: tuple[FuragEntity, ...]
    suggested: FuragEntity | None
    profile_name: str = ""
    profile_sigep: str = ""
    profile_version: int | None = None  # the profile's version as read (None: no profile)
    shown: tuple[FuragEntity, ...] = ()  # the order to show: the suggested, then the closest
    year: int | None = None  # the file's vigencia (None: not found in it)
    prior: PriorResult | None = None  # what that year already has

    def __post_init__(self) -> None:
        if not self.shown:
            object.__setattr__(self, "shown", self.entities)


class OtherEntity(ValidationError):
    """The chosen results are another entity's than the profile's (``profile_without_code``:
    the profile has no SIGEP code, so it may be the profile's entity named otherwise)."""

    def __init__(self, message: str, profile_without_code: bool) -> None:
        super().__init__(message)
        self.profile_without_code = profile_without_code


class YearHasResults(ValidationError):
    """The year already has results (``prior``)."""

    def __init__(self, prior: PriorResult) -> None:
        super().__init__(prior_text(prior) + "; " + _("no se guardó nada."))
        self.prior = prior


def _no_header(path: Path) -> ValidationError:
    return ValidationError(
        _(
            "No se importó {file}: ninguna hoja tiene, en sus primeras 30 filas, la columna "
            "«Índice de Desempeño Institucional» con «Entidad»."
        ).format(file=path.name)
    )


_CACHE: dict[tuple[str, int, int], FuragFile] = {}
_CACHE_LOCK = threading.Lock()


def _read(db: Database, path: Path, progress: Progress, keep: bool = False) -> FuragFile:
    """The file's result sheets. ``keep``: for the import that follows the listing of its
    entities (the same file, unchanged: same size and time), which then reads it only once."""
    stat = path.stat() if path.is_file() else None
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns) if stat else None
    with _CACHE_LOCK:
        cached = _CACHE.pop(key, None) if key else None
        _CACHE.clear()
    if cached is not None:
        found: FuragFile | None = cached
    else:
        with db.transaction() as session:
            names = catalog_names(session)
        found = read_file(path, names, progress)
    if found is None:
        raise _no_header(path)
    if keep and key:
        with _CACHE_LOCK:
            _CACHE[key] = found
    return found


def read_furag_entities(
    db: Database, path: str | Path, progress: Progress = NO_PROGRESS
) -> FuragFileEntities:
    """The entities of the file, with the profile's entity when it matches closely, and the
    closest names first."""
    path = Path(path)
    found = _read(db, path, progress, keep=True)
    entities = found.entities()
    year = found.year(found.sheets[0]) if found.sheets else None
    with db.transaction() as session:
        prior = prior_result(session, year) if year is not None else None
        profile = current_entity(session)
        if profile is None:
            return FuragFileEntities(path.name, tuple(entities), None, year=year, prior=prior)
        scored = ranked(entities, profile.name)
        chosen = suggest(entities, profile.name, profile.sigep_code, profile.city, scored)
        shown = [e for _s, e in scored]
        if chosen is not None:
            shown.remove(chosen)
            shown.insert(0, chosen)
        return FuragFileEntities(
            path.name,
            tuple(entities),
            chosen,
            profile.name,
            profile.sigep_code,
            profile.version,
            tuple(shown),
            year,
            prior,
        )


def _score(value: object, where: str, problems: list[str]) -> float | None:
    try:
        number = pv.parse_number(value)
    except pv.CellError as error:
        problems.append(f"{where}: {error}.")
        return None
    if number is not None and not 0 <= number <= 100:
        problems.append(
            _("{where}: {v} no es un puntaje entre 0 y 100.").format(where=where, v=number)
        )
    return number


def import_furag(
    db: Database,
    path: str | Path,
    entity: str | None = None,
    year: int | None = None,
    progress: Progress = NO_PROGRESS,
    *,
    profile_version: int | None = None,
    profile_sigep: str | None = None,
    picked: FuragEntity | None = None,
    other_entity: bool = False,
    replace: bool = False,
    ours: bool = False,
    set_scope: bool = False,
) -> FuragImportResult:
    """Import one entity's results for one year; see the module docstring.

    ``entity``: its SIGEP code or exact name (default: the profile's). ``picked``: instead,
    the row picked from :func:`read_furag_entities` (two rows of one name and no SIGEP code
    stay apart). ``profile_version`` and ``profile_sigep``: the profile as read when the
    entity was chosen (the window), so that remembering the SIGEP code never overwrites
    another person's change. ``other_entity``: import even if the entity is not the
    profile's; ``replace``: replace the year's results if it has some; ``ours``: the person
    says the entity is the profile's, its name written otherwise (heeded only when the profile
    has no SIGEP code, which is then filled in). ``set_scope``: when the entity's own results
    say MECI (or MIPG) and the profile says otherwise, store it in the profile (never over a
    scope set by hand); without it the result only offers it (``scope_offer``)."""
    from mipg_desktop.committees.common import unit_of_work

    path = Path(path)
    found = _read(db, path, progress)
    entities = found.entities()
    with unit_of_work(db) as session:
        profile = current_entity(session, lock=True)
        name = entity or (profile.name if profile else "")
        if not name and picked is None:
            raise ValidationError(
                _("Indique la entidad con --entity (código SIGEP o nombre); no se guardó nada."),
                [e.describe() for e in entities[:8]],
            )
        sigep = profile.sigep_code if profile and not entity else ""
        if picked is not None:
            chosen, how = _picked(entities, picked, path), "picked"
        else:
            chosen, how = choose_entity(entities, name, sigep)
        sheet = found.sheet(chosen.sheet)
        year = year or found.year(sheet)
        if year is None:
            raise ValidationError(
                _("No se encontró la vigencia en el archivo; indíquela con --year.")
            )
        other = (
            profile is not None
            and is_other_entity(chosen, profile.name, profile.sigep_code)
            and not (ours and not profile.sigep_code)
        )
        if other and profile is not None and not other_entity:
            raise OtherEntity(
                other_entity_text(chosen, profile.name, profile.sigep_code)
                + " "
                + _("No se guardó nada."),
                not profile.sigep_code,
            )
        result = _store(db, session, path, sheet, chosen, year, replace)
        remembered = not other and _remember(db, chosen.sigep_code, profile_version, profile_sigep)
        scope = {} if other else _scope_change(db, session, chosen.form_type, year, set_scope)
        return FuragImportResult(
            year,
            chosen.name,
            how,
            result.idi,
            len(result.scores),
            result.peer_count,
            result.replaced,
            tuple(sheet.layout.unknown),
            chosen.sigep_code,
            chosen.form_type,
            sheet.title,
            remembered,
            **scope,
        )


def _picked(entities: list[FuragEntity], picked: FuragEntity, path: Path) -> FuragEntity:
    """The picked row, as it is in the file now (refused if the file changed under it)."""
    if picked in entities:
        return picked
    raise ValidationError(
        _(
            "No se importó {file}: el archivo cambió después de leer sus entidades; "
            "vuelva a importarlo. No se guardó nada."
        ).format(file=path.name)
    )


def _remember(db: Database, code: str, version: int | None, base: str | None) -> bool:
    """Store the chosen entity's SIGEP code in a profile that has none (joining the import's
    transaction); a code the profile has is never changed here."""
    from mipg_desktop.entity_profile import get_entity, save_entity

    profile = get_entity(db)
    if profile is None or not code or profile.sigep_code:
        return False
    save_entity(
        db,
        expected_version=profile.version if version is None else version,
        base={"sigep_code": profile.sigep_code if base is None else base},
        sigep_code=code,
    )
    return True


def _scope_change(
    db: Database, session: Session, form_type: str, year: int, store: bool
) -> dict[str, str]:
    """What the results' «Tipo Formulario» means for the profile's scope (see the result)."""
    from mipg_desktop.audit import record
    from mipg_desktop.reporting_scope import SOURCE_MANUAL, scope_of_form

    scope = scope_of_form(form_type)
    entity = current_entity(session, lock=True)
    if scope is not None and entity is None:
        return {"scope_no_profile": scope}
    if scope is None or entity is None or entity.reporting_scope == scope:
        return {}
    if entity.reporting_scope_source == SOURCE_MANUAL:
        return {"scope_kept": scope}
    if not store:
        return {"scope_offer": scope}
    source = f"FURAG {year}"
    changes = {"reporting_scope": [entity.reporting_scope, scope], "source": ["", source]}
    entity.reporting_scope, entity.reporting_scope_source = scope, source
    session.flush()
    record(session, db.user_name, "update", "entities", entity.id, entity.name, changes)
    return {"scope_set": scope}


@dataclass(frozen=True)
class _Stored:
    idi: float | None
    scores: list[FuragScore]
    peer_count: int
    replaced: bool


def _store(
    db: Database,
    session: Session,
    path: Path,
    sheet: FuragSheet,
    chosen: FuragEntity,
    year: int,
    replace: bool,
) -> _Stored:
    layout, cells = sheet.layout, sheet.cells(chosen.row)
    problems: list[str] = []
    where = _("hoja «{sheet}», fila {row}, columna {col}")

    def score(col: int) -> float | None:
        place = where.format(sheet=sheet.title, row=chosen.row, col=letter(col))
        return _score(cells[col], place, problems)

    idi = score(layout.idi)
    values = [(col, kind, code, label, score(col)) for col, kind, code, label in layout.scores]
    if problems:
        raise ValidationError(
            _("No se importó {file}; no se guardó nada.").format(file=path.name), problems
        )
    averages, peers = peer_averages(sheet, chosen)
    prior = prior_result(session, year)
    if prior is not None and not replace:
        raise YearHasResults(prior)
    existing = session.scalar(select(FuragResult).where(FuragResult.year == year))
    if existing is not None:
        session.delete(existing)
        session.flush()
    result = FuragResult(
        year=year,
        entity_name=chosen.name[:300],
        sigep_code=chosen.sigep_code[:40],
        department=chosen.department[:120],
        municipality=chosen.municipality[:120],
        peer_group=chosen.peer_group[:120],
        form_type=chosen.form_type[:20],
        legal_nature=chosen.legal_nature[:200],
        organic_classification=chosen.organic_classification[:200],
        idi=idi,
        peer_idi=averages.get(layout.idi),
        peer_count=peers,
        source_file=path.name[:300],
    )
    # a blank cell is a measure the entity did not have (a MECI form has no policies)
    result.scores = [
        FuragScore(
            position=p, kind=k, code=c, label=lb[:300], score=s, peer_average=averages.get(col)
        )
        for p, (col, k, c, lb, s) in enumerate(v for v in values if v[4] is not None)
    ]
    session.add(result)
    session.flush()
    record(
        session,
        db.user_name,
        "update" if existing is not None else "create",
        "furag_results",
        result.id,
        f"FURAG {year}: {chosen.name}",
        {
            "idi": idi,
            "file": path.name,
            "sheet": sheet.title,
            "sigep": chosen.sigep_code,
            **(
                {
                    "replaced": {
                        "entity": prior.entity_name,
                        "sigep": prior.sigep_code,
                        "idi": prior.idi,
                    }
                }
                if prior is not None
                else {}
            ),
        },
    )
    return _Stored(idi, result.scores, peers, existing is not None)


__all__ = [
    "FuragFileEntities",
    "FuragImportResult",
    "FuragResultInfo",
    "OtherEntity",
    "ScoreInfo",
    "YearHasResults",
    "import_furag",
    "list_furag",
    "read_furag_entities",
    "weakest_policies",
]
