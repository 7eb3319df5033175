"""Export JSON Schemas of the YAML file kinds, for editors (``# yaml-language-server: $schema=``).

``schemas/<kind>.schema.json``: city, catalogue, company, compound, evaluation,
model_project, and one per disclosure item id. Output is deterministic (sorted keys).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.model.catalogue import Catalogue
from generator.model.city import City
from generator.model.company import Company
from generator.model.compound import Compound
from generator.model.items import ITEMS
from generator.model.evaluation import EvaluationSheet
from generator.model.model_project import ModelProject


def schema_models() -> dict[str, type[BaseModel]]:
    kinds: dict[str, type[BaseModel]] = {
        "city": City,
        "catalogue": Catalogue,
        "company": Company,
        "compound": Compound,
        "evaluation": EvaluationSheet,
        "model_project": ModelProject,
    }
    for item_id, spec in ITEMS.items():
        model = spec.file_model
        kinds[item_id] = model
    return kinds


def render_schema(kind: str, model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{kind}.yaml"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into ``out``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, model in schema_models().items():
        path = out / f"{kind}.schema.json"
        path.write_text(render_schema(kind, model), encoding="utf-8")
        written.append(path)
    return written
