"""The web layer's shape: one package per capability, none importing another, small
modules, role checks through ``role_at_least``, nothing started at import time, no query
or audit write in a route, and status codes known only to ``errors.py``."""

from __future__ import annotations

import ast
import logging
import re
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

import tocsin.web
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.web.app import CAPABILITIES, create_app
from tocsin.web.intake.logfilter import DropClientAddresses

WEB = Path(tocsin.web.__file__).parent
MAX_LINES = 500


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_every_capability_is_a_package_with_a_router() -> None:
    for name in CAPABILITIES:
        assert (WEB / name / "__init__.py").is_file(), name
        assert "router = APIRouter()" in (WEB / name / "__init__.py").read_text(), name


def test_no_capability_imports_another_capabilitys_web_module() -> None:
    offences = []
    for name in CAPABILITIES:
        others = [other for other in CAPABILITIES if other != name]
        for path in (WEB / name).glob("*.py"):
            for module in _imports(path):
                if any(
                    module == f"tocsin.web.{o}" or module.startswith(f"tocsin.web.{o}.")
                    for o in others
                ):
                    offences.append(f"{path.relative_to(WEB)} imports {module}")
    assert not offences, "\n".join(offences)


def test_no_web_module_is_over_500_lines() -> None:
    long = {
        str(p.relative_to(WEB)): n
        for p in WEB.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert not long, long


def test_roles_are_compared_with_role_at_least_only() -> None:
    pattern = re.compile(r"\.role\s*(==|!=|<|>|\bin\b|\bnot in\b)")
    files = [*WEB.rglob("*.py"), *WEB.rglob("*.html")]
    offences = [
        f"{p.relative_to(WEB)}: {line.strip()}"
        for p in files
        for line in p.read_text().splitlines()
        if pattern.search(line)
    ]
    assert not offences, "\n".join(offences)


def test_the_log_filter_is_installed_by_the_app_not_by_an_import() -> None:
    script = (
        "import logging, importlib\n"
        "from tocsin.web.app import CAPABILITIES, create_app\n"
        "for name in CAPABILITIES: importlib.import_module(f'tocsin.web.{name}')\n"
        "print(len(logging.getLogger('uvicorn.access').filters))\n"
    )
    imported = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert imported.stdout.strip() == "0"


def test_the_lifespan_installs_the_log_filter(
    settings: Settings, sqlite_dashboard: Database
) -> None:
    access = logging.getLogger("uvicorn.access")
    for existing in [f for f in access.filters if isinstance(f, DropClientAddresses)]:
        access.removeFilter(existing)
    with TestClient(create_app(settings, sqlite_dashboard)):
        assert any(isinstance(f, DropClientAddresses) for f in access.filters)


def _calls(path: Path) -> list[ast.Call]:
    return [n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Call)]


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return f"{owner}.{func.attr}"
    return ""


def test_no_web_module_queries_the_database_or_writes_the_audit_log() -> None:
    reads = re.compile(r"^(select|\w*\.(execute|scalars|scalar|query))$")
    offences = [
        f"{path.relative_to(WEB)}:{call.lineno} {_name(call)}"
        for path in WEB.rglob("*.py")
        for call in _calls(path)
        if reads.match(_name(call)) or _name(call) == "audit.record"
    ]
    assert not offences, "\n".join(offences)


def test_rows_are_fetched_by_id_in_one_place() -> None:
    """``session.get`` lives in :func:`tocsin.web.deps.stored_or_404` only, so every
    missing id is the same 404."""
    offences = [
        f"{path.relative_to(WEB)}:{call.lineno} {_name(call)}"
        for path in WEB.rglob("*.py")
        if path.name != "deps.py"
        for call in _calls(path)
        if _name(call) in {"session.get", "session.get_one", "s.get", "s.get_one"}
    ]
    assert not offences, "\n".join(offences)


def test_an_optional_country_is_read_by_the_shared_dependency() -> None:
    """Routes take ``?country=`` through ``CountryInQuery``, not a ``Query`` each.

    Framework search is the exception: excerpts carry reference-table codes, so it
    filters by any known country, stored in the panel or not."""
    offences = []
    for path in WEB.rglob("*.py"):
        if path.name == "deps.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            args = node.args.args[len(node.args.args) - len(node.args.defaults) :]
            for arg, default in zip(args, node.args.defaults, strict=True):
                if arg.arg != "country" or node.name == "search_api":
                    continue
                if "Query(None" in ast.unparse(default):
                    offences.append(f"{path.relative_to(WEB)}:{node.lineno} {node.name}")
    assert not offences, "\n".join(offences)


def test_only_the_errors_module_knows_status_codes() -> None:
    routes = re.compile(r"^router\.(get|post|put|patch|delete)$")
    offences = []
    for path in WEB.rglob("*.py"):
        if path.name == "errors.py":
            continue
        if any(module.endswith(".HTTPException") for module in _imports(path)):
            offences.append(f"{path.relative_to(WEB)} imports HTTPException")
        offences += [
            f"{path.relative_to(WEB)}:{call.lineno} status_code= in {_name(call)}"
            for call in _calls(path)
            if any(k.arg == "status_code" for k in call.keywords) and not routes.match(_name(call))
        ]
    assert not offences, "\n".join(offences)
