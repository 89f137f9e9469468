import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anycord.snowflakes import (
    DISCORD_EPOCH,
    Snowflake,
    calculate_shard_id,
    to_snowflake,
)

# The example from Discord's reference.mdx ("Snowflake ID Format Structure").
DOC_ID = Snowflake(175928847299117063)


def test_documented_example_decodes() -> None:
    assert DOC_ID.timestamp == 41944705796
    assert DOC_ID.created_at == datetime.datetime(
        2016, 4, 30, 11, 18, 25, 796000, tzinfo=datetime.UTC
    )
    assert DOC_ID.internal_worker_id == 1
    assert DOC_ID.internal_process_id == 0
    assert DOC_ID.increment == 7
    assert DOC_ID.worker_id == 1
    assert DOC_ID.process_id == 0


@given(
    st.integers(0, (1 << 42) - 1),
    st.integers(0, 31),
    st.integers(0, 31),
    st.integers(0, 4095),
)
def test_from_data_round_trips(ts: int, worker: int, process: int, inc: int) -> None:
    sf = Snowflake.from_data(ts, worker, process, inc)
    assert (sf.timestamp, sf.worker_id, sf.process_id, sf.increment) == (ts, worker, process, inc)
    assert Snowflake.min() <= sf <= Snowflake.max()


def test_from_datetime_is_the_smallest_id_of_that_instant() -> None:
    when = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    sf = Snowflake.from_datetime(when)
    assert sf.created_at == when
    assert sf.increment == sf.worker_id == sf.process_id == 0
    naive = Snowflake.from_datetime(datetime.datetime(2020, 1, 1))
    assert naive == sf


def test_from_datetime_before_epoch_is_refused() -> None:
    with pytest.raises(ValueError, match="before the Discord epoch"):
        Snowflake.from_datetime(datetime.datetime(2014, 1, 1, tzinfo=datetime.UTC))


@pytest.mark.parametrize(
    ("args"), [(0, 32, 0, 0), (0, 0, 32, 0), (0, 0, 0, 4096), (1 << 42, 0, 0, 0)]
)
def test_from_data_rejects_out_of_range_parts(args: tuple[int, int, int, int]) -> None:
    with pytest.raises(ValueError, match="must"):
        Snowflake.from_data(*args)


def test_min_max() -> None:
    assert Snowflake.min() == 0
    assert Snowflake.max() == (1 << 64) - 1
    assert Snowflake.min().created_at.timestamp() * 1000 == DISCORD_EPOCH


def test_is_an_int() -> None:
    assert DOC_ID == 175928847299117063
    assert hash(DOC_ID) == hash(175928847299117063)
    by_id: dict[int, int] = {DOC_ID: 1}
    assert by_id[175928847299117063] == 1


class HasId:
    def __init__(self, id_: int) -> None:
        self._id = Snowflake(id_)

    @property
    def id(self) -> Snowflake:
        return self._id


def test_to_snowflake_accepts_ids_strings_and_objects() -> None:
    assert to_snowflake("123") == 123
    assert to_snowflake(123) == 123
    assert to_snowflake(HasId(5)) == 5
    assert isinstance(to_snowflake(7), Snowflake)


@pytest.mark.parametrize("bad", [True, 1.5, None, -1, 1 << 64])
def test_to_snowflake_rejects_garbage(bad: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        to_snowflake(bad)  # type: ignore[arg-type]


def test_to_snowflake_rejects_non_numeric_string() -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        to_snowflake("abc")


@given(st.integers(0, (1 << 64) - 1), st.integers(1, 5000))
def test_shard_id_matches_discords_formula(guild_id: int, shards: int) -> None:
    assert calculate_shard_id(shards, guild_id) == (guild_id >> 22) % shards
    assert 0 <= calculate_shard_id(shards, HasId(guild_id)) < shards


def test_shard_count_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        calculate_shard_id(0, 1)
