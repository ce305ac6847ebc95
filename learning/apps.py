from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning")

    def ready(self):
        # The learner layers answer the extension points of the layers below them (README,
        # Architecture). Imported here, not at the top: models load after app configs, and
        # ready() is where Django connects such things (docs: AppConfig.ready()).
        from allauth.account import signals as account_signals

        from content import extensions as content_extensions
        from learning.notifications import privacy as notification_privacy
        from learning.notifications import receivers as notification_receivers
        from learning.notifications.services import completed_queue, enrolled_queue
        from learning.people import extensions as people_extensions
        from learning.people.selectors import learner_catalogue
        from learning.plans import privacy as plan_privacy
        from learning.plans.indicators import plan_indicator_cells
        from learning.progress import extensions as progress_extensions
        from learning.progress import privacy as progress_privacy
        from learning.progress.outputs import program_outputs
        from learning.progress.selectors import course_progress, next_step_for
        from learning.progress.services import attempt_submitted_refresh
        from quizzes import extensions as quiz_extensions

        content_extensions.catalogue_context.register(learner_catalogue)
        content_extensions.course_progress.register(course_progress)
        quiz_extensions.attempt_submitted.register(attempt_submitted_refresh)
        quiz_extensions.next_step.register(next_step_for)
        # Funder reports' outputs: learners trained, completions, sessions, events (issue 17).
        quiz_extensions.program_outputs.register(program_outputs)
        people_extensions.privacy_export_sections.register(progress_privacy.lesson_progress_section)
        people_extensions.privacy_export_sections.register(progress_privacy.certificates_section)
        people_extensions.account_deleting.register(progress_privacy.certificates_deleted)
        # Emails (issue 15): enrolment, joining a session, completion; the welcome on sign-up.
        people_extensions.enrolled.register(enrolled_queue)
        progress_extensions.course_completed.register(completed_queue)
        people_extensions.privacy_export_sections.register(notification_privacy.emails_section)
        # The Collaborative Action Plan (issue 18): plans joined and changes made; leaving them.
        people_extensions.privacy_export_sections.register(plan_privacy.action_plans_section)
        people_extensions.account_deleting.register(plan_privacy.action_plans_leaving)
        # Its two indicators, read by the reports like any other (quizzes/reports/cells.py).
        quiz_extensions.indicator_cells.register(plan_indicator_cells)
        account_signals.user_signed_up.connect(
            notification_receivers.on_user_signed_up, dispatch_uid="psr_welcome_signed_up"
        )
        account_signals.email_confirmed.connect(
            notification_receivers.on_email_confirmed, dispatch_uid="psr_welcome_confirmed"
        )
