"""Objects kept by reference in this process, for what every request reads and rarely changes.

Django's local-memory cache pickles every value it stores and unpickles it on every read: for a
quiz with its twenty questions and their choices that costs more than the queries it saves
(bench/burst.py, issue 10). This keeps the objects themselves. Whoever reads them must treat
them as read-only: they are shared by every request and thread of the process. Keys carry the
version of what they hold (a quiz's revision and last change), so an edit is a new key rather
than an invalidation; entries also expire, and the least recently used go first.
"""

import threading
import time
import weakref
from collections import OrderedDict


class InProcessCache:
    _every = weakref.WeakSet()

    def __init__(self, *, max_entries, seconds):
        self.max_entries = max_entries
        self.seconds = seconds
        self._entries = OrderedDict()  # key -> (expires at, value)
        self._lock = threading.Lock()
        InProcessCache._every.add(self)

    @classmethod
    def clear_all(cls):
        """Empty every such cache (the tests do, as rolled-back rows give their ids again)."""
        for cache in list(cls._every):
            cache.clear()

    def get(self, key, default=None):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return default
            expires_at, value = entry
            if expires_at <= time.monotonic():
                del self._entries[key]
                return default
            self._entries.move_to_end(key)
            return value

    def set(self, key, value):
        with self._lock:
            self._entries[key] = (time.monotonic() + self.seconds, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()

    def __len__(self):
        return len(self._entries)
