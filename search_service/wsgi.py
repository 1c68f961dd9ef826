"""The WSGI entry point for production servers: `gunicorn -w 2 search_service.wsgi:app`.

Settings come from FOKUS_* environment variables and the FOKUS_SETTINGS file."""

from . import create_app

app = create_app()
