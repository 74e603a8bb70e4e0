"""ASGI entry point for running under an external server: ``uvicorn tocsin.web.asgi:app``.

Settings come from the environment (``TOCSIN_*``) or ``$TOCSIN_CONFIG``. Importing this
module is starting a server, so it keeps client addresses out of uvicorn's log from the
first request (:func:`tocsin.web.intake.logfilter.install_log_filter`).
"""

from tocsin.web.app import create_app
from tocsin.web.intake.logfilter import install_log_filter

install_log_filter()
app = create_app()
