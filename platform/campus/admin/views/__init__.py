"""The administration pages; their URL rules are in ``admin.blueprint``."""
