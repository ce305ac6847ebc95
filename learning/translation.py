# Field-level translation (django-modeltranslation) of what trainers write for learners.
from modeltranslation.translator import TranslationOptions, register

from learning.people.models import CohortMeeting
from learning.plans.models import PlanTask


@register(CohortMeeting)
class CohortMeetingTranslation(TranslationOptions):
    fields = ("title",)


@register(PlanTask)
class PlanTaskTranslation(TranslationOptions):
    # The action plan's task list, edited by trainers in both languages (issue 18).
    fields = ("title", "guidance")
