"""The learning app's models, for Django: each is defined in the layer it belongs to.

`learning.people.models` (profiles, training sessions, enrolments) sits below the quiz engine and
`learning.progress.models` (lesson progress, certificates) above it; code imports from those.
Migrations refer to `learning.models.cohort_code` and `certificate_code`, re-exported here.
"""

from learning.notifications.models import EmailKind, EmailStatus, OutgoingEmail
from learning.people.models import (
    CODE_ALPHABET,
    AccountDeletion,
    Cohort,
    CohortMeeting,
    ConsentChange,
    ConsentSource,
    Enrolment,
    Profile,
    Region,
    Role,
    SignedInSession,
    certificate_code,
    cohort_code,
    random_code,
)
from learning.plans.models import (
    ActionPlan,
    MemberRole,
    PlanChange,
    PlanInvite,
    PlanItem,
    PlanMember,
    PlanOwner,
    PlanPhase,
    PlanTask,
)
from learning.progress.models import Certificate, LessonProgress

__all__ = [
    "ActionPlan",
    "MemberRole",
    "PlanChange",
    "PlanInvite",
    "PlanItem",
    "PlanMember",
    "PlanOwner",
    "PlanPhase",
    "PlanTask",
    "CODE_ALPHABET",
    "AccountDeletion",
    "Certificate",
    "Cohort",
    "CohortMeeting",
    "ConsentChange",
    "ConsentSource",
    "EmailKind",
    "EmailStatus",
    "Enrolment",
    "LessonProgress",
    "OutgoingEmail",
    "Profile",
    "Region",
    "Role",
    "SignedInSession",
    "certificate_code",
    "cohort_code",
    "random_code",
]
