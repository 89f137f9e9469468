import copy
import pickle

from anycord.undefined import (
    UNDEFINED,
    UndefinedType,
    all_undefined,
    any_undefined,
    count,
    is_undefined,
)


def test_singleton_survives_copy_and_pickle() -> None:
    assert copy.copy(UNDEFINED) is UNDEFINED
    assert copy.deepcopy(UNDEFINED) is UNDEFINED
    assert pickle.loads(pickle.dumps(UNDEFINED)) is UNDEFINED
    assert UndefinedType.UNDEFINED is UNDEFINED


def test_falsy_and_distinct_from_none() -> None:
    assert not UNDEFINED
    assert UNDEFINED is not None
    assert UNDEFINED != None  # noqa: E711 - the point of the test
    assert repr(UNDEFINED) == str(UNDEFINED) == "UNDEFINED"


def test_helpers() -> None:
    assert is_undefined(UNDEFINED)
    assert not is_undefined(None)
    assert all_undefined()
    assert all_undefined(UNDEFINED, UNDEFINED)
    assert not all_undefined(UNDEFINED, None)
    assert any_undefined(1, UNDEFINED)
    assert not any_undefined(1, None)
    assert count(UNDEFINED, 1, UNDEFINED, None) == 2
