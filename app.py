"""Entry point for ``flask --app app`` and gunicorn (``gunicorn app:app``)."""

from campus import create_app

app = create_app()
