"""The data model: pydantic v2 classes are the single source of truth for every record.

Each YAML file kind and each CSV table has one model here; JSON Schemas for editors are
exported from them (:mod:`generator.model.schema`), and the staff data guide documents them.
"""
