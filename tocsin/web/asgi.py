"""ASGI entry point for running under an external server: ``uvicorn tocsin.web.asgi:app``.

Settings come from the environment (``TOCSIN_*``) or ``$TOCSIN_CONFIG``.
"""

from tocsin.web.app import create_app

app = create_app()
