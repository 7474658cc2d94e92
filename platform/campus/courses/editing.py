"""Editing pages of course modules for responsible lecturers (lessons, versions, assets, editions)."""
