"""The plan's forms: starting a plan and inviting someone to it (the worksheet's rows are read
from the post by views/worksheet.py, each with its version)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.people.models import Cohort

from .models import ActionPlan, MemberRole


class PlanStartForm(forms.Form):
    title = forms.CharField(
        label=_("Plan name"),
        max_length=ActionPlan._meta.get_field("title").max_length,
        help_text=_("For example: St Mark's sponsor group, spring arrival. No family names."),
    )
    expected_arrival = forms.DateField(
        label=_("Expected arrival (if known)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    cohort = forms.ModelChoiceField(
        label=_("Training session"),
        queryset=Cohort.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_(
            "Its trainer sees that your plan exists, and its content only if you share it."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        cohorts = Cohort.objects.filter(enrolments__user=user).distinct().order_by("-starts_on")
        self.fields["cohort"].queryset = cohorts
        if not cohorts.exists():
            del self.fields["cohort"]


class PlanInviteForm(forms.Form):
    role = forms.ChoiceField(
        label=_("They join as"),
        choices=[
            (MemberRole.SETTLEMENT_WORKER, _("The settlement worker")),
            (MemberRole.SPONSOR_GROUP, _("Another member of the sponsor group")),
        ],
        widget=forms.RadioSelect,
        initial=MemberRole.SETTLEMENT_WORKER,
    )
