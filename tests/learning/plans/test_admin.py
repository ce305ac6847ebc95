"""The action plan's task list in the Wagtail admin (issue 18): trainers edit it in both
languages side by side; program leads read it; learners are kept out. Plans themselves have no
admin view."""

import pytest
from django.urls import NoReverseMatch, reverse

from learning.plans.models import PlanTask
from tests.learning.plans.factories import PlanTaskFactory, make_plan

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/learning/plantask/"
ADD = LIST + "add/"


def _form(**overrides):
    return {
        "title_en": "Open a bank account",
        "title_fr": "Ouvrir un compte bancaire",
        "guidance_en": "Go along to the first appointment.",
        "guidance_fr": "Accompagnez la famille au premier rendez-vous.",
        "expected_owner": "shared",
        "default_phase": "first_week",
        "sort_order": "15",
        "active": "on",
        **overrides,
    }


def test_a_trainer_adds_and_edits_a_task_in_both_languages(client, trainer):
    PlanTaskFactory(title_en="Find housing", sort_order=20)
    PlanTaskFactory(title_en="Airport welcome", sort_order=10)
    client.force_login(trainer)
    listing = client.get(LIST)
    assert listing.status_code == 200
    text = listing.content.decode()
    assert text.index("Airport welcome") < text.index("Find housing")
    form = client.get(ADD)
    assert form.status_code == 200
    page = form.content.decode()
    assert "psr-bilingual-panel" in page
    assert 'name="title_en"' in page and 'name="title_fr"' in page
    assert client.post(ADD, _form()).status_code == 302
    task = PlanTask.objects.get(title_en="Open a bank account")
    assert (task.title_fr, task.expected_owner, task.default_phase, task.sort_order) == (
        "Ouvrir un compte bancaire",
        "shared",
        "first_week",
        15,
    )
    edit = f"{LIST}edit/{task.pk}/"
    response = client.post(edit, _form(title_fr="Ouvrir un compte en banque", active=""))
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title_fr, task.active) == ("Ouvrir un compte en banque", False)


def test_a_program_lead_reads_the_list_without_changing_it(client, program_lead):
    task = PlanTaskFactory(title_en="Find housing")
    client.force_login(program_lead)
    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}inspect/{task.pk}/").status_code == 200
    assert client.post(ADD, _form()).status_code == 302
    assert client.post(f"{LIST}edit/{task.pk}/", _form()).status_code in (302, 403)
    assert not PlanTask.objects.filter(title_en="Open a bank account").exists()
    task.refresh_from_db()
    assert task.title_en == "Find housing"


def test_a_learner_is_kept_out_of_the_admin(client, learner):
    task = PlanTaskFactory(title_en="Find housing")
    client.force_login(learner)
    for response in (client.get(LIST), client.post(ADD, _form())):
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    response = client.post(f"{LIST}edit/{task.pk}/", _form())
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title_en == "Find housing"
    assert PlanTask.objects.count() == 1


def test_plans_have_no_admin_view(client, trainer, admin_user):
    make_plan(tasks=1, title="St Mark's sponsor group")
    for name in (
        "wagtailsnippets_learning_actionplan:list",
        "wagtailsnippets_learning_planitem:list",
    ):
        with pytest.raises(NoReverseMatch):
            reverse(name)
    client.force_login(admin_user)
    assert client.get("/admin/snippets/learning/actionplan/").status_code in (302, 404)
    assert "St Mark" not in client.get("/admin/snippets/").content.decode()


def test_a_task_in_a_plan_is_not_deleted_but_can_leave_new_plans(client, trainer):
    plan = make_plan(tasks=1)
    task = PlanTask.objects.get()
    client.force_login(trainer)
    delete = f"{LIST}delete/{task.pk}/"
    assert client.get(delete).status_code == 200
    response = client.post(delete)
    assert response.status_code in (200, 302)
    assert PlanTask.objects.filter(pk=task.pk).exists()
    assert plan.items.filter(task=task).exists()
    unused = PlanTaskFactory()
    assert client.post(f"{LIST}delete/{unused.pk}/").status_code == 302
    assert not PlanTask.objects.filter(pk=unused.pk).exists()


def test_bulk_deleting_refuses_tasks_in_plans(client, trainer):
    make_plan(tasks=1)
    used = PlanTask.objects.get()
    unused = PlanTaskFactory()
    client.force_login(trainer)
    # The listing's bulk actions send `next`, where the refusal goes back to.
    url = f"/admin/bulk/learning/plantask/delete/?next={LIST}&id={used.pk}&id={unused.pk}"
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "in plans already started, so not deleted" in response.content.decode()
    assert PlanTask.objects.count() == 2
    assert client.post(f"/admin/bulk/learning/plantask/delete/?id={unused.pk}").status_code == 302
    assert list(PlanTask.objects.all()) == [used]
