"""How intake reaches the Framework workbench: one small interface, one implementation.

Intake needs two things from the workbench: to check a link to a workbench document or
excerpt (and borrow its title), and to add a passage an analyst decrypted and chose to
copy. :class:`Workbench` is that interface; :func:`current` returns the registered
implementation (the Framework workbench by default). A deployment without the workbench,
or a test, registers another with :func:`register`. Errors are the workbench's own
:class:`WorkbenchError`, never a database exception caught broadly.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session


class WorkbenchError(ValueError):
    """The workbench refused a request (unknown document, empty passage...)."""


class Workbench(Protocol):
    """What intake asks of the Framework workbench."""

    kinds: tuple[str, ...]

    def title(self, session: Session, kind: str, ref: str) -> str:
        """The title of a workbench ``kind`` (document, excerpt) with id ``ref``; raises
        :class:`WorkbenchError` if there is none."""
        ...

    def add_passage(self, session: Session, text: str, title: str, actor: str) -> int:
        """Add ``text`` as a new workbench document; return its id."""
        ...


class FrameworkWorkbench:
    """The Framework of Analysis workbench (documents and their excerpts)."""

    kinds: tuple[str, ...] = ("document", "excerpt")

    def title(self, session: Session, kind: str, ref: str) -> str:
        """Title of a document, or of the document an excerpt belongs to."""
        from tocsin.store.models.framework import Document, Excerpt

        if kind not in self.kinds:
            raise WorkbenchError(f"the workbench has no {kind}s")
        if not (ref.isascii() and ref.isdigit()) or int(ref) >= 2**31:
            raise WorkbenchError(f"a workbench {kind} is named by its number, not {ref!r}")
        if kind == "document":
            title = session.scalar(select(Document.title).where(Document.id == int(ref)))
        else:
            title = session.scalar(
                select(Document.title)
                .join(Excerpt, Excerpt.document_id == Document.id)
                .where(Excerpt.id == int(ref))
            )
        if title is None:
            raise WorkbenchError(f"no Framework {kind} with id {ref}")
        return title

    def add_passage(self, session: Session, text: str, title: str, actor: str) -> int:
        """Store the passage as a workbench document (split into excerpts, deduplicated)."""
        from tocsin.analysis.framework.extract import Extracted
        from tocsin.analysis.framework.ingest import store_extracted

        item = Extracted(
            location="intake", title=title, text=text, media_type="text", raw=text.encode()
        )
        report = store_extracted(session, item, source="intake", actor=actor)
        if report.document_id is None:
            raise WorkbenchError(f"the workbench did not store the passage: {report.message}")
        return report.document_id


_current: list[Workbench] = [FrameworkWorkbench()]


def current() -> Workbench:
    """The registered workbench."""
    return _current[0]


def register(workbench: Workbench) -> Workbench:
    """Make ``workbench`` the one intake uses; returns the previous one."""
    previous, _current[0] = _current[0], workbench
    return previous
