"""Demo part: the entity and its document-control settings."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mipg_desktop.audit import record
from mipg_desktop.models.entity import DocumentControl, Entity

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.demo import DemoContext


def build(session: Session, context: DemoContext) -> None:
    entity = Entity(
        name="Instituto Departamental de Cultura y Turismo",
        nit="891.800.123-4",
        city="Tunja",
        department="Boyacá",
        sigep_code="1234",
        address="Calle 20 No. 9-90, Tunja",
        order="Territorial",
    )
    entity.document_controls = [
        DocumentControl(
            document_kind="default",
            process="Direccionamiento Estratégico y Planeación",
            code="DE-F-01",
            version="03",
            valid_from=date(context.first_year, 1, 15),
            show_uncontrolled_copy=True,
            uncontrolled_copy_legend="Copia no controlada",
            prepared_by="Secretaría Técnica del Comité",
            reviewed_by="Jefe Oficina Asesora de Planeación",
            approved_by="Comité Institucional de Gestión y Desempeño",
        ),
        DocumentControl(
            document_kind="minutes",
            process="Direccionamiento Estratégico y Planeación",
            code="DE-F-04",
            version="05",
            valid_from=date(context.first_year, 1, 15),
            show_uncontrolled_copy=True,
        ),
    ]
    session.add(entity)
    session.flush()
    record(session, context.user_name, "create", "entities", entity.id, entity.name)
    context.data["entity_id"] = entity.id
