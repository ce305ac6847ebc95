"""Scoring rules of every question type, including property-based checks (hypothesis)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from quizzes.models import QuestionKind
from quizzes.scoring import ChoiceKey, QuestionKey, percent, score_answer

D = Decimal


def key(kind, choices, points=1, partial=False):
    return QuestionKey(kind=kind, points=points, choices=tuple(choices), partial_credit=partial)


SINGLE = key(
    QuestionKind.SINGLE,
    [ChoiceKey("sponsor", is_correct=True), ChoiceKey("agency"), ChoiceKey("ircc")],
    points=2,
)


def test_single_choice_is_all_or_nothing():
    assert score_answer(SINGLE, choice_code="sponsor").score == D(2)
    assert score_answer(SINGLE, choice_code="agency").score == D(0)
    assert score_answer(SINGLE, choice_code="").score == D(0)
    assert score_answer(SINGLE, choice_code="sponsor").max_score == D(2)


def test_true_false_scores_like_single_choice():
    tf = key(QuestionKind.TRUE_FALSE, [ChoiceKey("true", is_correct=True), ChoiceKey("false")])
    assert score_answer(tf, choice_code="true").is_correct
    assert not score_answer(tf, choice_code="false").is_correct


MULTI = [
    ChoiceKey("a", True),
    ChoiceKey("b", True),
    ChoiceKey("c", True),
    ChoiceKey("x"),
    ChoiceKey("y"),
]


def test_multiple_all_or_nothing_needs_exactly_the_correct_set():
    all_or_nothing = key(QuestionKind.MULTIPLE, MULTI, points=3)
    assert score_answer(all_or_nothing, choice_codes=["a", "b", "c"]).score == D(3)
    assert score_answer(all_or_nothing, choice_codes=["a", "b"]).score == D(0)
    assert score_answer(all_or_nothing, choice_codes=["a", "b", "c", "x"]).score == D(0)


def test_multiple_partial_credit_gives_each_right_pick_and_takes_each_wrong_one():
    partial = key(QuestionKind.MULTIPLE, MULTI, points=3, partial=True)
    assert score_answer(partial, choice_codes=["a"]).score == D(1)
    assert score_answer(partial, choice_codes=["a", "b"]).score == D(2)
    assert score_answer(partial, choice_codes=["a", "b", "x"]).score == D(1)
    assert score_answer(partial, choice_codes=["x", "y"]).score == D(0)  # never below zero


def test_role_assignment_scores_each_task():
    tasks = [
        ChoiceKey("financial-support", correct_role="sponsor"),
        ChoiceKey("needs-assessment", correct_role="settlement_worker"),
        ChoiceKey("housing", correct_role="shared"),
        ChoiceKey("airport", correct_role="sponsor"),
    ]
    question = key(QuestionKind.ROLE_ASSIGNMENT, tasks, points=4)
    result = score_answer(
        question,
        assignments={
            "financial-support": "sponsor",
            "needs-assessment": "sponsor",
            "housing": "shared",
        },
    )
    assert result.score == D(2)
    assert result.max_score == D(4)
    assert not result.is_correct


def test_likert_carries_favourable_and_not_applicable_flags_and_no_score():
    likert = key(
        QuestionKind.LIKERT,
        [
            ChoiceKey("very-helpful", is_favourable=True),
            ChoiceKey("not-helpful"),
            ChoiceKey("not-applicable", is_not_applicable=True),
        ],
    )
    favourable = score_answer(likert, choice_code="very-helpful")
    assert (favourable.score, favourable.is_favourable, favourable.is_not_applicable) == (
        None,
        True,
        False,
    )
    na = score_answer(likert, choice_code="not-applicable")
    assert na.is_not_applicable and not na.is_favourable


def test_rating_and_free_text_are_not_scored():
    assert score_answer(key(QuestionKind.RATING, []), choice_code="").score is None
    assert score_answer(key(QuestionKind.FREE_TEXT, [])).score is None


def test_percent_rounds_to_two_places():
    assert percent(D(2), D(3)) == D("66.67")
    assert percent(D(0), D(0)) is None


codes = st.sampled_from(["a", "b", "c", "d", "e", "f"])


@st.composite
def multiple_questions(draw):
    choice_codes = ["a", "b", "c", "d", "e", "f"]
    correct = draw(st.sets(st.sampled_from(choice_codes), min_size=1))
    points = draw(st.integers(min_value=1, max_value=10))
    partial = draw(st.booleans())
    return key(
        QuestionKind.MULTIPLE,
        [ChoiceKey(code, is_correct=code in correct) for code in choice_codes],
        points=points,
        partial=partial,
    )


@given(multiple_questions(), st.sets(codes))
def test_a_multiple_choice_score_is_always_between_zero_and_the_maximum(question, picked):
    result = score_answer(question, choice_codes=sorted(picked))
    assert D(0) <= result.score <= result.max_score == D(question.points)


@given(multiple_questions(), st.sets(codes), codes)
def test_partial_credit_is_monotone_in_correct_picks(question, picked, extra):
    question = QuestionKey(
        kind=question.kind, points=question.points, choices=question.choices, partial_credit=True
    )
    correct = {choice.code for choice in question.choices if choice.is_correct}
    before = score_answer(question, choice_codes=sorted(picked)).score
    after = score_answer(question, choice_codes=sorted(picked | {extra})).score
    if extra in correct:
        assert after >= before  # adding a right pick never lowers the score
    else:
        assert after <= before  # adding a wrong pick never raises it


@st.composite
def role_questions(draw):
    roles = ["sponsor", "settlement_worker", "shared", "newcomer"]
    n = draw(st.integers(min_value=1, max_value=8))
    tasks = [ChoiceKey(f"t{i}", correct_role=draw(st.sampled_from(roles))) for i in range(n)]
    points = draw(st.integers(min_value=1, max_value=10))
    assignments = draw(
        st.dictionaries(st.sampled_from([f"t{i}" for i in range(n + 2)]), st.sampled_from(roles))
    )
    return key(QuestionKind.ROLE_ASSIGNMENT, tasks, points=points), assignments


@given(role_questions())
def test_a_role_assignment_score_is_always_between_zero_and_the_maximum(case):
    question, assignments = case
    result = score_answer(question, assignments=assignments)
    assert D(0) <= result.score <= result.max_score
    all_right = {task.code: task.correct_role for task in question.choices}
    assert score_answer(question, assignments=all_right).score == D(question.points)
