"""Benchmark: importing a generated 10,000-row plan against openpyxl reading it alone.

    .venv/bin/python benchmarks/bench_plan_import.py [--rows 10000] [--runs 7]

Both are timed in the same run on the same file, alternately: the whole import service
(format detection and safety checks, header search, reading with python-calamine, parsing,
validation, bulk insert and commit into a fresh SQLite database) and openpyxl in read-only
mode iterating every row's values. Prints the medians of wall-clock and of CPU time, the ratio
of the medians and the median of the per-run ratios (target ≤ 0.5, on the paired wall-clock
ratio). On a machine shared with other work both swing from run to run (CPU time too: a busy
sibling hyperthread slows every instruction); the paired per-run ratio is the steadiest. The
file is written like Excel writes one (shared strings and a ``<dimension>``; without it
openpyxl would parse the sheet twice and flatter the ratio).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PLAN_TYPES = [
    "PINAR",
    "Plan Anual de Adquisiciones",
    "Plan Anual de Vacantes",
    "Plan de Previsión de Recursos Humanos",
    "Plan Estratégico de Talento Humano",
    "Plan Institucional de Capacitación",
    "Plan de Incentivos Institucionales",
    "Plan de Trabajo Anual en SST",
    "Plan Anticorrupción y de Atención al Ciudadano",
    "PETI",
    "Plan de Tratamiento de Riesgos de Seguridad y Privacidad de la Información",
    "Plan de Seguridad y Privacidad de la Información",
]
VERBS = ["Actualizar", "Publicar", "Ejecutar", "Realizar", "Implementar", "Medir", "Aplicar"]
OBJECTS = [
    "las tablas de retención documental",
    "el plan anual de adquisiciones en el SECOP II",
    "el plan institucional de capacitación",
    "la audiencia pública de rendición de cuentas",
    "la sede electrónica de trámites",
    "la satisfacción de la ciudadanía atendida",
    "el mapa de riesgos de corrupción",
]
UNITS = ["Oficina Asesora de Planeación", "Secretaría General", "Talento Humano", "Sistemas"]
POLICIES = ["Talento Humano", "Integridad", "Planeación Institucional", "Gobierno Digital"]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """A plan like the entities' (title rows, 612 columns, quarters) with ``rows`` activities."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook()  # not write-only: like Excel, it writes <dimension> and shared strings
    ws = wb.active
    assert ws is not None
    ws.title = "POA 2026"
    ws.append(["INSTITUTO DEPARTAMENTAL DE CULTURA Y TURISMO"])
    ws.append(["Plan de Acción Institucional 2026 — seguimiento trimestral"])
    ws.append([])
    header = ["Dependencia", "Objetivo Estratégico", "Proceso", *PLAN_TYPES, "No.", "Actividad"]
    header += ["Meta Plan Operativo Anual", "Unidad de Medida", "Nombre del indicador"]
    header += ["Tipo de indicador", "Responsable", "Ponderación", "Fecha inicial", "Fecha final"]
    header += [f"Avance Trimestre {r}" for r in ("I", "II", "III", "IV")]
    header += ["Evidencias Trimestre I", "Política MIPG", "Observaciones"]
    ws.append(header)
    for n in range(1, rows + 1):
        start = date(2026, 1, 1) + timedelta(days=rng.randrange(200))
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({n})"
        marks = ["Si" if rng.random() < 0.15 else "N/A" for _ in PLAN_TYPES]
        q1 = rng.choice([0.0, 0.25, 0.5])
        head = [rng.choice(UNITS), "Fortalecer la gestión institucional", "Direccionamiento"]
        activity = [n, text, rng.randint(1, 12), "Documento", f"{text} (cumplimiento)"]
        owner = ["Eficacia", "Profesional especializado", 1 / rows]
        dates = [start, start + timedelta(days=120)]
        follow_up = [q1, min(1.0, q1 + 0.25), None, None, f"Acta de comité {n:05d}"]
        ws.append([*head, *marks, *activity, *owner, *dates, *follow_up, rng.choice(POLICIES), "—"])
    wb.save(path)


def read_alone(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    count = 0
    for _row in wb.worksheets[0].iter_rows(values_only=True):
        count += 1
    wb.close()
    return count


def _timed(work: Callable[[], object]) -> tuple[float, float, object]:
    """Wall-clock and CPU seconds of ``work()``, and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _import(path: Path, target: Path) -> int:
    from mipg_desktop.planning.plan_import import import_plan
    from mipg_desktop.storage.database import open_database

    db = open_database(target)  # a fresh, migrated database, made before the clock starts
    try:
        wall, cpu, result = _timed(lambda: import_plan(db, path))
    finally:
        db.close()
    _import.last = (wall, cpu)  # type: ignore[attr-defined]
    return int(getattr(result, "activity_count", 0))


def _report(label: str, reads: list[float], imports: list[float]) -> float:
    read, full = statistics.median(reads), statistics.median(imports)
    paired = statistics.median(i / r for i, r in zip(imports, reads, strict=True))
    print(
        f"{label}: openpyxl solo lectura {read:.3f} s, importación completa {full:.3f} s, "
        f"razón de medianas {full / read:.2f}x, mediana de razones por corrida {paired:.2f}x"
    )
    return paired


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "plan.xlsx"
        generate(path, args.rows)
        print(
            f"archivo: {args.rows} filas, {path.stat().st_size / 1e6:.2f} MB, {args.runs} corridas"
        )
        walls: tuple[list[float], list[float]] = ([], [])
        cpus: tuple[list[float], list[float]] = ([], [])
        for run in range(args.runs):
            wall, cpu, count = _timed(lambda: read_alone(path))
            assert count == args.rows + 4, count
            walls[0].append(wall)
            cpus[0].append(cpu)
            assert _import(path, folder / f"bench-{run}.sqlite") == args.rows
            walls[1].append(_import.last[0])  # type: ignore[attr-defined]
            cpus[1].append(_import.last[1])  # type: ignore[attr-defined]
        ratio = _report("reloj", *walls)
        _report("CPU  ", *cpus)
        print(f"razón (mediana de razones por corrida, reloj): {ratio:.2f}x (meta ≤ 0.5x)")


if __name__ == "__main__":
    main()
