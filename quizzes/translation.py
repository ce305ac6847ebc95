from modeltranslation.translator import TranslationOptions, register

from .models import AssignmentRole, Choice, Indicator, Question, Quiz


@register(Quiz)
class QuizTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "explanation")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label", "feedback")


@register(AssignmentRole)
class AssignmentRoleTranslation(TranslationOptions):
    fields = ("label",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "definition")
