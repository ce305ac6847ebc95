"""Learner records: who a learner is (profile), the training sessions they join and the
courses they enrol in. The layer below the quiz engine (README, Architecture)."""

import secrets

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

# Codes people type or read aloud: no 0/O or 1/I/L to confuse.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def random_code(length):
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def cohort_code():
    return random_code(8)


def certificate_code():
    # 16 characters of a 31-letter alphabet: about 79 bits, not guessable.
    return random_code(16)


class Role(models.TextChoices):
    SETTLEMENT_WORKER = "settlement_worker", _("Settlement worker")
    SPONSOR = "sponsor", _("Sponsor or sponsor-group member")
    SAH_STAFF = "sah_staff", _("Sponsorship Agreement Holder staff")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    """Ontario's regions (where the pilot ran, the codes it recorded) and the other provinces
    and territories (issue 14). The Ontario codes are unchanged, so earlier answers keep their
    meaning; "elsewhere" stays for answers given before the provinces were listed."""

    GTA = "gta", _("Greater Toronto Area")
    OTTAWA = "ottawa", _("Ottawa")
    KITCHENER_WATERLOO = "kitchener_waterloo", _("Kitchener-Waterloo")
    WINDSOR = "windsor", _("Windsor")
    KINGSTON = "kingston", _("Kingston")
    LONDON = "london", _("London")
    HAMILTON = "hamilton", _("Hamilton")
    NORTHERN_ONTARIO = "northern_ontario", _("Northern Ontario")
    ONTARIO_OTHER = "ontario_other", _("Elsewhere in Ontario")
    BRITISH_COLUMBIA = "bc", _("British Columbia")
    ALBERTA = "ab", _("Alberta")
    SASKATCHEWAN = "sk", _("Saskatchewan")
    MANITOBA = "mb", _("Manitoba")
    QUEBEC = "qc", _("Quebec")
    NEW_BRUNSWICK = "nb", _("New Brunswick")
    NOVA_SCOTIA = "ns", _("Nova Scotia")
    PRINCE_EDWARD_ISLAND = "pe", _("Prince Edward Island")
    NEWFOUNDLAND_AND_LABRADOR = "nl", _("Newfoundland and Labrador")
    YUKON = "yt", _("Yukon")
    NORTHWEST_TERRITORIES = "nt", _("Northwest Territories")
    NUNAVUT = "nu", _("Nunavut")
    ELSEWHERE = "elsewhere", _("Elsewhere in Canada (no province given)")


ONTARIO_REGIONS = (
    Region.GTA,
    Region.OTTAWA,
    Region.KITCHENER_WATERLOO,
    Region.WINDSOR,
    Region.KINGSTON,
    Region.LONDON,
    Region.HAMILTON,
    Region.NORTHERN_ONTARIO,
    Region.ONTARIO_OTHER,
)


def region_choices(*, keep=None):
    """The regions to offer, grouped: Ontario's, then the other provinces and territories.
    "Elsewhere in Canada" only for someone who already chose it (`keep`)."""
    others = [
        (region.value, region.label)
        for region in Region
        if region not in ONTARIO_REGIONS and region != Region.ELSEWHERE
    ]
    groups = [
        (_("Ontario"), [(region.value, region.label) for region in ONTARIO_REGIONS]),
        (_("Other provinces and territories"), others),
    ]
    if keep == Region.ELSEWHERE:
        groups.append((_("Earlier answer"), [(Region.ELSEWHERE.value, Region.ELSEWHERE.label)]))
    return groups


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # None until the learner has answered: the question is asked once, and can be changed.
    evaluation_consent = models.BooleanField(
        _("answers may be used for program evaluation"), null=True, blank=True
    )
    consent_updated_at = models.DateTimeField(_("consent last changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


class ConsentSource(models.TextChoices):
    SIGNUP = "signup", _("Sign-up form")
    PROFILE = "profile", _("Profile page")
    OTHER = "other", _("Other (administration, demo data)")


class ConsentChange(models.Model):
    """One change of a learner's evaluation consent: the history the privacy export shows.

    Only what, when and through which form: no address, browser or count of answers affected
    (a count would tie the number of their anonymous responses to the account).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="consent_changes",
    )
    given = models.BooleanField(_("consent given"))
    changed_at = models.DateTimeField(_("changed"))
    source = models.CharField(
        _("changed through"),
        max_length=16,
        choices=ConsentSource.choices,
        default=ConsentSource.OTHER,
    )

    class Meta:
        verbose_name = _("consent change")
        verbose_name_plural = _("consent changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.user_id} · {self.changed_at:%Y-%m-%d} · {self.given}"


class Cohort(index.Indexed, models.Model):
    """A live training session: learners who join are enrolled and carry the cohort."""

    course = models.ForeignKey(
        "content.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), help_text=_("Learners can join until the end of this day.")
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohorts_trained",
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    code = models.CharField(
        _("join code"), max_length=16, unique=True, default=cohort_code, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        MultiFieldPanel(
            [FieldPanel("trainer"), FieldPanel("organisation"), FieldPanel("region")],
            heading=_("Who runs it"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.FilterField("course"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        # "Cohort" in the code; people see "training session".
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.name


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        "content.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    language = models.CharField(
        _("language at enrolment"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        # Once per course, whatever language the learner takes it in.
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")
        ]

    def __str__(self):
        return f"{self.user} → {self.course}"


class AccountDeletion(models.Model):
    """What an account deletion did, without anything that identifies the person."""

    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True)
    enrolments_deleted = models.PositiveIntegerField(_("enrolments deleted"), default=0)
    certificates_deleted = models.PositiveIntegerField(_("certificates deleted"), default=0)
    attempts_anonymised = models.PositiveIntegerField(_("attempts anonymised"), default=0)

    class Meta:
        verbose_name = _("account deletion")
        verbose_name_plural = _("account deletions")
        ordering = ["-deleted_at"]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.deleted_at:%Y-%m-%d}"


class SignedInSession(AbstractBaseSession):
    """Django's session row with the signed-in user's id beside it, so one query reads both
    (learning/people/sessions.py; issue 11). Deleting an account ends its sessions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        # A session may still name an account deleted while it was open: it must save, and then
        # read as signed out, rather than fail on the constraint.
        db_constraint=False,
        related_name="+",
        verbose_name=_("user"),
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
