"""Stage 1: read the data folder into validated models, reporting findings for bad input."""
