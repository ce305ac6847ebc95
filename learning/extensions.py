"""Extension points: how a lower layer hears from a higher one without importing it.

The layers (README, Architecture) import downwards only. Where a lower layer needs something only
a higher one knows (a course page shows the learner's progress; deleting an account anonymises
quiz attempts), the lower layer declares an extension point in its own `extensions.py` and calls
it; the higher layer registers its function in `AppConfig.ready()`. Reading a layer's
`extensions.py` tells what it expects from above; `learning/apps.py` and `quizzes/apps.py` tell
who answers.

- `Hook`: any number of receivers, each called in registration order (account deleted, attempt
  submitted, sections of the privacy export).
- `Provider`: exactly one implementation with a default for when none is registered (a page's
  learner progress: none without the learner layers).
"""

from django.core.exceptions import ImproperlyConfigured


class Hook:
    """Callables registered by higher layers, all called with the same keyword arguments."""

    def __init__(self, name, *, arguments):
        self.name = name
        self.arguments = tuple(arguments)
        self._receivers = []

    def __repr__(self):
        return f"<Hook {self.name} ({len(self._receivers)} receivers)>"

    def register(self, receiver):
        """Add `receiver` (once: registering it again changes nothing); usable as a decorator."""
        if receiver not in self._receivers:
            self._receivers.append(receiver)
        return receiver

    def unregister(self, receiver):
        self._receivers.remove(receiver)

    @property
    def receivers(self):
        return tuple(self._receivers)

    def __call__(self, **kwargs):
        """Call every receiver; returns their results in registration order."""
        self._check(kwargs)
        return [receiver(**kwargs) for receiver in self._receivers]

    def _check(self, kwargs):
        if set(kwargs) != set(self.arguments):
            raise TypeError(f"{self.name} takes {self.arguments}, got {tuple(kwargs)}")


class Provider(Hook):
    """One implementation, supplied by a higher layer; `default` answers until it is."""

    def __init__(self, name, *, arguments, default):
        super().__init__(name, arguments=arguments)
        self.default = default

    def __repr__(self):
        return f"<Provider {self.name}: {self.implementation!r}>"

    def register(self, receiver):
        if self._receivers and self._receivers[0] is not receiver:
            raise ImproperlyConfigured(
                f"{self.name} is already provided by {self._receivers[0]!r}; "
                f"{receiver!r} cannot provide it too."
            )
        return super().register(receiver)

    @property
    def implementation(self):
        return self._receivers[0] if self._receivers else self.default

    def __call__(self, **kwargs):
        self._check(kwargs)
        return self.implementation(**kwargs)
