"""Committee branch of the navigation tree: committee → year → session, each level lazy."""

from __future__ import annotations

from collections.abc import Sequence

from mipg_desktop.i18n import _
from mipg_desktop.storage.database import Database
from ui.formats import short_date
from ui.models.tree import Loader, TreeRow


def loaders(db: Database) -> dict[str, Loader]:
    # imported when a branch opens: the window shows before the ORM has loaded
    def committees(_row: TreeRow) -> Sequence[TreeRow]:
        from mipg_desktop.committees.views import list_committees

        return [
            TreeRow(
                "committee",
                c.id,
                c.short_name or c.name,
                has_children=c.session_count > 0,
                tooltip=_("{name}: {n} sesiones, {m} integrantes").format(
                    name=c.name, n=c.session_count, m=c.member_count
                ),
            )
            for c in list_committees(db)
        ]

    def years(row: TreeRow) -> Sequence[TreeRow]:
        from mipg_desktop.committees.views import list_sessions

        found = sorted({s.year for s in list_sessions(db, committee_id=row.key)}, reverse=True)
        return [TreeRow("year", (row.key, y), str(y), has_children=True) for y in found]

    def sessions(row: TreeRow) -> Sequence[TreeRow]:
        from mipg_desktop.committees.views import list_sessions

        committee_id, year = row.key
        return [
            TreeRow(
                "session",
                s.id,
                # short: number and date stay readable in a narrow tree (1024×600)
                _("No. {number:02d} · {date}").format(
                    number=s.number, date=short_date(s.session_date)
                ),
                tooltip=_("{title}: {kind}, {status}").format(
                    title=s.title, kind=s.kind_label, status=s.status_label
                ),
                detail=s.status,
            )
            for s in sorted(
                list_sessions(db, committee_id=committee_id, year=year), key=lambda s: s.number
            )
        ]

    return {"root_committees": committees, "committee": years, "year": sessions}
