"""Stage 3: derivations from the loaded data that are not checks: each compound x item's
status, the quarterly public-revenue summaries, city figures, version stamps and the
red/black lists (:mod:`generator.derive.rank`). Pure functions of the dataset and the as-of date."""
