# Field-level translation (django-modeltranslation) of what trainers write for learners.
from modeltranslation.translator import TranslationOptions, register

from learning.people.models import CohortMeeting


@register(CohortMeeting)
class CohortMeetingTranslation(TranslationOptions):
    fields = ("title",)
