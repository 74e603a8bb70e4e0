"""The web dashboard and REST API (FastAPI + Jinja2). Calls services; never imported by them."""
