"""The package stands alone: no Django, messages ready for gettext, and our content type."""

import ast
import json
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

import content.h5p.package as package
from content.h5p.package import MESSAGES, ValidationIssue
from tests.content.h5p.builder import FIXTURES, LIBRARY, build_package

PACKAGE_DIR = Path(package.__file__).parent


def test_no_module_imports_django():
    for module in PACKAGE_DIR.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] == "django" for name in names), module.name


def test_validates_with_django_unimportable(tmp_path):
    path = build_package(tmp_path)
    code = f"""
import importlib.util, sys

class BlockDjango:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "django":
            raise ImportError("Django is blocked")

sys.meta_path.insert(0, BlockDjango())
spec = importlib.util.spec_from_file_location(
    "h5p_alone", {str(PACKAGE_DIR / "__init__.py")!r},
    submodule_search_locations=[{str(PACKAGE_DIR)!r}],
)
module = importlib.util.module_from_spec(spec)
sys.modules["h5p_alone"] = module
spec.loader.exec_module(module)
with open({str(path)!r}, "rb") as f:
    report = module.validate_package(f)
assert report.ok, report.messages()
assert not [m for m in sys.modules if m.split(".")[0] == "django"]
print("ok")
"""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_every_template_has_known_placeholders():
    known = {
        "path", "size_mb", "max_mb", "count", "max", "ratio", "declared", "actual", "method",
        "other", "line", "column", "field", "value", "library", "folder", "machine_name",
        "expected", "file", "allowed", "required", "supported",
    }  # fmt: skip
    for code, template in MESSAGES.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert fields <= known, code
        assert code.isidentifier() and code == code.lower()


def test_issue_renders_through_a_translation():
    issue = ValidationIssue("path_traversal", "../evil.js")
    french = {
        MESSAGES["path_traversal"]: "Le nom de fichier {path} sort du paquet.",
    }

    assert issue.message.startswith("The file name ../evil.js points outside the package")
    assert issue.render(french.get) == "Le nom de fichier ../evil.js sort du paquet."
    assert str(issue) == issue.message
    assert hash(issue) == hash(ValidationIssue("path_traversal", "../evil.js"))


def test_fixture_is_a_complete_unpacked_package():
    assert json.loads((FIXTURES / "h5p.json").read_text())["mainLibrary"] == (
        "PSRLearn.SimpleQuestion"
    )
    library = json.loads((FIXTURES / LIBRARY / "library.json").read_text())
    assert library["machineName"] == "PSRLearn.SimpleQuestion"
    assert (library["majorVersion"], library["minorVersion"], library["patchVersion"]) == (1, 0, 0)
    assert library["preloadedJs"] == [{"path": "simple-question.js"}]
    assert library["preloadedCss"] == [{"path": "simple-question.css"}]
    assert library["preloadedDependencies"] == []


# A minimal stand-in for the H5P runtime: EventDispatcher, XAPIEvent and the few jQuery
# helpers the constructor and check() use (attach() needs a DOM, not exercised here).
_NODE_HARNESS = r"""
var vm = require('vm'), fs = require('fs');
var triggered = [];
function XAPIEvent(verb) {
  this.verb = verb;
  this.data = {statement: {verb: {id: 'http://adlnet.gov/expapi/verbs/' + verb},
                           object: {definition: {}}}};
}
XAPIEvent.prototype.setScoredResult = function (score, max, instance, completion, success) {
  this.data.statement.result = {score: {raw: score, max: max}, completion: completion,
                                success: success};
};
XAPIEvent.prototype.getVerifiedStatementValue = function (keys) {
  var value = this.data.statement;
  keys.forEach(function (key) { value = value[key]; });
  return value;
};
function EventDispatcher() { this.dispatcherReady = true; }
EventDispatcher.prototype.trigger = function (event) {
  if (typeof event !== 'string') { triggered.push(event); }
};
EventDispatcher.prototype.createXAPIEventTemplate = function (verb) {
  return new XAPIEvent(verb);
};
var $ = {
  isArray: Array.isArray,
  extend: function (target) {
    for (var i = 1; i < arguments.length; i++) { Object.assign(target, arguments[i]); }
    return target;
  },
  map: function (array, fn) {
    return [].concat.apply([], array.map(function (value, index) { return fn(value, index); }));
  },
  each: function (array, fn) { array.forEach(function (value, index) { fn(index, value); }); }
};
global.H5P = {EventDispatcher: EventDispatcher, jQuery: $};
vm.runInThisContext(fs.readFileSync(process.argv[2], 'utf8'));

var params = {question: 'Q?', options: ['a', 'b', 'c'], correctIndex: 1};
var right = new H5P.PSRLearnSimpleQuestion(params, 7, {});
var out = {inherits: right instanceof H5P.EventDispatcher && right.dispatcherReady === true};
right.check();
out.noAnswerTriggers = triggered.length;
right.selected = 1;
right.check();
var statement = triggered[0].data.statement;
out.right = {verb: triggered[0].verb, result: statement.result, response: statement.result.response,
             definition: statement.object.definition, score: right.getScore(),
             max: right.getMaxScore(), answered: right.getAnswerGiven(),
             state: right.getCurrentState()};
right.resetTask();
out.afterReset = {score: right.getScore(), answered: right.getAnswerGiven(),
                  state: right.getCurrentState() === undefined};
var wrong = new H5P.PSRLearnSimpleQuestion(params, 8, {previousState: {selected: 2}});
wrong.check();
out.wrong = {result: triggered[1].data.statement.result, score: wrong.getScore()};
out.xAPIData = right.getXAPIData().statement.result;
console.log(JSON.stringify(out));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_content_type_reports_a_scored_xapi_answer(tmp_path):
    harness = tmp_path / "harness.js"
    harness.write_text(_NODE_HARNESS)
    script = FIXTURES / LIBRARY / "simple-question.js"

    result = subprocess.run(  # noqa: S603
        [shutil.which("node"), str(harness), str(script)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["inherits"] is True
    assert out["noAnswerTriggers"] == 0
    assert out["right"]["verb"] == "answered"
    assert out["right"]["result"]["score"] == {"raw": 1, "max": 1}
    assert out["right"]["result"]["completion"] is True
    assert out["right"]["result"]["success"] is True
    assert out["right"]["response"] == "1"
    assert out["right"]["definition"]["interactionType"] == "choice"
    assert out["right"]["definition"]["correctResponsesPattern"] == ["1"]
    assert [c["id"] for c in out["right"]["definition"]["choices"]] == ["0", "1", "2"]
    assert (out["right"]["score"], out["right"]["max"], out["right"]["answered"]) == (1, 1, True)
    assert out["right"]["state"] == {"selected": 1}
    assert out["afterReset"] == {"score": 0, "answered": False, "state": True}
    assert out["wrong"]["result"]["score"] == {"raw": 0, "max": 1}
    assert out["wrong"]["result"]["success"] is False
    assert out["wrong"]["score"] == 0
    assert out["xAPIData"]["score"] == {"raw": 0, "max": 1}
