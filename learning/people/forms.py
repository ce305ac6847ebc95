from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import CanadianTimeZone, ConsentSource, Profile, Role, region_choices
from .services import profile_update

CONSENT_CHOICES = [
    ("yes", _("Yes, my answers may be used for program evaluation")),
    ("no", _("No, do not use my answers for program evaluation")),
]
CONSENT_PURPOSE = _(
    "Your quiz and survey answers help the program measure whether training works. "
    "They are only ever reported in groups of five or more, never with your name. "
    "You can change your answer at any time in your profile."
)
# What a change does, exactly (quizzes.services.attempts_consent_set): the same words on the
# privacy page (learning/privacy.html).
CONSENT_EFFECT = _(
    "If you withdraw your consent, all your earlier answers, anonymous survey answers "
    "included, are removed from every report made from then on. If you give it later, all "
    "your earlier answers are added."
)
CONSENT_HELP = format_lazy("{} {}", CONSENT_PURPOSE, CONSENT_EFFECT)


CHOOSE = _("Choose…")


def consent_to_bool(value):
    return {"yes": True, "no": False}.get(value)


class ProfileFieldsMixin(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        required=False,
        help_text=_("As it should appear on your certificates."),
    )
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    # Nothing chosen in advance: a learner who skips the question must not be recorded as
    # a settlement worker in the Greater Toronto Area, which skews every breakdown (issue 14).
    role = forms.ChoiceField(label=_("Your role"), choices=[("", CHOOSE), *Role.choices])
    organisation = forms.CharField(
        label=_("Organisation or sponsor group"), max_length=200, required=False
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", CHOOSE), *region_choices()])
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )
    evaluation_consent = forms.ChoiceField(
        label=_("May we use your answers for program evaluation?"),
        choices=CONSENT_CHOICES,
        widget=forms.RadioSelect,
        help_text=CONSENT_HELP,
    )

    def save_profile(self, user, *, consent_source, **extra):
        data = self.cleaned_data
        user.first_name = data["first_name"]
        user.last_name = data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        return profile_update(
            user=user,
            role=data["role"],
            organisation=data["organisation"],
            region=data["region"],
            preferred_language=data["preferred_language"],
            evaluation_consent=consent_to_bool(data["evaluation_consent"]),
            consent_source=consent_source,
            **extra,
        )


class SignupForm(ProfileFieldsMixin):
    """Extra fields for django-allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = (get_language() or "en")[:2]

    def signup(self, request, user):
        self.save_profile(user, consent_source=ConsentSource.SIGNUP)


class ProfileForm(ProfileFieldsMixin):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Meeting times and due dates are shown in this time zone."),
    )
    reminders = forms.BooleanField(
        label=_("Email me reminders of a pre-test, post-test or survey still to do"),
        required=False,
        help_text=_("Emails about your account, sessions and certificates are always sent."),
    )

    @classmethod
    def for_user(cls, user, data=None):
        profile = getattr(user, "profile", None) or Profile(user=user)
        consent = {True: "yes", False: "no"}.get(profile.evaluation_consent)
        initial = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": profile.role,
            "organisation": profile.organisation,
            "region": profile.region,
            "preferred_language": profile.preferred_language,
            "evaluation_consent": consent,
            "time_zone": profile.time_zone,
            "reminders": profile.reminders if profile.pk else True,
        }
        form = cls(data=data, initial=initial)
        form.fields["region"].choices = [("", CHOOSE), *region_choices(keep=profile.region)]
        form.fields["time_zone"].choices = [
            ("", _("The time zone of my region")),
            *CanadianTimeZone.choices,
        ]
        return form

    def save(self, user):
        return self.save_profile(
            user,
            consent_source=ConsentSource.PROFILE,
            time_zone=self.cleaned_data["time_zone"],
            reminders=self.cleaned_data["reminders"],
        )


class JoinCohortForm(forms.Form):
    code = forms.CharField(
        label=_("Join code"),
        max_length=16,
        help_text=_("The code your trainer gave you, for example K7PM4QXA."),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper().replace(" ", "").replace("-", "")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password
