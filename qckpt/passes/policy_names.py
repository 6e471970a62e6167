"""The names of the checkpoint placement policies (``ckpt-insert{policy=...}``).

Kept apart from :mod:`qckpt.passes.insert_boundaries`, which imports xDSL, so
that the command line can list them without paying for that import."""

POLICIES = ("exact", "every", "interval", "annotated", "branches")
