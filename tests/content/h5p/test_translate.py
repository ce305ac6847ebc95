"""Content types' strings in French: the walk of semantics and parameters, without Django."""

import copy

from content.h5p.package import (
    content_language,
    library_name_key,
    main_library_key,
    translate_content,
)
from content.h5p.package.translate import MAX_DEPTH


def text(name, default=None):
    field = {"name": name, "type": "text", "label": name}
    if default is not None:
        field["default"] = default
    return field


# A container (like Question Set) holding questions of another library in a list, with its own
# interface strings in a group; the question library has a one-field group (kept unwrapped).
CONTAINER = [
    text("introduction"),
    {
        "name": "questions",
        "type": "list",
        "field": {"name": "question", "type": "library", "options": ["Test.Question 1.2"]},
    },
    {
        "name": "texts",
        "type": "group",
        "fields": [
            text("finish", "Finish"),
            text("result", "You got :num out of :total points"),
            {"name": "passPercentage", "type": "number", "default": 50},
        ],
    },
]
CONTAINER_FR = [
    {"label": "Introduction"},
    {"label": "Questions", "field": {"label": "Question"}},
    {
        "label": "Textes",
        "fields": [
            {"default": "Terminer"},
            {"default": "Vous avez obtenu :num points sur :total"},
            {"default": 70},
        ],
    },
]
QUESTION = [
    text("question"),
    {"name": "answers", "type": "list", "field": text("answer", "Answer")},
    {"name": "check", "type": "group", "fields": [text("label", "Check")]},
    {
        "name": "l10n",
        "type": "group",
        "fields": [text("trueText", "True"), text("falseText", "False")],
    },
    {"name": "mode", "type": "select", "default": "single", "options": []},
]
QUESTION_FR = [
    {},
    {"field": {"default": "Réponse"}},
    {"fields": [{"default": "Vérifier"}]},
    {"fields": [{"default": "Vrai"}, {"default": "Faux"}]},
    {"default": "multiple"},
]


def loader(libraries):
    calls = []

    def load(key):
        calls.append(key)
        return libraries.get(key)

    load.calls = calls
    return load


def both_translated():
    return loader(
        {
            "Test.Container-1.0": (CONTAINER, CONTAINER_FR),
            "Test.Question-1.2": (QUESTION, QUESTION_FR),
        }
    )


def question(**params):
    return {"library": "Test.Question 1.2", "subContentId": "abc", "params": params}


def content():
    return {
        "introduction": "Answer the two questions.",
        "questions": [
            question(
                question="Who signs?",
                answers=["Answer", "The group"],
                check="Check",
                l10n={"trueText": "True", "falseText": "False"},
                mode="single",
            ),
            question(question="Who pays?", check="Verify now", l10n={"trueText": "Yes"}),
        ],
        "texts": {
            "finish": "Finish",
            "result": "You got :num out of :total points",
            "passPercentage": 50,
        },
    }


def test_english_defaults_are_replaced_in_groups_lists_and_sub_contents():
    params = content()
    authored = copy.deepcopy(params)

    translated, changed = translate_content(params, "Test.Container-1.0", both_translated())

    assert params == authored  # the parameters given are left alone
    assert translated["texts"] == {
        "finish": "Terminer",
        "result": "Vous avez obtenu :num points sur :total",
        "passPercentage": 50,  # only text values change
    }
    first = translated["questions"][0]
    assert first["library"] == "Test.Question 1.2" and first["subContentId"] == "abc"
    assert first["params"] == {
        "question": "Who signs?",
        "answers": ["Réponse", "The group"],
        "check": "Vérifier",  # a one-field group keeps its value unwrapped
        "l10n": {"trueText": "Vrai", "falseText": "Faux"},
        "mode": "single",  # a select's value is a key, never translated
    }
    assert changed == 6


def test_what_the_author_wrote_stays():
    translated, _changed = translate_content(content(), "Test.Container-1.0", both_translated())

    second = translated["questions"][1]["params"]
    assert second == {"question": "Who pays?", "check": "Verify now", "l10n": {"trueText": "Yes"}}
    assert translated["introduction"] == "Answer the two questions."


def test_a_library_without_a_language_file_stays_as_authored_but_its_sub_contents_do_not():
    load = loader(
        {
            "Test.Container-1.0": (CONTAINER, None),
            "Test.Question-1.2": (QUESTION, QUESTION_FR),
        }
    )

    translated, changed = translate_content(content(), "Test.Container-1.0", load)

    assert translated["texts"]["finish"] == "Finish"
    assert translated["questions"][0]["params"]["check"] == "Vérifier"
    assert changed == 4
    assert load.calls == ["Test.Container-1.0", "Test.Question-1.2"]  # each library once


def test_no_language_file_at_all_changes_nothing():
    load = loader({"Test.Container-1.0": (CONTAINER, None), "Test.Question-1.2": (QUESTION, None)})

    translated, changed = translate_content(content(), "Test.Container-1.0", load)

    assert (translated, changed) == (content(), 0)


def test_unknown_libraries_and_malformed_parts_are_left_as_they_are():
    params = content()
    params["questions"].append({"library": "Test.Missing 1.0", "params": {"x": "Check"}})
    params["questions"].append({"library": "not a library", "params": {}})
    params["questions"].append("Check")
    params["texts"] = ["not", "a", "group"]
    libraries = {
        "Test.Container-1.0": (CONTAINER, CONTAINER_FR),
        "Test.Question-1.2": ({"not": "a list"}, QUESTION_FR),
    }

    translated, changed = translate_content(params, "Test.Container-1.0", loader(libraries))

    assert translated == params
    assert changed == 0


def test_language_entries_follow_semantics_by_position():
    semantics = [text("a", "Yes"), text("b", "No")]
    # Only the second field has a translation: the first entry is empty.
    load = loader({"Test.Pair-1.0": (semantics, [{}, {"default": "Non"}])})

    translated, changed = translate_content({"a": "Yes", "b": "No"}, "Test.Pair-1.0", load)

    assert (translated, changed) == ({"a": "Yes", "b": "Non"}, 1)


def nested(levels):
    """Groups of two fields inside each other, ``levels`` deep, a text at the bottom."""
    field, entry, value = text("s", "Deep"), {"default": "Profond"}, "Deep"
    for _ in range(levels):
        value = {field["name"]: value}
        field = {"name": "n", "type": "group", "fields": [field, text("other")]}
        entry = {"fields": [entry, {}]}
    return [field], [entry], {"n": value}


def test_the_walk_stops_at_a_bounded_depth():
    for levels, expected in ((3, 1), (MAX_DEPTH + 5, 0)):
        semantics, language, params = nested(levels)
        load = loader({"Test.Deep-1.0": (semantics, language)})

        _translated, changed = translate_content(params, "Test.Deep-1.0", load)

        assert changed == expected, levels


def test_library_names_and_h5p_json():
    assert library_name_key("H5P.MultiChoice 1.16") == "H5P.MultiChoice-1.16"
    assert library_name_key("H5P.MultiChoice-1.16") is None
    assert library_name_key(None) is None
    h5p = {
        "mainLibrary": "H5P.TrueFalse",
        "preloadedDependencies": [
            {"machineName": "H5P.Question", "majorVersion": 1, "minorVersion": 5},
            {"machineName": "H5P.TrueFalse", "majorVersion": "1", "minorVersion": "8"},
        ],
    }
    assert main_library_key(h5p) == "H5P.TrueFalse-1.8"
    assert main_library_key({"mainLibrary": "H5P.TrueFalse"}) is None
    assert content_language({"language": "fr"}) == "fr"
    assert content_language({"language": "und", "defaultLanguage": "fr-CA"}) == "fr-ca"
    assert content_language({"language": "und"}) == ""
    assert content_language(None) == ""
