"""Routers. Each capability adds a module exposing ``router`` and lists it in ROUTER_MODULES."""

ROUTER_MODULES: list[str] = [
    "dashboard",
    "panel",
    "api",
    "accounts",
    "alerts",
    "framework",
    "notifications",
    "violence",
    "intake",
    "speech",
]
