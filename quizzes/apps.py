from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes and surveys")

    def ready(self):
        # The quiz engine answers learner records' extension points (README, Architecture).
        # Imported here, not at the top: models load after app configs (docs: AppConfig.ready()).
        from content import extensions as content_extensions
        from learning.people import extensions as people_extensions
        from quizzes import privacy
        from quizzes.services import attempts_consent_set, external_quiz_for_package

        people_extensions.privacy_export_sections.register(privacy.quiz_attempts_section)
        people_extensions.account_deleting.register(privacy.attempts_deleting)
        people_extensions.consent_changed.register(attempts_consent_set)
        people_extensions.privacy_export_sections.register(privacy.anonymous_responses_section)
        # A lesson's H5P block that scores its activity gets its quiz from here (issue 16).
        content_extensions.h5p_scoring_quiz.register(external_quiz_for_package)
