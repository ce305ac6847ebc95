"""Who may see a training session's people: the rule the session admin and its progress follow.

A session's people — who joined, their progress and quiz scores, the CSV, the join code that
lets anyone join — are for the trainer who runs it (`Cohort.trainer`, while in the Trainers
group) and superusers; so are editing, deleting and its history. Other trainers see that the
session exists (name, course, dates, organisation, region, how many joined) and who runs it.
Program leads see the same without any name, not even the trainer's: aggregates only.

There are no co-trainers: a session has one trainer, whom its trainer or a superuser can change.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.views import defaults
from wagtail.permission_policies.base import ModelPermissionPolicy

# Held by Trainers, not by program leads (learning/migrations/0003_cohort_permissions.py).
RUN_PERMISSION = "learning.change_cohort"
# Actions on one session that reach its people or change it.
RUNNER_ACTIONS = {"change", "delete"}


def runs_sessions(user):
    """Runs training sessions at all (a trainer or a superuser): may see who runs which."""
    return bool(user.is_authenticated and (user.is_superuser or user.has_perm(RUN_PERMISSION)))


def runs_session(user, cohort):
    """May see this session's people and change it."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return cohort.trainer_id == user.pk and user.has_perm(RUN_PERMISSION)


def sessions_run_by(user, queryset):
    """The sessions of `queryset` whose people `user` may see."""
    if user.is_superuser:
        return queryset
    if not runs_sessions(user):
        return queryset.none()
    return queryset.filter(trainer_id=user.pk)


def with_runs_session(queryset, user):
    """Annotates `runs_it`, so a listing decides per row without a query."""
    if user.is_superuser:
        runs_it = Value(True)
    elif runs_sessions(user):
        runs_it = ExpressionWrapper(Q(trainer_id=user.pk), output_field=BooleanField())
    else:
        runs_it = Value(False)
    return queryset.annotate(runs_it=runs_it)


def refused(request):
    """A plain 403: Wagtail would turn PermissionDenied into a redirect to the dashboard."""
    return defaults.permission_denied(request, PermissionDenied())


class CohortPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions; changing or deleting one session also needs running it.

    Registered for Cohort by learning/wagtail_hooks.py, so Wagtail's own instance checks (bulk
    actions, buttons) follow the same rule as the views.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        if action in RUNNER_ACTIONS and not runs_session(user, instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        # The base class's other instance queries all come through here.
        instances = self.model._default_manager.none()
        for action in actions:
            if not self.user_has_permission(user, action):
                continue
            every = self.model._default_manager.all()
            instances |= sessions_run_by(user, every) if action in RUNNER_ACTIONS else every
        return instances
