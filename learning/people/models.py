"""Learner records: who a learner is (profile), the training sessions they join and the
courses they enrol in. The layer below the quiz engine (README, Architecture)."""

import secrets

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
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


class CanadianTimeZone(models.TextChoices):
    """Canada's six time zones, with Saskatchewan and Yukon, which keep one time all year
    (issue 15). Times are stored in UTC and shown in the learner's zone."""

    NEWFOUNDLAND = "America/St_Johns", _("Newfoundland Time (St. John's)")
    ATLANTIC = "America/Halifax", _("Atlantic Time (Halifax)")
    EASTERN = "America/Toronto", _("Eastern Time (Toronto, Ottawa, Montréal)")
    CENTRAL = "America/Winnipeg", _("Central Time (Winnipeg)")
    SASKATCHEWAN = "America/Regina", _("Saskatchewan (Regina)")
    MOUNTAIN = "America/Edmonton", _("Mountain Time (Edmonton, Calgary)")
    YUKON = "America/Whitehorse", _("Yukon Time (Whitehorse)")
    PACIFIC = "America/Vancouver", _("Pacific Time (Vancouver)")


# A profile's zone when the learner has not chosen one: where most people of the region live.
REGION_TIME_ZONES = {
    **dict.fromkeys(ONTARIO_REGIONS, CanadianTimeZone.EASTERN),
    Region.QUEBEC: CanadianTimeZone.EASTERN,
    Region.NUNAVUT: CanadianTimeZone.EASTERN,
    Region.BRITISH_COLUMBIA: CanadianTimeZone.PACIFIC,
    Region.ALBERTA: CanadianTimeZone.MOUNTAIN,
    Region.NORTHWEST_TERRITORIES: CanadianTimeZone.MOUNTAIN,
    Region.SASKATCHEWAN: CanadianTimeZone.SASKATCHEWAN,
    Region.MANITOBA: CanadianTimeZone.CENTRAL,
    Region.NEW_BRUNSWICK: CanadianTimeZone.ATLANTIC,
    Region.NOVA_SCOTIA: CanadianTimeZone.ATLANTIC,
    Region.PRINCE_EDWARD_ISLAND: CanadianTimeZone.ATLANTIC,
    Region.NEWFOUNDLAND_AND_LABRADOR: CanadianTimeZone.NEWFOUNDLAND,
    Region.YUKON: CanadianTimeZone.YUKON,
}


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
    # Blank: the zone of the learner's region (REGION_TIME_ZONES), else the site's.
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=CanadianTimeZone.choices, blank=True
    )
    reminders = models.BooleanField(
        _("email me reminders"),
        default=True,
        help_text=_("Reminders of a test or survey still to do. Other emails are always sent."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)

    @property
    def time_zone_name(self):
        """The IANA name of the zone the learner's times are shown in."""
        return self.time_zone or REGION_TIME_ZONES.get(self.region) or settings.TIME_ZONE


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


class CohortKind(models.TextChoices):
    """A training session teaches a course; a knowledge-exchange event is a community event
    (sponsors, settlement agencies and newcomers sharing local resources) whose course holds
    its evaluation survey (issue 17)."""

    TRAINING = "training", _("Training session")
    EVENT = "event", _("Knowledge-exchange event")


class Cohort(index.Indexed, ClusterableModel):
    """A live training session: learners who join are enrolled and carry the cohort. Its
    meetings and due dates are its schedule (issue 15).

    A knowledge-exchange event (`kind`) is the same record read differently: `starts_on` is the
    event's date, `ends_on` the last day attendees can join to answer its evaluation survey,
    and `attendance` how many people came (counted at the event; attendees need no account).
    """

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
    kind = models.CharField(
        _("kind"), max_length=16, choices=CohortKind.choices, default=CohortKind.TRAINING
    )
    partner_organisation = models.CharField(
        _("partner organisation"),
        max_length=200,
        blank=True,
        help_text=_("The agency or group the event is run with, if any."),
    )
    attendance = models.PositiveIntegerField(
        _("attendance"),
        null=True,
        blank=True,
        help_text=_(
            "How many people attended, counted at the event: attendees need no account. "
            "Leave empty until it is known."
        ),
    )
    post_test_due = models.DateTimeField(
        _("post-test due"),
        null=True,
        blank=True,
        help_text=_("Learners are reminded before it. Leave empty for no due date."),
    )
    survey_due = models.DateTimeField(
        _("evaluation survey due"),
        null=True,
        blank=True,
        help_text=_("Learners are reminded before it. Leave empty for no due date."),
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        MultiFieldPanel(
            [FieldPanel("trainer"), FieldPanel("organisation"), FieldPanel("region")],
            heading=_("Who runs it"),
        ),
        InlinePanel(
            "meetings",
            heading=_("Meetings"),
            label=_("Meeting"),
            help_text=_("Times are in your time zone; each learner sees them in theirs."),
        ),
        FieldRowPanel(
            [FieldPanel("post_test_due"), FieldPanel("survey_due")], heading=_("Due dates")
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

    @property
    def is_event(self):
        return self.kind == CohortKind.EVENT

    def clean(self):
        super().clean()
        if self.attendance is not None and not self.is_event:
            raise ValidationError(
                {"attendance": _("Attendance is counted for knowledge-exchange events only.")},
                code="attendance_not_event",
            )


class CohortMeeting(Orderable):
    """When and where a training session meets: in person, online, or both."""

    cohort = ParentalKey(
        Cohort,
        verbose_name=_("training session"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("For example: Pre-arrival Intentional Connection meeting."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("An address, or a room and building.")
    )
    online_url = models.URLField(
        _("online meeting link"), blank=True, help_text=_("A video-call link, if it meets online.")
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("online_url")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.title or f"{self.cohort} {self.starts_at:%Y-%m-%d}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("A meeting must end after it starts.")}, code="ends_before_start"
            )


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
