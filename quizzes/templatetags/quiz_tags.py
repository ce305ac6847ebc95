from django import template

register = template.Library()


@register.simple_tag
def assigned_role(answer, posted, task_code):
    """The role chosen for a task: what was just posted, else what was saved."""
    if isinstance(posted, dict):
        return posted.get(task_code, "")
    if answer is not None:
        return (answer.assignments or {}).get(task_code, "")
    return ""
