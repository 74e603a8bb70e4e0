"""One small registry for every kind of plug-in (forecast model, data importer,
alert signal, tagger, ...).

Each kind defines its own abstract interface; concrete plug-ins declare a unique
``name`` and a pydantic ``Settings`` model (which refuses unknown keys) and register
themselves with the kind's :class:`Registry`. Shared conformance tests iterate over
``registry.names()`` so every plug-in of a kind passes the same checks.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict


class PluginSettings(BaseModel):
    """Base for a plug-in's own settings: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Plugin:
    """Base class for plug-ins: a unique name, a one-line summary, declared settings."""

    name: ClassVar[str]
    summary: ClassVar[str] = ""
    Settings: ClassVar[type[PluginSettings]] = PluginSettings

    def __init__(self, settings: PluginSettings | None = None) -> None:
        self.settings = settings if settings is not None else self.Settings()


P = TypeVar("P", bound=type[Plugin])


class UnknownPluginError(KeyError):
    """No plug-in of that name; the message suggests the closest names."""

    def __str__(self) -> str:  # KeyError quotes its argument; show the message as is
        return str(self.args[0])


class Registry(Generic[P]):
    """Named plug-ins of one kind."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, P] = {}

    def register(self, cls: P) -> P:
        """Class decorator: add ``cls`` under ``cls.name``."""
        name = cls.name
        if name in self._items and self._items[name] is not cls:
            raise ValueError(f"{self.kind} plug-in {name!r} is registered twice")
        self._items[name] = cls
        return cls

    def get(self, name: str) -> P:
        """Return the plug-in called ``name`` or raise with close matches."""
        try:
            return self._items[name]
        except KeyError:
            close = difflib.get_close_matches(name, self._items, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            known = ", ".join(sorted(self._items)) or "none"
            raise UnknownPluginError(
                f"unknown {self.kind} {name!r}{hint} (known: {known})"
            ) from None

    def names(self) -> list[str]:
        """Names of all registered plug-ins, sorted."""
        return sorted(self._items)

    def items(self) -> list[tuple[str, P]]:
        """(name, class) pairs, sorted by name."""
        return sorted(self._items.items())

    def create(self, name: str, **settings: object) -> Plugin:
        """Instantiate a plug-in with validated settings."""
        cls = self.get(name)
        factory: Callable[..., Plugin] = cls
        return factory(cls.Settings.model_validate(settings))
