from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes and surveys")

    def ready(self):
        # The quiz engine answers learner records' extension points (README, Architecture).
        # Imported here, not at the top: models load after app configs (docs: AppConfig.ready()).
        from learning.people import extensions as people_extensions
        from quizzes import privacy
        from quizzes.services import attempts_consent_set

        people_extensions.privacy_export_sections.register(privacy.quiz_attempts_section)
        people_extensions.account_deleting.register(privacy.attempts_deleting)
        people_extensions.consent_changed.register(attempts_consent_set)
        people_extensions.privacy_export_sections.register(privacy.anonymous_responses_section)
