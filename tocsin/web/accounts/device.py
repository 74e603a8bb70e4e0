"""The owner's device cookie: proof that this browser logged in as a user before.

A guesser who trips an account's backoff (:func:`tocsin.store.accounts.login`) must not
keep its owner out; a browser that carries a valid device cookie for the username skips
the wait. The cookie is signed with the session secret, names one user and is sent only
to ``/login``.
"""

from __future__ import annotations

from fastapi import Request, Response
from itsdangerous import BadSignature, TimestampSigner

DEVICE_COOKIE = "tocsin_device"
DEVICE_MAX_AGE = 180 * 24 * 3600


def _signer(request: Request) -> TimestampSigner:
    return TimestampSigner(request.app.state.settings.session_secret(), salt="tocsin-device")


def is_trusted(request: Request, username: str) -> bool:
    """True if the request carries a valid device cookie issued to ``username``."""
    cookie = request.cookies.get(DEVICE_COOKIE)
    if not cookie:
        return False
    try:
        value = _signer(request).unsign(cookie, max_age=DEVICE_MAX_AGE)
    except BadSignature:
        return False
    return value.decode() == username


def remember(request: Request, response: Response, username: str) -> None:
    """Mark this browser as a device ``username`` logged in from."""
    response.set_cookie(
        DEVICE_COOKIE,
        _signer(request).sign(username).decode(),
        max_age=DEVICE_MAX_AGE,
        path="/login",
        httponly=True,
        samesite="strict",
        secure=request.app.state.settings.https,
    )
