"""The refusal every quiz service raises, for views and the API to answer with."""


class QuizError(Exception):
    """A refusal the learner reads: translated message, machine code, HTTP status."""

    def __init__(self, message, *, code, status=400, details=None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.status = status
        self.details = details or {}
