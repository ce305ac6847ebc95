"""The structure a newcomer reads in README "Architecture", checked so it cannot rot silently.

import-linter checks the layers (`lint-imports`, also in `make lint` and CI); these tests check
what it cannot: that every module is in a layer, that no import hides inside a function to dodge
the layers, that no app reaches for another's private names, that every library imported is
declared, and that modules stay short enough to read.
"""

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("learning", "content", "quizzes")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
CONTRACTS = {c["id"]: c for c in PYPROJECT["tool"]["importlinter"]["contracts"]}
MAX_MODULE_LINES = 500


def app_modules(*, include_migrations=False):
    """(dotted name, path) of every module of the three apps."""
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts and not include_migrations:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def parse(path):
    return ast.parse(path.read_text(), str(path))


def is_command_or_migration(name):
    parts = name.split(".")
    return "migrations" in parts or ("management" in parts and "commands" in parts)


def function_local_imports(tree):
    """(line, module) of each import inside a function, relative ones as written ("..models").

    An AppConfig's ready() is exempt: Django loads models after app configs, and ready() is
    where it says to connect extension points (README, Architecture).
    """
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                if getattr(child, "name", None) == "ready":
                    continue
                visit(child, True)
                continue
            if in_function and isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name) for alias in child.names)
            elif in_function and isinstance(child, ast.ImportFrom):
                found.append((child.lineno, "." * child.level + (child.module or "")))
            visit(child, in_function)

    visit(tree, False)
    return found


def test_import_linter_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(  # noqa: S603 - our own venv's lint-imports, fixed arguments
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _layer_modules(layer):
    return [name.strip() for name in re.split(r"[|:]", layer) if name.strip()]


def test_every_module_is_in_exactly_one_layer():
    layers = [_layer_modules(layer) for layer in CONTRACTS["layers"]["layers"]]
    roots = [name for layer in layers for name in layer]
    assert len(roots) == len(set(roots)), "a module is named in two layers"
    outside, twice = [], []
    for name, _path in app_modules(include_migrations=True):
        if name in APPS:
            continue  # the apps' own (empty) __init__ modules
        homes = [root for root in roots if name == root or name.startswith(root + ".")]
        if not homes:
            outside.append(name)
        elif len(homes) > 1:
            twice.append(name)
    assert not outside, f"not in any layer (pyproject.toml, [tool.importlinter]): {outside}"
    assert not twice, f"in two layers: {twice}"


def test_app_init_modules_hold_no_code():
    # A top-level __init__ belongs to no layer, so code there would escape the contract.
    for app in APPS:
        assert not (ROOT / app / "__init__.py").read_text().strip(), app


def test_no_function_local_imports_of_project_modules():
    found = []
    for name, path in app_modules():
        if is_command_or_migration(name):
            continue
        for line, module in function_local_imports(parse(path)):
            if module.startswith(".") or module.split(".")[0] in APPS:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not found, "imports inside functions (use an extension point):\n" + "\n".join(found)


def test_the_local_import_check_finds_what_it_is_for():
    tree = ast.parse(
        "from learning.people.models import Profile\n"
        "class Config:\n"
        "    def ready(self):\n"
        "        from quizzes import privacy\n"
        "def view(request):\n"
        "    from ..models import Quiz\n"
        "    if request:\n"
        "        import content.models\n"
    )
    assert function_local_imports(tree) == [(6, "..models"), (8, "content.models")]


def test_no_app_imports_another_apps_private_names():
    found = []
    for name, path in app_modules():
        app = name.split(".")[0]
        for node in ast.walk(parse(path)):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            other = node.module.split(".")[0]
            if other in APPS and other != app:
                private = [a.name for a in node.names if a.name.startswith("_")]
                if private or any(part.startswith("_") for part in node.module.split(".")):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module} {private}")
    assert not found, found


def _normalise(distribution):
    return re.sub(r"[-_.]+", "-", distribution).lower()


def _declared_distributions():
    declared = set()
    for requirement in PYPROJECT["project"]["dependencies"]:
        declared.add(_normalise(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0]))
    for requirements in PYPROJECT["project"].get("optional-dependencies", {}).values():
        for requirement in requirements:
            declared.add(_normalise(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0]))
    return declared


def test_every_library_the_code_imports_is_declared():
    distributions = packages_distributions()
    declared = _declared_distributions()
    undeclared = {}
    for name, path in app_modules(include_migrations=True):
        for node in ast.walk(parse(path)):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in APPS or top in sys.stdlib_module_names:
                    continue
                owners = {_normalise(d) for d in distributions.get(top, [top])}
                if not owners & declared:
                    undeclared.setdefault(top, set()).add(name)
    assert not undeclared, f"imported but not in pyproject.toml: {undeclared}"


@pytest.mark.parametrize("app", APPS)
def test_modules_stay_short_enough_to_read(app):
    long = {
        str(path.relative_to(ROOT)): lines
        for name, path in app_modules()
        if name.split(".")[0] == app
        and (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"past {MAX_MODULE_LINES} lines, split into a package: {long}"
