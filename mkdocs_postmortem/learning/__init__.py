"""Learning across incidents: similar incidents and repeats, themes, and whether
promised actions got done. Computed from the handbook's models, once per
build; the views and the JSON read the results."""
