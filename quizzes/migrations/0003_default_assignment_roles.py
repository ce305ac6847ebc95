"""The four roles a task can be assigned to in role-assignment questions, in both languages."""

from django.db import migrations

DEFAULT_ROLES = (
    # code, English, French
    ("sponsor", "Sponsor", "Répondant"),
    ("settlement_worker", "Settlement worker", "Intervenant en établissement"),
    ("shared", "Shared", "Responsabilité partagée"),
    ("newcomer", "Newcomer", "Nouvel arrivant"),
)


def create_default_roles(apps, schema_editor):
    AssignmentRole = apps.get_model("quizzes", "AssignmentRole")
    for sort_order, (code, english, french) in enumerate(DEFAULT_ROLES, start=1):
        role, created = AssignmentRole.objects.get_or_create(
            code=code,
            defaults={
                "label": english,
                "label_en": english,
                "label_fr": french,
                "sort_order": sort_order,
            },
        )
        if created:
            continue
        # A role a trainer already made keeps its wording; only missing labels are filled in.
        changed = []
        for field, value in (("label", english), ("label_en", english), ("label_fr", french)):
            if not getattr(role, field):
                setattr(role, field, value)
                changed.append(field)
        if changed:
            role.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0002_quiz_permissions"),
    ]

    # Kept on the way back: questions may already point at these roles.
    operations = [migrations.RunPython(create_default_roles, migrations.RunPython.noop)]
