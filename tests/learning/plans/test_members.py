"""Who is in a plan (issue 18): one-time invitations, sharing with the trainer, leaving."""

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.utils import timezone

from learning.plans.models import ActionPlan, MemberRole, PlanChange, PlanInvite, PlanMember
from learning.plans.services import (
    PlanInviteInvalid,
    plan_invite_accept,
    plan_invite_create,
    plan_leave,
    plan_share_set,
)
from tests.learning.factories import UserFactory
from tests.learning.plans.factories import make_plan, settlement_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_plan()


def _creator(plan):
    return plan.members.get().user


@override_settings(PLAN_INVITE_DAYS=3)
def test_an_invitation_stores_only_the_tokens_hash_and_expires(plan):
    invite, token = plan_invite_create(
        plan=plan, user=_creator(plan), role=MemberRole.SETTLEMENT_WORKER
    )
    assert len(token) >= 40
    assert invite.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invite.token_hash
    days = (invite.expires_at - timezone.now()).total_seconds() / 86400
    assert 2.99 < days <= 3


def test_only_members_invite(plan):
    with pytest.raises(PermissionDenied):
        plan_invite_create(plan=plan, user=UserFactory(), role=MemberRole.SPONSOR_GROUP)


def test_an_invitation_works_once(plan):
    _invite, token = plan_invite_create(
        plan=plan, user=_creator(plan), role=MemberRole.SETTLEMENT_WORKER
    )
    worker = settlement_worker()
    member = plan_invite_accept(token=token, user=worker)
    assert (member.plan, member.user, member.role) == (plan, worker, MemberRole.SETTLEMENT_WORKER)
    invite = PlanInvite.objects.get()
    assert invite.used_by == worker and invite.used_at is not None
    assert plan.changes.filter(field="joined", user=worker, new_value="settlement_worker").exists()
    with pytest.raises(PlanInviteInvalid) as refused:
        plan_invite_accept(token=token, user=UserFactory())
    assert refused.value.code == "used"
    assert "already been used" in str(refused.value.message)
    assert plan.members.count() == 2


def test_an_expired_or_unknown_invitation_is_refused(plan):
    invite, token = plan_invite_create(
        plan=plan, user=_creator(plan), role=MemberRole.SPONSOR_GROUP
    )
    invite.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    invite.save()
    for attempt, code in ((token, "expired"), ("not-a-token", "unknown"), ("", "unknown")):
        with pytest.raises(PlanInviteInvalid) as refused:
            plan_invite_accept(token=attempt, user=UserFactory())
        assert refused.value.code == code
    assert plan.members.count() == 1


def test_a_member_accepting_keeps_their_membership_and_uses_up_the_link(plan):
    creator = _creator(plan)
    _invite, token = plan_invite_create(plan=plan, user=creator, role=MemberRole.SETTLEMENT_WORKER)
    member = plan_invite_accept(token=token, user=creator)
    assert member.role == MemberRole.SPONSOR_GROUP
    assert PlanInvite.objects.get().used_at is not None
    assert not plan.changes.filter(field="joined").exists()


def test_sharing_with_the_trainer_is_for_members_and_kept_in_the_history(plan):
    with pytest.raises(PermissionDenied):
        plan_share_set(plan=plan, user=UserFactory(), shared=True)
    plan = plan_share_set(plan=plan, user=_creator(plan), shared=True)
    assert ActionPlan.objects.get(pk=plan.pk).shared_with_trainer is True
    plan_share_set(plan=plan, user=_creator(plan), shared=True)
    plan_share_set(plan=plan, user=_creator(plan), shared=False)
    assert list(
        plan.changes.filter(field="shared").order_by("pk").values_list("old_value", "new_value")
    ) == [("no", "yes"), ("yes", "no")]


def test_leaving_a_plan_and_the_last_member_leaving_deletes_it(plan):
    creator = _creator(plan)
    _invite, token = plan_invite_create(plan=plan, user=creator, role=MemberRole.SETTLEMENT_WORKER)
    worker = settlement_worker()
    plan_invite_accept(token=token, user=worker)
    assert plan_leave(plan=plan, user=creator) is False
    assert list(plan.members.values_list("user", flat=True)) == [worker.pk]
    assert plan.changes.filter(field="left", user=creator).exists()
    with pytest.raises(PermissionDenied):
        plan_leave(plan=plan, user=creator)
    assert plan_leave(plan=plan, user=worker) is True
    assert not ActionPlan.objects.filter(pk=plan.pk).exists()
    assert not PlanMember.objects.exists()
    assert not PlanChange.objects.exists()
