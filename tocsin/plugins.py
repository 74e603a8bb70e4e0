"""One small registry for every kind of plug-in (forecast model, data importer,
alert signal, tagger, ...).

Each kind defines its own abstract interface on :class:`Plugin`; concrete plug-ins
declare a unique ``name``, a one-line ``summary`` and a pydantic ``Settings`` model
(which refuses unknown keys, and gives each field a description, ``Literal`` choices
or numeric bounds) and register themselves with the kind's :class:`Registry`.
:func:`load_builtin_plugins` imports every built-in plug-in module once, so each
registry is complete wherever it is used. Shared conformance tests iterate over
``registry.names()`` so every plug-in of a kind passes the same checks.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import typing
from abc import ABC
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

import annotated_types
from pydantic import BaseModel, ConfigDict
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

# Modules that register Tocsin's built-in plug-ins, imported by name so that this core
# module does not import the layers above it.
BUILTIN_PLUGIN_MODULES: tuple[str, ...] = (
    "tocsin.sources.importers.formats",
    "tocsin.analysis.forecast.ewp_enet",
    "tocsin.analysis.forecast.tocsin_enet",
    "tocsin.analysis.framework.suggest",
    "tocsin.analysis.speech.classifier",
    "tocsin.analysis.speech.encoder",
    "tocsin.analysis.speech.posts",
    "tocsin.alerts.assessment_raised",
    "tocsin.alerts.rank_jump",
    "tocsin.alerts.speech_surge",
    "tocsin.alerts.submission_cluster",
    "tocsin.alerts.surge",
    "tocsin.alerts.yearly",
)


class PluginSettings(BaseModel):
    """Base for a plug-in's own settings: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Plugin(ABC):
    """Base class for plug-ins: a unique name, a one-line summary, declared settings.

    Kinds mark their interface with ``@abstractmethod``; a plug-in that leaves one
    unimplemented cannot be instantiated or registered.
    """

    name: ClassVar[str]
    summary: ClassVar[str] = ""
    Settings: ClassVar[type[PluginSettings]] = PluginSettings

    def __init__(self, settings: PluginSettings | None = None) -> None:
        self.settings = settings if settings is not None else self.Settings()


P = TypeVar("P", bound=Plugin)


class UnknownPluginError(KeyError):
    """No plug-in of that name; the message suggests the closest names."""

    def __str__(self) -> str:  # KeyError quotes its argument; show the message as is
        return str(self.args[0])


class Registry(Generic[P]):
    """Named plug-ins of one kind."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, type[P]] = {}
        if kind in KINDS:
            raise ValueError(f"plug-in kind {kind!r} is defined twice")
        KINDS[kind] = self

    def register(self, cls: type[P]) -> type[P]:
        """Class decorator: add ``cls`` under ``cls.name``."""
        name = getattr(cls, "name", None)
        if not isinstance(name, str) or not name:
            raise TypeError(f"{self.kind} plug-in {cls.__name__} sets no name")
        if inspect.isabstract(cls):
            missing = ", ".join(sorted(getattr(cls, "__abstractmethods__", ())))
            raise TypeError(f"{self.kind} plug-in {name!r} does not implement {missing}")
        if name in self._items and self._items[name] is not cls:
            raise ValueError(f"{self.kind} plug-in {name!r} is registered twice")
        self._items[name] = cls
        return cls

    def get(self, name: str) -> type[P]:
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

    def items(self) -> list[tuple[str, type[P]]]:
        """(name, class) pairs, sorted by name."""
        return sorted(self._items.items())

    def create(self, name: str, **settings: object) -> P:
        """Instantiate a plug-in with validated settings."""
        cls = self.get(name)
        return cls(cls.Settings.model_validate(settings))


# Every kind of plug-in, by kind name; each Registry adds itself.
KINDS: dict[str, Registry[Any]] = {}


def load_builtin_plugins() -> dict[str, Registry[Any]]:
    """Import every built-in plug-in module (once) and return the registries by kind."""
    for module in BUILTIN_PLUGIN_MODULES:
        importlib.import_module(module)
    return dict(sorted(KINDS.items()))


@dataclass(frozen=True)
class SettingHelp:
    """One plug-in setting as users see it: name, type, default, allowed values, help."""

    name: str
    type: str
    default: str
    allowed: str
    description: str


def settings_help(settings: type[PluginSettings]) -> list[SettingHelp]:
    """Describe each field of a plug-in's settings model, in declaration order."""
    return [
        SettingHelp(
            name=name,
            type=_type_text(field.annotation),
            default=_default_text(field),
            allowed=_allowed_text(field),
            description=field.description or "",
        )
        for name, field in settings.model_fields.items()
    ]


def _type_text(annotation: Any) -> str:
    if typing.get_origin(annotation) is typing.Literal:
        return "choice"
    args = typing.get_args(annotation)
    if args and typing.get_origin(args[0]) is typing.Literal:  # tuple[Literal[...], ...]
        return "choices"
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


def _default_text(field: FieldInfo) -> str:
    if field.default is PydanticUndefined:
        return "(required)"
    default = field.default
    if isinstance(default, tuple | list):
        return ", ".join(str(v) for v in default)
    return str(default)


_BOUNDS = (
    (annotated_types.Ge, "ge", ">="),
    (annotated_types.Gt, "gt", ">"),
    (annotated_types.Le, "le", "<="),
    (annotated_types.Lt, "lt", "<"),
)


def _allowed_text(field: FieldInfo) -> str:
    annotation = field.annotation
    if typing.get_origin(annotation) is typing.Literal:
        return " | ".join(str(v) for v in typing.get_args(annotation))
    args = typing.get_args(annotation)
    if args and typing.get_origin(args[0]) is typing.Literal:  # tuple[Literal[...], ...]
        return "any of " + " | ".join(str(v) for v in typing.get_args(args[0]))
    parts = [
        f"{symbol} {getattr(item, attr)}"
        for item in field.metadata
        for kind, attr, symbol in _BOUNDS
        if isinstance(item, kind)
    ]
    return ", ".join(parts)
