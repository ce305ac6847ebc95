from learning.in_process import InProcessCache


def test_the_same_object_comes_back_not_a_copy():
    cache = InProcessCache(max_entries=10, seconds=60)
    quiz = {"questions": [1, 2, 3]}
    cache.set("quiz:1", quiz)
    assert cache.get("quiz:1") is quiz
    assert cache.get("quiz:2") is None
    assert cache.get("quiz:2", "absent") == "absent"


def test_an_entry_expires(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("learning.in_process.time.monotonic", lambda: now[0])
    cache = InProcessCache(max_entries=10, seconds=60)
    cache.set("quiz:1", "v1")
    now[0] += 59
    assert cache.get("quiz:1") == "v1"
    now[0] += 2
    assert cache.get("quiz:1") is None
    assert len(cache) == 0


def test_the_least_recently_used_goes_first_when_full():
    cache = InProcessCache(max_entries=2, seconds=60)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.get("a")  # read lately: kept
    cache.set("c", 3)
    assert cache.get("a") == 1
    assert cache.get("b") is None
    assert cache.get("c") == 3


def test_clear_all_empties_every_cache():
    first = InProcessCache(max_entries=2, seconds=60)
    second = InProcessCache(max_entries=2, seconds=60)
    first.set("a", 1)
    second.set("b", 2)
    InProcessCache.clear_all()
    assert first.get("a") is None
    assert second.get("b") is None
