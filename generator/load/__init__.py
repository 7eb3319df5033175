"""Read the data folder into validated records, reporting a finding for every bad input.

:mod:`.dataset` walks the folder (:func:`~generator.load.dataset.load`); :mod:`.records` holds
the record types it fills; :mod:`.reader` reads one YAML file or table; tables of every form
(CSV, text, workbooks: :mod:`.csvfile`, :mod:`.xlsxfile`) go through one tabulation
(:mod:`.rawtable`); :mod:`.limits` and :mod:`.photos` refuse what is too big, outside the
folder or unsafe; :mod:`.history` reads the data's git history. Nothing here writes.
"""
