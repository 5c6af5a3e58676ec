"""«Inicio»: what is pending, each entry one click from where the work is.

One read (:func:`mipg_desktop.home.pending_work`) on the worker; an entry opens the session
on the tab that needs it, the commitment in the tracker, the plan. A database with nothing
recorded yet shows the first steps (the welcome panel) instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from mipg_desktop.home import (
    LACKS_AGENDA,
    LACKS_CONVOCATION,
    LACKS_QUORUM,
    NextSession,
    OverdueCommitment,
    PendingWork,
    PlanDue,
    SessionRef,
)
from mipg_desktop.i18n import _, ngettext
from ui import places
from ui.formats import long_date, short_date

if TYPE_CHECKING:
    from ui.main_window import MainWindow

REPEAT_S = 0.8  # a second activation of the same entry within this is the same click


@dataclass(frozen=True)
class Entry:
    text: str
    open: Callable[[], None] | None  # None: a line that only informs
    tooltip: str = ""


def today() -> date:
    return date.today()


def _read(db: Any) -> PendingWork:
    from mipg_desktop.home import pending_work

    return pending_work(db, today())


class HomeView(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.work: PendingWork | None = None
        self.setObjectName("homeView")
        self.setAccessibleName(_("Inicio: lo pendiente"))
        self.title = QLabel(_("Lo pendiente"), self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("homeSummary")
        self.summary.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("homeList")
        self.list.setAccessibleName(_("Trabajo pendiente"))
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.list.setUniformRowHeights(False)
        self.list.itemClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        # entries stay on the Python side, found by position (see ui.search_panel)
        self.entries: list[list[Entry]] = []
        self._last_open: tuple[int, int, float] = (-1, -1, 0.0)

    def load(self) -> None:
        db = self.window_.db
        self.window_.runner.run(lambda: _read(db), self.show_work)

    def show_work(self, work: PendingWork) -> None:
        self.work = work
        window = self.window_
        if work.is_empty and window.editors.currentWidget() is self:
            window.show_editor(window.welcome)  # the first steps
            return
        self.summary.setText(self._summary(work))
        sections = [
            (_("Próximas sesiones"), [self._next(n) for n in work.next_sessions]),
            (_("Actas por aprobar"), [self._draft(s) for s in work.draft_actas]),
            (_("Compromisos vencidos"), self._overdue(work)),
            (
                _("Planes con seguimiento trimestral pendiente"),
                [self._plan(p) for p in work.plans_due],
            ),
        ]
        if work.reporting_scope == "meci":  # what a MECI entity has: its FURAG MECI results
            sections.append((_("Control interno (MECI)"), self._meci(work)))
        self.list.clear()
        self.entries = []
        self._last_open = (-1, -1, 0.0)
        bold = QFont(self.list.font())
        bold.setBold(True)
        for heading, entries in sections:
            count = sum(1 for e in entries if e.open is not None)
            top = QTreeWidgetItem([f"{heading} ({count})"])
            top.setFont(0, bold)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addTopLevelItem(top)
            shown = entries or [Entry(_("Nada pendiente."), None)]
            for entry in shown:
                child = QTreeWidgetItem([entry.text])
                child.setToolTip(0, entry.tooltip or entry.text)
                if entry.open is None:
                    child.setFlags(Qt.ItemFlag.ItemIsEnabled)
                top.addChild(child)
            self.entries.append(shown)
        self.list.expandAll()

    def _meci(self, work: PendingWork) -> list[Entry]:
        from ui.navigation import ROOT_FURAG

        def open_furag() -> None:
            self.window_.reveal((ROOT_FURAG, None))

        lines = [Entry(_("La entidad reporta solo MECI (control interno)."), None)]
        latest = work.furag_latest
        if latest is not None:
            score = latest.control_score if latest.idi is None else latest.idi
            lines.append(
                Entry(
                    _("FURAG {year} (formulario {form}): {score}").format(
                        year=latest.year,
                        form=latest.form_type or "—",
                        score="—" if score is None else f"{score:.1f}",
                    ),
                    open_furag,
                )
            )
        return lines

    def _summary(self, work: PendingWork) -> str:
        if work.nothing_pending:
            return _("Hoy, {day}: nada pendiente. Todo está al día.").format(
                day=long_date(work.today)
            )
        return _("Hoy, {day}. Haga clic en un elemento para ir a donde está el trabajo.").format(
            day=long_date(work.today)
        )

    # -- entries ----------------------------------------------------------------------------
    def _session_text(self, ref: SessionRef) -> str:
        return _("{title} · {committee} · {date}").format(
            title=ref.title, committee=ref.committee_name, date=short_date(ref.session_date)
        )

    def _next(self, item: NextSession) -> Entry:
        ref = item.session
        if item.lacks:
            state = _("falta: {what}").format(what=", ".join(item.lack_labels))
        else:
            state = _("lista: convocada y con orden del día")
        tab = places.TAB_AGENDA
        if LACKS_CONVOCATION not in item.lacks and LACKS_AGENDA not in item.lacks:
            tab = places.TAB_ATTENDANCE if LACKS_QUORUM in item.lacks else places.TAB_AGENDA
        return Entry(
            f"{self._session_text(ref)} — {state}",
            lambda: self._open_session(ref, tab),
            _("{text}. Se abre en «{tab}».").format(text=ref.status_label, tab=_tab_label(tab)),
        )

    def _draft(self, ref: SessionRef) -> Entry:
        return Entry(
            f"{self._session_text(ref)} — {ref.status_label}",
            lambda: self._open_session(ref, places.TAB_MINUTES),
        )

    def _overdue(self, work: PendingWork) -> list[Entry]:
        entries = [self._commitment(c) for c in work.overdue]
        hidden = work.overdue_total - len(work.overdue)
        if hidden > 0:
            entries.append(
                Entry(
                    _("… y {n} más en «Seguimiento de compromisos»").format(n=hidden),
                    lambda: places.open_commitment(self.window_, None),
                )
            )
        return entries

    def _commitment(self, item: OverdueCommitment) -> Entry:
        text = item.text if len(item.text) <= 90 else item.text[:89] + "…"
        return Entry(
            # the committee first: two committees' commitments may read alike, and the end
            # of a long line is cut on a small screen
            _("{committee} · {text} · {owner} · venció el {due} ({days}) · {session}").format(
                committee=item.session.committee_name,
                text=text,
                owner=item.owner or _("sin responsable"),
                due=short_date(item.due_date),
                days=ngettext("{n} día", "{n} días", item.days_late).format(n=item.days_late),
                session=_("{title} · {date}").format(
                    title=item.session.title, date=short_date(item.session.session_date)
                ),
            ),
            lambda: places.open_commitment(self.window_, item.commitment_id),
            item.text,
        )

    def _plan(self, plan: PlanDue) -> Entry:
        return Entry(
            _("{name} {year} · trimestre {q}: {missing} de {total} actividades sin avance").format(
                name=plan.name,
                year=plan.year,
                q=plan.quarter,
                missing=plan.missing,
                total=plan.activities,
            ),
            lambda: places.open_plan(self.window_, plan.year, plan.plan_id),
        )

    def _open_session(self, ref: SessionRef, tab: str) -> None:
        places.open_session(self.window_, ref.committee_id, ref.year, ref.session_id, tab)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        parent = item.parent()
        if parent is None:
            return
        section = self.list.indexOfTopLevelItem(parent)
        number = parent.indexOfChild(item)
        if not (0 <= section < len(self.entries) and 0 <= number < len(self.entries[section])):
            return
        now = time.monotonic()
        if self._last_open[:2] == (section, number) and now - self._last_open[2] < REPEAT_S:
            return  # the click and the activation of one double click: opened once
        self._last_open = (section, number, now)
        action = self.entries[section][number].open
        if action is not None:
            action()


def _tab_label(tab: str) -> str:
    return {
        places.TAB_AGENDA: _("Orden del día"),
        places.TAB_ATTENDANCE: _("Asistencia y quórum"),
        places.TAB_MINUTES: _("Acta"),
    }.get(tab, tab)


def show_home(window: MainWindow) -> HomeView:
    """The home view, read again."""
    view = window.cached_editor(("home", None), lambda: HomeView(window))
    assert isinstance(view, HomeView)
    window.show_editor(view)
    view.load()
    return view
