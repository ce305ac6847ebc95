"""Demo program-evaluation indicators for the demo courses and events, as data.

The targets come from the pilot in shared/seeds: 87% and 90% of settlement workers found the
training helpful (target 85%), sponsors rated the meetings 4.9/5 (target 4.5) against 3.6/5
before (a baseline, so no target), and 51% named unclear roles as the greatest barrier, which
is why role understanding is measured before and after each course; 90% of the attendees
surveyed found the knowledge-exchange events very or somewhat helpful (target 85%).

Questions are named by quiz slug and question code, as in quizzes.json. Seeding is idempotent:
indicators are matched by code, saved only when a value or a linked question differs, and a
new version is recorded only when the definition changed.

The two Collaborative Action Plan indicators (issue 18) read the plans, not answers: no
questions; learning/demo/plans_simulated.py gives them figures.
"""

from decimal import Decimal

from django.db import transaction

from quizzes.models import Indicator, IndicatorKind, Question
from quizzes.services import indicator_record_version

SW_PRE, SW_POST, SW_SURVEY = "sw-pre-test", "sw-post-test", "sw-evaluation-survey"
SP_PRE, SP_POST, SP_SURVEY = "sponsor-pre-test", "sponsor-post-test", "sponsor-evaluation-survey"
EVENT_SURVEY = "event-evaluation-survey"

# The role-assignment questions of each test: "who does this task?".
SW_PRE_ROLES = ((SW_PRE, "roles-sponsorship-year"), (SW_PRE, "roles-intentional-connection"))
SW_POST_ROLES = ((SW_POST, "roles-first-year"), (SW_POST, "roles-collaboration"))
SP_PRE_ROLES = ((SP_PRE, "roles-sponsorship-year"), (SP_PRE, "roles-before-arrival"))
SP_POST_ROLES = ((SP_POST, "roles-first-weeks"), (SP_POST, "roles-through-the-year"))

# Every scored question of each post-test, so the pass rate matches the test's own pass mark.
SW_POST_ALL = tuple(
    (SW_POST, code)
    for code in (
        "sponsor-types-group-of-five",
        "sponsorship-end-date",
        "undertaking-includes",
        "psr-eligible-for-services",
        "roles-first-year",
        "roles-collaboration",
        "greatest-barrier",
        "share-with-consent",
        "services-after-month-12",
        "success-factors",
    )
)
SP_POST_ALL = tuple(
    (SP_POST, code)
    for code in (
        "why-eligible",
        "next-step-before-arrival",
        "worker-contributions",
        "ircc-encourages-early-connection",
        "roles-first-weeks",
        "roles-through-the-year",
        "why-check-with-family",
        "worker-decides-attendance",
        "review-division-of-roles",
        "post-arrival-participants",
    )
)

CONSENT_EN = "who agreed to their answers being used for program evaluation"
CONSENT_FR = "qui ont accepté que leurs réponses servent à l'évaluation du programme"

INDICATORS = (
    {
        "code": "sw-helpful-refugee-needs",
        "kind": IndicatorKind.SHARE_FAVOURABLE,
        "questions": ((SW_SURVEY, "helpful-refugee-needs"),),
        "target": "0.85",
        "sort_order": 10,
        "name_en": "Training helpful for understanding refugees' needs",
        "name_fr": "Formation utile pour comprendre les besoins des réfugiés",
        "definition_en": (
            "Share of settlement workers who answered “Very helpful” or “Helpful” when the "
            "evaluation survey of the settlement-worker course asked how helpful the training "
            "was in understanding the needs of refugees. Counted: everyone who submitted that "
            f"survey {CONSENT_EN}; “Not applicable” answers are excluded from the count. "
            "Target 85%; in the pilot, 87% of 153 settlement workers answered this way."
        ),
        "definition_fr": (
            "Part des intervenantes et intervenants en établissement qui ont répondu « Très "
            "utile » ou « Utile » quand le sondage d'évaluation du cours pour le personnel "
            "d'établissement leur demandait à quel point la formation les avait aidés à "
            "comprendre les besoins des réfugiés. Sont comptées toutes les personnes qui ont "
            f"envoyé ce sondage et {CONSENT_FR}; les réponses « Sans objet » sont exclues du "
            "calcul. Cible : 85 %; lors du projet pilote, 87 % des 153 intervenantes et "
            "intervenants formés ont répondu ainsi."
        ),
    },
    {
        "code": "sw-helpful-sponsor-responsibilities",
        "kind": IndicatorKind.SHARE_FAVOURABLE,
        "questions": ((SW_SURVEY, "helpful-sponsor-responsibilities"),),
        "target": "0.85",
        "sort_order": 20,
        "name_en": "Training helpful for understanding sponsor responsibilities",
        "name_fr": "Formation utile pour comprendre les responsabilités des répondants",
        "definition_en": (
            "Share of settlement workers who answered “Very helpful” or “Helpful” when the "
            "evaluation survey of the settlement-worker course asked how helpful the training "
            "was in understanding sponsor responsibilities. Counted: everyone who submitted "
            f"that survey {CONSENT_EN}; “Not applicable” answers are excluded from the count. "
            "Target 85%; in the pilot, 90% of 153 settlement workers answered this way."
        ),
        "definition_fr": (
            "Part des intervenantes et intervenants en établissement qui ont répondu « Très "
            "utile » ou « Utile » quand le sondage d'évaluation du cours pour le personnel "
            "d'établissement leur demandait à quel point la formation les avait aidés à "
            "comprendre les responsabilités des répondants. Sont comptées toutes les personnes "
            f"qui ont envoyé ce sondage et {CONSENT_FR}; les réponses « Sans objet » sont "
            "exclues du calcul. Cible : 85 %; lors du projet pilote, 90 % des 153 intervenantes "
            "et intervenants formés ont répondu ainsi."
        ),
    },
    {
        "code": "sw-role-understanding",
        "kind": IndicatorKind.MEAN_SCORE,
        "questions": SW_POST_ROLES,
        "target": "0.80",
        "sort_order": 30,
        "name_en": "Understanding of who does what (settlement workers)",
        "name_fr": "Compréhension du partage des rôles (personnel d'établissement)",
        "definition_en": (
            "Average share of tasks assigned to the right role (sponsor, settlement worker, "
            "shared or newcomer) in the two role-assignment questions of the settlement-worker "
            f"post-test. Counted: every submitted post-test attempt by a learner {CONSENT_EN}; "
            "a learner who takes the test again counts once per attempt. Target 0.80 (80% of "
            "tasks right): in the pilot, 51% of respondents named unclear roles as the "
            "greatest barrier to working together."
        ),
        "definition_fr": (
            "Part moyenne des tâches attribuées au bon rôle (répondant, intervenant·e en "
            "établissement, partagé ou nouvel arrivant) dans les deux questions d'attribution "
            "des rôles du test final du cours pour le personnel d'établissement. Sont comptées "
            f"toutes les tentatives envoyées par des personnes {CONSENT_FR}; une personne qui "
            "refait le test compte une fois par tentative. Cible : 0,80 (80 % des tâches "
            "bien attribuées); lors du projet pilote, 51 % des personnes interrogées voyaient "
            "dans le flou des rôles le principal obstacle à la collaboration."
        ),
    },
    {
        "code": "sw-role-understanding-change",
        "kind": IndicatorKind.PRE_POST_CHANGE,
        "questions": SW_POST_ROLES,
        "pre_questions": SW_PRE_ROLES,
        "target": "0.15",
        "sort_order": 40,
        "name_en": "Gain in understanding of who does what (settlement workers)",
        "name_fr": "Progrès dans la compréhension des rôles (personnel d'établissement)",
        "definition_en": (
            "Average change, from the pre-test to the post-test of the settlement-worker "
            "course, in the share of tasks assigned to the right role in their role-assignment "
            "questions. Counted: learners who submitted both tests and agreed to their answers "
            "being used for program evaluation, each counted once (several post-test attempts "
            "are pooled). Target 0.15, that is 15 percentage points more tasks right after "
            "the course."
        ),
        "definition_fr": (
            "Variation moyenne, du test préalable au test final du cours pour le personnel "
            "d'établissement, de la part des tâches attribuées au bon rôle dans les questions "
            "d'attribution des rôles. Sont comptées les personnes qui ont envoyé les deux "
            "tests et qui ont accepté que leurs réponses servent à l'évaluation du programme, "
            "une fois chacune (plusieurs tentatives au test final sont regroupées). Cible : "
            "0,15, soit 15 points de pourcentage de tâches bien attribuées en plus après le "
            "cours."
        ),
    },
    {
        "code": "sw-post-test-pass-rate",
        "kind": IndicatorKind.PASS_RATE,
        "questions": SW_POST_ALL,
        "target": "0.80",
        "threshold": "70",
        "sort_order": 50,
        "name_en": "Post-test pass rate (settlement workers)",
        "name_fr": "Taux de réussite au test final (personnel d'établissement)",
        "definition_en": (
            "Share of submitted post-test attempts in the settlement-worker course that scored "
            "70% or more over all the test's scored questions. Counted: every submitted attempt "
            f"by a learner {CONSENT_EN}; a learner who takes the test again counts once per "
            "attempt. Target 80%."
        ),
        "definition_fr": (
            "Part des tentatives envoyées au test final du cours pour le personnel "
            "d'établissement qui ont obtenu 70 % ou plus sur l'ensemble des questions notées. "
            f"Sont comptées toutes les tentatives envoyées par des personnes {CONSENT_FR}; "
            "une personne qui refait le test compte une fois par tentative. Cible : 80 %."
        ),
    },
    {
        "code": "sponsor-prepared-to-work-with-settlement",
        "kind": IndicatorKind.SHARE_FAVOURABLE,
        "questions": ((SP_SURVEY, "prepared-to-work-with-settlement"),),
        "target": "0.85",
        "sort_order": 60,
        "name_en": "Sponsors prepared to work with settlement services",
        "name_fr": "Répondants prêts à travailler avec les services d'établissement",
        "definition_en": (
            "Share of sponsors who answered “Very well” or “Well” when the evaluation survey "
            "of the sponsor orientation asked how well it prepared them to work with "
            f"settlement services. Counted: everyone who submitted that survey {CONSENT_EN}; "
            "“Not applicable” answers are excluded from the count. Target 85%."
        ),
        "definition_fr": (
            "Part des répondants qui ont répondu « Très bien » ou « Bien » quand le sondage "
            "d'évaluation de l'orientation des répondants leur demandait dans quelle mesure "
            "elle les avait préparés à travailler avec les services d'établissement. Sont "
            f"comptées toutes les personnes qui ont envoyé ce sondage et {CONSENT_FR}; les "
            "réponses « Sans objet » sont exclues du calcul. Cible : 85 %."
        ),
    },
    {
        "code": "sponsor-communication-rating",
        "kind": IndicatorKind.MEAN_RATING,
        "questions": ((SP_SURVEY, "communication-rating"),),
        "target": "4.5",
        "sort_order": 70,
        "name_en": "Communication between sponsors and settlement workers (rating)",
        "name_fr": "Communication entre répondants et personnel d'établissement (note)",
        "definition_en": (
            "Average rating, from 1 (lowest) to 5 (highest), that sponsors gave in the "
            "evaluation survey of the sponsor orientation to how well it encouraged "
            "communication between sponsors and settlement workers. Counted: everyone who "
            f"submitted that survey {CONSENT_EN}. Target 4.5; in the pilot, sponsors rated the "
            "meetings with settlement workers 4.9 out of 5."
        ),
        "definition_fr": (
            "Note moyenne, de 1 (la plus basse) à 5 (la plus haute), que les répondants ont "
            "donnée dans le sondage d'évaluation de l'orientation à la façon dont elle a "
            "favorisé la communication entre répondants et intervenantes et intervenants en "
            f"établissement. Sont comptées toutes les personnes qui ont envoyé ce sondage et "
            f"{CONSENT_FR}. Cible : 4,5; lors du projet pilote, les répondants ont donné aux "
            "rencontres avec le personnel d'établissement une note de 4,9 sur 5."
        ),
    },
    {
        "code": "sponsor-prior-experience-rating",
        "kind": IndicatorKind.MEAN_RATING,
        "questions": ((SP_SURVEY, "prior-experience-rating"),),
        "target": None,
        "sort_order": 80,
        "name_en": "Earlier experience with settlement agencies (rating, baseline)",
        "name_fr": "Expérience antérieure avec les organismes d'établissement (note de départ)",
        "definition_en": (
            "Average rating, from 1 (lowest) to 5 (highest), that sponsors gave in the "
            "evaluation survey of the sponsor orientation to their experience of working with "
            "settlement agencies before the orientation. Counted: everyone who answered the "
            f"question {CONSENT_EN}; sponsors with no earlier experience skip it. A baseline to "
            "read the communication rating against, so it has no target: in the pilot, "
            "sponsors rated their earlier experience 3.6 out of 5."
        ),
        "definition_fr": (
            "Note moyenne, de 1 (la plus basse) à 5 (la plus haute), que les répondants ont "
            "donnée dans le sondage d'évaluation de l'orientation à leur expérience de travail "
            "avec les organismes d'établissement avant l'orientation. Sont comptées toutes les "
            f"personnes qui ont répondu à la question et {CONSENT_FR}; les répondants sans "
            "expérience antérieure la sautent. C'est un point de comparaison pour la note sur "
            "la communication, sans cible : lors du projet pilote, les répondants donnaient "
            "3,6 sur 5 à leur expérience antérieure."
        ),
    },
    {
        "code": "sponsor-role-understanding",
        "kind": IndicatorKind.MEAN_SCORE,
        "questions": SP_POST_ROLES,
        "target": "0.80",
        "sort_order": 90,
        "name_en": "Understanding of who does what (sponsors)",
        "name_fr": "Compréhension du partage des rôles (répondants)",
        "definition_en": (
            "Average share of tasks assigned to the right role (sponsor, settlement worker, "
            "shared or newcomer) in the two role-assignment questions of the sponsor "
            f"post-test. Counted: every submitted post-test attempt by a learner {CONSENT_EN}; "
            "a learner who takes the test again counts once per attempt. Target 0.80 (80% of "
            "tasks right)."
        ),
        "definition_fr": (
            "Part moyenne des tâches attribuées au bon rôle (répondant, intervenant·e en "
            "établissement, partagé ou nouvel arrivant) dans les deux questions d'attribution "
            "des rôles du test final de l'orientation des répondants. Sont comptées toutes les "
            f"tentatives envoyées par des personnes {CONSENT_FR}; une personne qui refait le "
            "test compte une fois par tentative. Cible : 0,80 (80 % des tâches bien "
            "attribuées)."
        ),
    },
    {
        "code": "sponsor-role-understanding-change",
        "kind": IndicatorKind.PRE_POST_CHANGE,
        "questions": SP_POST_ROLES,
        "pre_questions": SP_PRE_ROLES,
        "target": "0.15",
        "sort_order": 100,
        "name_en": "Gain in understanding of who does what (sponsors)",
        "name_fr": "Progrès dans la compréhension des rôles (répondants)",
        "definition_en": (
            "Average change, from the pre-test to the post-test of the sponsor orientation, in "
            "the share of tasks assigned to the right role in their role-assignment questions. "
            "Counted: learners who submitted both tests and agreed to their answers being used "
            "for program evaluation, each counted once (several post-test attempts are "
            "pooled). Target 0.15, that is 15 percentage points more tasks right after the "
            "orientation."
        ),
        "definition_fr": (
            "Variation moyenne, du test préalable au test final de l'orientation des "
            "répondants, de la part des tâches attribuées au bon rôle dans les questions "
            "d'attribution des rôles. Sont comptées les personnes qui ont envoyé les deux "
            "tests et qui ont accepté que leurs réponses servent à l'évaluation du programme, "
            "une fois chacune (plusieurs tentatives au test final sont regroupées). Cible : "
            "0,15, soit 15 points de pourcentage de tâches bien attribuées en plus après "
            "l'orientation."
        ),
    },
    {
        "code": "sponsor-post-test-pass-rate",
        "kind": IndicatorKind.PASS_RATE,
        "questions": SP_POST_ALL,
        "target": "0.80",
        "threshold": "70",
        "sort_order": 110,
        "name_en": "Post-test pass rate (sponsors)",
        "name_fr": "Taux de réussite au test final (répondants)",
        "definition_en": (
            "Share of submitted post-test attempts in the sponsor orientation that scored 70% "
            "or more over all the test's scored questions. Counted: every submitted attempt by "
            f"a learner {CONSENT_EN}; a learner who takes the test again counts once per "
            "attempt. Target 80%."
        ),
        "definition_fr": (
            "Part des tentatives envoyées au test final de l'orientation des répondants qui "
            "ont obtenu 70 % ou plus sur l'ensemble des questions notées. Sont comptées toutes "
            f"les tentatives envoyées par des personnes {CONSENT_FR}; une personne qui refait "
            "le test compte une fois par tentative. Cible : 80 %."
        ),
    },
    {
        "code": "events-helpful",
        "kind": IndicatorKind.SHARE_FAVOURABLE,
        "questions": ((EVENT_SURVEY, "event-helpful-local-resources"),),
        "target": "0.85",
        "sort_order": 120,
        "name_en": "Knowledge-exchange events helpful",
        "name_fr": "Activités d'échange de connaissances utiles",
        "definition_en": (
            "Share of attendees who answered “Very helpful” or “Somewhat helpful” when the "
            "evaluation survey of a knowledge-exchange event asked how helpful the event was in "
            "increasing their understanding of the local resources available to support "
            f"sponsored refugees. Counted: everyone who submitted that survey {CONSENT_EN}; "
            "“Not applicable” answers are excluded from the count. Target 85%; in the pilot, "
            "90% of the attendees surveyed at 5 events (70 participants) answered this way."
        ),
        "definition_fr": (
            "Part des participantes et participants qui ont répondu « Très utile » ou « Assez "
            "utile » quand le sondage d'évaluation d'une activité d'échange de connaissances "
            "leur demandait à quel point l'activité les avait aidés à mieux comprendre les "
            "ressources locales offertes pour soutenir les réfugiés parrainés. Sont comptées "
            f"toutes les personnes qui ont envoyé ce sondage et {CONSENT_FR}; les réponses "
            "« Sans objet » sont exclues du calcul. Cible : 85 %; lors du projet pilote, 90 % "
            "des personnes interrogées lors de 5 activités (70 participants) ont répondu ainsi."
        ),
    },
    # The Collaborative Action Plan (issue 18): read from the plans, not from answers.
    {
        "code": "plans-owned-before-arrival",
        "kind": IndicatorKind.PLAN_ALL_OWNED,
        "questions": (),
        "target": "0.8",
        "sort_order": 130,
        "name_en": "Plans with every task owned before arrival",
        "name_fr": "Plans dont chaque tâche avait une personne responsable avant l'arrivée",
        "definition_en": (
            "of plans had every task owned before arrival. Counted: every Collaborative Action "
            "Plan whose family's expected arrival date has passed; a plan counts when every "
            "task had someone responsible before that date. n counts plans. Target 80%"
        ),
        "definition_fr": (
            "des plans avaient une personne responsable pour chaque tâche avant l'arrivée. Sont "
            "comptées toutes les familles dont la date d'arrivée prévue est passée, un plan "
            "d'action concerté par famille; un plan compte quand chaque tâche avait une "
            "personne responsable avant cette date. n compte les plans. Cible : 80 %"
        ),
    },
    {
        "code": "plans-roles-match",
        "kind": IndicatorKind.PLAN_ROLES_MATCH,
        "questions": (),
        "target": "0.75",
        "sort_order": 140,
        "name_en": "Plan assignments that match the courses' role tables",
        "name_fr": "Tâches des plans attribuées comme dans les tableaux des rôles des cours",
        "definition_en": (
            "of the tasks assigned in the plans went to the owner the courses' role tables "
            "name. Counted: every task given an owner in a Collaborative Action Plan for which "
            "the role tables name one. n counts assignments; a group of fewer than 5 plans is "
            "never shown. Target 75%"
        ),
        "definition_fr": (
            "des tâches attribuées dans les plans l'ont été à la personne que nomment les "
            "tableaux des rôles des cours. Sont comptées toutes les tâches d'un plan d'action "
            "concerté qui ont une personne responsable et pour lesquelles les tableaux des "
            "rôles en nomment une. n compte les attributions; un groupe de moins de 5 plans "
            "n'est jamais affiché. Cible : 75 %"
        ),
    },
)

TEXT_FIELDS = ("name_en", "name_fr", "definition_en", "definition_fr")
DEFAULTS = {"threshold": "70", "min_group_size": 5, "pre_questions": ()}


def _decimal(value):
    return None if value is None else Decimal(value)


def _questions(refs):
    """The questions named by (quiz slug, question code), in order."""
    questions = []
    for slug, code in refs:
        question = Question.objects.filter(quiz__slug=slug, code=code).first()
        if question is None:
            raise LookupError(f"No question {code!r} in quiz {slug!r}: run seed_demo first.")
        questions.append(question)
    return questions


def _values(spec):
    spec = {**DEFAULTS, **spec}
    return {
        **{name: spec[name] for name in TEXT_FIELDS},
        "kind": spec["kind"],
        "target": _decimal(spec["target"]),
        "threshold": _decimal(spec["threshold"]),
        "min_group_size": spec["min_group_size"],
        "sort_order": spec["sort_order"],
    }


def _pks(manager):
    return {question.pk for question in manager.all()}


@transaction.atomic
def seed_demo_indicators():
    """Create or update the demo indicators; returns them in INDICATORS' order."""
    indicators = []
    for spec in INDICATORS:
        questions = _questions(spec["questions"])
        pre_questions = _questions(spec.get("pre_questions", ()))
        values = _values(spec)
        indicator = Indicator.objects.filter(code=spec["code"]).first()
        if indicator is None:
            indicator = Indicator(code=spec["code"])
        changed = indicator.pk is None
        for name, value in values.items():
            if getattr(indicator, name) != value:
                setattr(indicator, name, value)
                changed = True
        # Questions are a ParentalManyToManyField: set() is kept until the next save().
        if _pks(indicator.questions) != {question.pk for question in questions}:
            indicator.questions.set(questions)
            changed = True
        if _pks(indicator.pre_questions) != {question.pk for question in pre_questions}:
            indicator.pre_questions.set(pre_questions)
            changed = True
        if changed:
            indicator.save()
        indicator_record_version(indicator=indicator)
        indicators.append(indicator)
    return indicators
