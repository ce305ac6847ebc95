"""Program outputs on funder reports (issue 17): who was trained, what was completed, which
sessions and knowledge-exchange events were held — under the indicators' privacy rule."""

import datetime

import pytest
from django.utils import timezone, translation

from learning.people.models import CohortKind, Enrolment, Role
from learning.people.services import enrolment_create
from learning.progress.models import LessonProgress
from learning.progress.services import lesson_complete
from quizzes.reports import ReportFilters
from quizzes.reports.overview import program_overview
from tests.learning.factories import CohortFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def trained(
    lessons,
    count,
    *,
    role=Role.SETTLEMENT_WORKER,
    region="ottawa",
    language="en",
    finish=False,
    cohort=None,
):
    course = lessons[0].get_parent().specific
    users = []
    for _index in range(count):
        user = ProfileFactory(role=role, region=region).user
        enrolment_create(user=user, course=course, language=language, cohort=cohort)
        for lesson in lessons if finish else lessons[:1]:
            lesson_complete(user=user, lesson=lesson)
        users.append(user)
    return users


def overview(language="en", **filters):
    with translation.override(language):
        return program_overview(filters=ReportFilters(**filters), indicators=[], language=language)


def outputs(result):
    return {line.key: line for line in result.outputs}


def groups(line, key):
    return {
        group.label: group.count
        for breakdown_key, _heading, found in line.breakdowns
        if breakdown_key == key
        for group in found
    }


def test_learners_trained_by_role_read_like_the_pilots_results(lessons):
    trained(lessons, 6)
    trained(lessons, 5, role=Role.SPONSOR, region="kingston", language="fr")

    result = overview()

    line = outputs(result)["learners_trained"]
    assert line.count == "11"
    assert groups(line, "role") == {
        "Settlement worker": "6",
        "Sponsor or sponsor-group member": "5",
    }
    assert groups(line, "region") == {"Ottawa": "6", "Kingston": "5"}
    assert groups(line, "language") == {"English": "6", "French": "5"}
    assert result.highlights[0] == "6 settlement workers trained; 5 sponsors trained."


def test_in_french_the_highlights_and_labels_are_french(lessons):
    trained(lessons, 6)

    result = overview("fr")

    assert result.highlights[0].startswith("6 intervenant")
    assert outputs(result)["learners_trained"].label == "Personnes formées"


def test_a_small_group_is_hidden_and_so_is_its_sibling(lessons):
    """3 sponsors would show as "fewer than 5"; the 7 settlement workers are hidden too, or the
    total (10) minus 7 would give the sponsors' 3."""
    trained(lessons, 7)
    trained(lessons, 3, role=Role.SPONSOR)

    line = outputs(overview())["learners_trained"]

    assert line.count == "10"
    by_role = groups(line, "role")
    assert by_role["Sponsor or sponsor-group member"] == "fewer than 5"
    assert by_role["Settlement worker"] == "hidden to protect a smaller group"
    # No breakdown says 7 or 3 anywhere.
    assert all(group.number is None for _k, _h, found in line.breakdowns[:1] for group in found)


def test_privacy_holds_across_two_requests(lessons):
    """All regions: 11 trained; Ottawa alone: 10. Their difference would be one learner in
    Kingston, so the Ottawa figure is hidden rather than released next to the total."""
    trained(lessons, 10)
    trained(lessons, 1, region="kingston")

    assert outputs(overview())["learners_trained"].count == "11"
    ottawa = outputs(overview(region="ottawa"))["learners_trained"]
    assert ottawa.count == "hidden to protect a smaller group"
    assert ottawa.number is None


def test_completions_and_certificates(lessons):
    trained(lessons, 5, finish=True)
    trained(lessons, 2)

    found = outputs(overview())

    assert found["learners_trained"].count == "7"
    assert found["completions"].count == "5"
    assert found["certificates"].count == "5"


def test_a_months_filter_counts_learners_in_the_month_of_their_first_lesson(lessons):
    trained(lessons, 5)
    earlier = trained(lessons, 5)
    last_year = timezone.now() - datetime.timedelta(days=400)
    LessonProgress.objects.filter(enrolment__user__in=earlier).update(completed_at=last_year)
    this_month = timezone.localdate().replace(day=1)

    assert outputs(overview())["learners_trained"].count == "10"
    assert outputs(overview(date_from=this_month))["learners_trained"].count == "5"


def test_sessions_held_and_who_joined_them(lessons):
    course = lessons[0].get_parent().specific
    held = CohortFactory(course=course)
    CohortFactory(
        course=course,
        starts_on=timezone.localdate() + datetime.timedelta(days=10),
        ends_on=timezone.localdate() + datetime.timedelta(days=40),
    )
    trained(lessons, 5, cohort=held)

    found = outputs(overview())

    assert found["sessions"].count == "1"  # the one not started yet is not counted
    assert found["session_attendance"].count == "5"


def test_knowledge_exchange_events_count_with_their_attendance_not_as_learners(lessons):
    course = lessons[0].get_parent().specific
    for attendance in (12, 16):
        CohortFactory(course=course, kind=CohortKind.EVENT, attendance=attendance)
    event = CohortFactory(course=course, kind=CohortKind.EVENT, attendance=9)
    trained(lessons, 5, cohort=event)

    result = overview()
    found = outputs(result)

    assert found["events"].count == "3"
    assert found["event_attendance"].count == "37"
    # People who joined an event to answer its survey are counted with the event.
    assert found["learners_trained"].count == "0"
    assert Enrolment.objects.filter(cohort=event).count() == 5
    assert result.highlights[0] == "3 knowledge-exchange events held, with 37 participants."


def test_role_and_language_filters_do_not_apply_to_sessions_and_say_so(lessons):
    course = lessons[0].get_parent().specific
    CohortFactory(course=course)

    found = outputs(overview(role=Role.SPONSOR))

    assert found["sessions"].count == "1"
    assert "role and language filters do not apply" in found["sessions"].definition
