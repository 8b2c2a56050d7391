"""Imports point one way (docs/ARCHITECTURE.md): a module may import its own package and the
layers below it, never a layer above or a sibling on its own layer. No import of the app's
own modules hides inside a function below the app layer (that is how cycles get dodged).

A new top-level module or package must be given a layer here, so the rule keeps holding for
the next engineer without anyone remembering it.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kunstrute"

#: Bottom to top. Within the base and within the app's wiring, modules may use each other;
#: in between, a unit may use only itself and lower layers (a domain never imports a sibling).
LAYERS = [
    ("base", {"config", "extensions", "text", "csvfile", "mail", "timeutil", "i18n", "security",
              "urls", "compression", "views_errors", "console", "transitions", "database",
              "validators", "limits", "jobs", "pagecache", "qrcode"}),
    #: Below the accounts, so that auth records sign-ups and invitations in the audit log.
    ("audit log", {"audit"}),
    ("accounts and places", {"auth", "geocoding", "media"}),
    ("core", {"editions"}),
    ("feature domains", {"programme", "newsletter", "applications", "counting", "surveys"}),
    ("readers", {"guide", "stats"}),
    #: The organisers' home composes the readers: the edition's dashboard and goals at a glance.
    ("organisers' home", {"organiser"}),
    ("app", {"", "cli", "demo", "demo_art", "demo_round", "demo_counts", "demo_surveys",
             "demo_audience", "demo_goals", "models", "templating"}),
]
LAYER_OF = {unit: index for index, (_, units) in enumerate(LAYERS) for unit in units}
BASE, APP = 0, len(LAYERS) - 1


def unit_of(module: str) -> str:
    """Return the top-level name under kunstrute ('' for the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imported_modules(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """Return the kunstrute modules one import statement names (relative ones resolved)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "kunstrute"]
    if node.level:
        base = module.split(".")[: len(module.split(".")) - node.level + is_package]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != "kunstrute":
        return []
    if target == "kunstrute":  # `from kunstrute import guide` names a unit per alias
        return [f"kunstrute.{a.name}" if _is_module(a.name) else "kunstrute" for a in node.names]
    return [target]


def _is_module(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def violations(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """Return one message per import in `source` that breaks the layers."""
    own = unit_of(module)
    layer = LAYER_OF[own]
    found = []
    tree = ast.parse(source)
    in_functions = {id(n) for f in ast.walk(tree)
                    if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
                    for n in ast.walk(f) if n is not f}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for target in imported_modules(node, module, is_package):
            other = unit_of(target)
            where = f"{module} line {node.lineno} imports {target}"
            if other not in LAYER_OF:
                found.append(f"{where}: '{other}' has no layer in tests/test_architecture.py")
            elif other != own and (LAYER_OF[other] > layer or (
                    LAYER_OF[other] == layer and layer not in (BASE, APP))):
                kind = "upward" if LAYER_OF[other] > layer else "sideways"
                found.append(f"{where}: {kind} ({LAYERS[layer][0]} → {LAYERS[LAYER_OF[other]][0]})")
            elif id(node) in in_functions and layer != APP:
                found.append(f"{where}: inside a function; import at module level")
    return found


def package_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(relative.parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        yield ".".join(parts), path, is_package


def test_every_unit_has_a_layer():
    units = {unit_of(module) for module, _, _ in package_modules()}
    assert sorted(units - set(LAYER_OF)) == [], "give each new module or package a layer"


def test_imports_point_one_way():
    found = [message for module, path, is_package in package_modules()
             for message in violations(path.read_text(encoding="utf-8"), module,
                                       is_package=is_package)]
    assert found == []


@pytest.mark.parametrize(("module", "source", "expected"), [
    ("kunstrute.editions.models", "from kunstrute.guide.services import map_studios",
     "upward (core → readers)"),
    ("kunstrute.programme.services", "from kunstrute.newsletter import services",
     "sideways (feature domains → feature domains)"),
    ("kunstrute.geocoding.services", "import kunstrute.editions.models", "upward"),
    ("kunstrute.programme.routes", "def f():\n    from kunstrute.editions import queries",
     "inside a function"),
    ("kunstrute.editions.cli", "from .. import guide", "upward"),
    ("kunstrute.editions.cli", "from kunstrute.nowhere import x", "has no layer"),
])
def test_the_checker_catches_what_it_must(module, source, expected):
    found = violations(source, module)
    assert len(found) == 1 and expected in found[0], found


def test_the_checker_lets_through_what_is_allowed():
    source = ("from kunstrute.editions.queries import current_edition\n"
              "from kunstrute.programme import bp\nfrom . import forms\n"
              "from kunstrute.extensions import db\nimport sqlalchemy as sa\n")
    assert violations(source, "kunstrute.programme.routes") == []
    assert violations("from kunstrute.urls import safe_next", "kunstrute.i18n") == []


def test_template_helpers_are_registered_in_one_place():
    registering = ("template_filter", "template_global", "context_processor",
                   "jinja_env.filters", "jinja_env.globals")
    found = [str(path.relative_to(PACKAGE.parent)) for _, path, _ in package_modules()
             if path.name != "templating.py"
             and any(word in path.read_text(encoding="utf-8") for word in registering)]
    assert found == [], "register template filters and globals in kunstrute/templating.py"
