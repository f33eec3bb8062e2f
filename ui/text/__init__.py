"""Text catalogs: one module per page (and `common`), each with ``EN`` and ``KO`` dicts."""
