"""FURAG results across years: the entity, a chart of the IDI and the dimensions against the
peer group, the scores by year with the policies' names, the weakest policies; importing a
results file for the entity picked from the file's list (:mod:`ui.furag_entity_dialog`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.entity_profile import EntityProfile, get_entity
from mipg_desktop.i18n import _
from mipg_desktop.planning.furag import (
    FuragFileEntities,
    FuragImportResult,
    FuragResultInfo,
    list_furag,
)
from mipg_desktop.planning.furag_entity import FuragEntity
from mipg_desktop.planning.furag_guard import other_entity as is_other_entity
from mipg_desktop.planning.furag_guard import other_entity_text, prior_text
from ui import file_dialogs
from ui.furag_chart import FuragChart
from ui.furag_entity_dialog import FuragEntityDialog, ask
from ui.models.table import Column, RowTableModel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class FuragRow:
    code: str
    label: str
    bold: bool
    scores: dict[int, float | None]
    peer: float | None


def _measures(history: list[FuragResultInfo], group: str) -> list[tuple[str, str]]:
    """(code, name) of every measure of ``group`` in any year: the latest year's order first,
    then what only older years have (a policy measured no more)."""
    seen: dict[str, str] = {}
    for result in reversed(history):
        for score in getattr(result, group):
            seen.setdefault(score.code, score.name or score.label)
    pairs = list(seen.items())
    return sorted(pairs) if group == "dimensions" else pairs


def pivot(history: list[FuragResultInfo]) -> list[FuragRow]:
    """One row per measure (IDI, D1–D7, each policy), one score per year."""
    if not history:
        return []
    latest = history[-1]
    rows = []
    if any(r.idi is not None for r in history):  # a MECI form has no IDI
        rows.append(
            FuragRow(
                "IDI",
                _("Índice de Desempeño Institucional"),
                True,
                {r.year: r.idi for r in history},
                latest.peer_idi,
            )
        )
    for group in ("dimensions", "policies"):
        for code, name in _measures(history, group):
            found = {
                r.year: next((s for s in getattr(r, group) if s.code == code), None)
                for r in history
            }
            label = f"{code} {name}" if group == "dimensions" else name
            newest = found[latest.year]
            peer = newest.peer_average if newest is not None else None
            scores = {year: s.score if s else None for year, s in found.items()}
            rows.append(FuragRow(code, label, group == "dimensions", scores, peer))
    return rows


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def _year_score(year: int, row: FuragRow) -> str:
    return _score(row.scores.get(year))


def furag_columns(years: list[int]) -> list[Column[FuragRow]]:
    """Medición, one column per year, and the peer group's average of the latest year."""
    columns = [
        Column[FuragRow](_("Medición"), lambda r: r.label, tooltip=lambda r: r.label),
    ]
    for year in years:
        columns.append(Column[FuragRow](str(year), partial(_year_score, year), alignment=RIGHT))
    columns.append(
        Column[FuragRow](
            _("Promedio grupo par {year}").format(year=years[-1])
            if years
            else _("Promedio grupo par"),
            lambda r: _score(r.peer),
            alignment=RIGHT,
            foreground=lambda r: QColor("#555555"),
        )
    )
    return columns


def _as_entity(result: FuragResultInfo) -> FuragEntity:
    return FuragEntity("", 0, result.entity_name, result.sigep_code)


def describe(
    result: FuragResultInfo,
    profile: EntityProfile | None = None,
    history: list[FuragResultInfo] | None = None,
) -> str:
    """The entity: the profile's name and its SIGEP code as they are now (else the latest
    result's), then the latest result's place, form and peer group; and the years whose
    results are another entity's."""
    if profile is not None and profile.name:
        name, code = profile.name, profile.sigep_code
    else:
        name, code = result.entity_name, result.sigep_code
    parts = [f"<b>{escape(name)}</b>"]
    parts.append(
        _("código SIGEP {code}").format(code=escape(code)) if code else _("sin código SIGEP")
    )
    place = ", ".join(p for p in (result.municipality, result.department) if p)
    if place:
        parts.append(escape(place))
    if result.form_type:
        parts.append(_("formulario {form}").format(form=escape(result.form_type)))
    if result.legal_nature:
        parts.append(escape(result.legal_nature))
    if result.peer_group:
        parts.append(
            _("{group} ({n} entidades)").format(
                group=escape(result.peer_group), n=result.peer_count
            )
        )
    text = " · ".join(parts)
    if profile is not None:
        others = [
            _("{year}: «{name}»").format(year=r.year, name=escape(r.entity_name))
            + (f" (SIGEP {escape(r.sigep_code)})" if r.sigep_code else "")
            for r in history or [result]
            if is_other_entity(_as_entity(r), profile.name, profile.sigep_code)
        ]
        if others:
            text += "<br>" + _("Resultados de otra entidad: {list}.").format(list="; ".join(others))
    return text


class FuragView(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("furagView")
        self.setAccessibleName(_("Resultados FURAG"))
        title = QLabel(_("Resultados FURAG por vigencia"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.entity = QLabel(self)
        self.entity.setObjectName("furagEntity")
        self.entity.setWordWrap(True)
        self.entity.setTextFormat(Qt.TextFormat.RichText)
        self.weakest = QLabel(self)
        self.weakest.setObjectName("weakestPolicies")
        self.weakest.setWordWrap(True)
        self.chart = FuragChart(self)
        self.model: RowTableModel[FuragRow] = RowTableModel(furag_columns([]), self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setObjectName("furagTable")
        self.table.setAccessibleName(_("Puntajes FURAG por año"))
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.import_button = QPushButton(_("&Importar resultados FURAG…"), self)
        self.import_button.setObjectName("furagImport")
        self.import_button.clicked.connect(lambda: self.import_file())
        self.entity_dialog: FuragEntityDialog | None = None
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.import_button)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.entity)
        layout.addWidget(self.weakest)
        layout.addWidget(self.splitter, 1)
        self.filler = QWidget(self)  # holds the space while there is nothing to show
        layout.addWidget(self.filler, 1)

    def load(self) -> None:
        db = self.window_.db
        self.window_.runner.run(lambda: (list_furag(db), get_entity(db)), self._show)

    def _show(self, loaded: tuple[list[FuragResultInfo], EntityProfile | None]) -> None:
        history, profile = loaded
        years = [r.year for r in history]
        self.model.columns = furag_columns(years)
        self.model.set_rows(pivot(history))
        self.chart.set_history(history)
        self.splitter.setVisible(bool(history))
        self.filler.setVisible(not history)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if not history:
            self.entity.setText("")
            self.entity.hide()
            self.weakest.setText(
                _(
                    "Aún no hay resultados FURAG importados. Importe el archivo de resultados "
                    "que publica Función Pública (Resultados_vigAAAA_nacion.xlsx o "
                    "…_territorio.xlsx) y elija su entidad en la lista."
                )
            )
            return
        latest = history[-1]
        self.entity.setText(describe(latest, profile, history))
        self.entity.show()
        weakest = sorted(
            (p for p in latest.policies if p.score is not None), key=lambda p: (p.score, p.code)
        )[:5]
        self.weakest.setText(
            _("Políticas más débiles en {year}: {list}").format(
                year=latest.year,
                list="; ".join(f"{p.name or p.label} ({_score(p.score)})" for p in weakest),
            )
            if weakest
            else _("El formulario de {year} no mide políticas.").format(year=latest.year)
        )

    # -- importing: the file's entities, the person's choice, then one import call --------
    def import_file(self, path: Path | None = None, year: int | None = None) -> Any:
        from mipg_desktop.planning.furag import read_furag_entities

        if path is None:
            from mipg_desktop.planning.sheet_formats import OPEN_PATTERNS
            from ui.exports import in_documents

            chosen, _f = file_dialogs.get_open_file_name(
                self,
                _("Importar resultados FURAG"),
                in_documents(),
                _("Hojas de cálculo ({patterns})").format(patterns=OPEN_PATTERNS),
            )
            if not chosen:
                return None
            path = Path(chosen)
        db = self.window_.db
        target = path
        return self.window_.runner.run_with_progress(
            _("Leyendo las entidades del archivo FURAG…"),
            lambda progress: read_furag_entities(db, target, progress),
            lambda listed: self._choose(target, listed, year),
        )

    def _choose(self, path: Path, listed: FuragFileEntities, year: int | None) -> None:
        dialog = FuragEntityDialog(self, listed)
        dialog.chosen_entity.connect(lambda entity: self._confirm(path, listed, entity, year))
        dialog.finished.connect(dialog.deleteLater)
        self.entity_dialog = dialog
        dialog.open()

    def _confirm(
        self, path: Path, listed: FuragFileEntities, entity: FuragEntity, year: int | None
    ) -> Any:
        """Ask before importing another entity's results or replacing a year's; then import."""
        other = is_other_entity(entity, listed.profile_name, listed.profile_sigep)
        ours = False
        if other:
            answer = self._ask_other(listed, entity)
            if answer == "furagOtherCancel":
                return None
            ours = answer == "furagOtherOurs"
        prior = listed.prior if year is None or year == listed.year else None
        if (
            prior is not None
            and ask(
                self,
                "furagReplaceBox",
                prior_text(prior) + "; " + _("¿reemplazarlos?"),
                _(
                    "Se reemplazan por los de «{entity}» de este archivo; el cambio queda en la "
                    "auditoría."
                ).format(entity=entity.name),
                [(_("&Reemplazar"), "furagReplace")],
                (_("&No reemplazar"), "furagKeep"),
            )
            != "furagReplace"
        ):
            return None
        return self._import(path, listed, entity, year, (other, prior is not None, ours))

    def _ask_other(self, listed: FuragFileEntities, entity: FuragEntity) -> str:
        """Another entity's results: import them anyway, or (a profile without a SIGEP code)
        say they are the profile's, named otherwise; the answer's objectName."""
        answers = [(_("&Importar de todos modos"), "furagOtherImport")]
        detail = _("El perfil de la entidad no cambia.")
        if not listed.profile_sigep and entity.sigep_code:
            answers.insert(
                0, (_("&Es la mía: importar y guardar su código SIGEP"), "furagOtherOurs")
            )
            detail = _(
                "Si es la suya con otro nombre, su código SIGEP {code} se guarda en el perfil, "
                "que no tiene; si es otra, importe sin cambiar el perfil."
            ).format(code=entity.sigep_code)
        return ask(
            self,
            "furagOtherEntityBox",
            other_entity_text(entity, listed.profile_name, listed.profile_sigep)
            + " "
            + _("¿Importarlos de todos modos?"),
            detail,
            answers,
            (_("&No importar"), "furagOtherCancel"),
        )

    def _offer_scope(self, result: FuragImportResult, listed: FuragFileEntities) -> None:
        """The entity's own results say MECI (or MIPG) and the profile says otherwise: ask."""
        from mipg_desktop.reporting_scope import scope_label, set_reporting_scope
        from mipg_desktop.scopes import entity_scope

        scope, year = result.scope_offer, result.year
        answer = ask(
            self,
            "furagScopeBox",
            _(
                "El formulario FURAG {year} de la entidad es {form}. ¿Cambiar el perfil a "
                "«{scope}»?"
            ).format(year=year, form=result.form_type, scope=scope_label(scope)),
            _(
                "Una entidad que reporta solo MECI no ve por defecto el Comité Institucional de "
                "Gestión y Desempeño ni los planes del Decreto 612; se puede cambiar en el "
                "perfil de la entidad."
            ),
            [(_("&Cambiar el perfil"), "furagScopeSet")],
            (_("&Dejarlo como está"), "furagScopeKeep"),
        )
        if answer != "furagScopeSet":
            return
        db, was = self.window_.db, "meci" if scope == "mipg" else "mipg"
        version = listed.profile_version or 0
        self.window_.ops.run(
            _("Cambiar lo que reporta la entidad"),
            entity_scope(),
            lambda: set_reporting_scope(
                db, scope, expected_version=version, source=f"FURAG {year}", was=was
            ),
            lambda _profile: self.window_.refresh(),
        )

    def _import(
        self,
        path: Path,
        listed: FuragFileEntities,
        entity: FuragEntity,
        year: int | None,
        asked: tuple[bool, bool, bool],  # other entity, replace, ours: as answered
    ) -> Any:
        from mipg_desktop.planning.furag import import_furag

        db = self.window_.db

        def done(result: FuragImportResult) -> None:
            message = _("Resultados FURAG {year} importados para {entity}.").format(
                year=result.year, entity=result.entity_name
            )
            if result.remembered:
                message += " " + _(
                    "Se guardó su código SIGEP {code} en el perfil de la entidad."
                ).format(code=result.sigep_code)
            if result.scope_no_profile == "meci":
                message += " " + _(
                    "El formulario FURAG de la entidad es MECI, pero la base no tiene perfil de "
                    "entidad: regístrelo y marque «La entidad reporta solo MECI»."
                )
            if result.unknown_columns:
                message += " " + _("Columnas ignoradas: {cols}.").format(
                    cols=", ".join(result.unknown_columns)
                )
            self.window_.statusBar().showMessage(message, 10_000)
            self.load()
            if result.scope_offer:
                self._offer_scope(result, listed)

        return self.window_.runner.run_with_progress(
            _("Importando resultados FURAG…"),
            lambda progress: import_furag(
                db,
                path,
                year=year,
                progress=progress,
                profile_version=listed.profile_version,
                profile_sigep=listed.profile_sigep,
                picked=entity,
                other_entity=asked[0],
                replace=asked[1],
                ours=asked[2],
            ),
            done,
        )
