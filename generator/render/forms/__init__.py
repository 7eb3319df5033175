"""Forms clerks fill in, generated from the models (never kept by hand): Excel templates for
the tables (:mod:`.workbook`) and commented YAML files for the records (:mod:`.yaml_form`)."""
