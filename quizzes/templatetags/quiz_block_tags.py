from django import template

from quizzes.selectors import quiz_grade

register = template.Library()


@register.simple_tag(takes_context=True)
def quiz_block_context(context, quiz):
    """The embedded quiz and, for a logged-in learner, where they stand with it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    grade = quiz_grade(quiz=quiz, user=user) if user and user.is_authenticated else None
    return {"quiz": quiz, "grade": grade}
