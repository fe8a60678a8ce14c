"""Value types: ``slot_init`` keeps a frozen dataclass's constructor contract while building it faster."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from contractlint.model import Block, Clause, Finding, Location, Provision, TextBox, TypedNumber, slot_init
from contractlint.rules.context import Hit

SLOT_INIT_TYPES = [TextBox, Location, TypedNumber, Block, Clause, Finding, Provision, Hit]


def _twin(cls: type) -> type:
    """The same fields in a plain frozen, slotted dataclass (with the dataclass's own ``__init__``)."""
    fields = [
        (f.name, f.type, dataclasses.field(default=f.default, compare=f.compare, repr=f.repr))
        if f.default is not dataclasses.MISSING
        else (f.name, f.type)
        for f in dataclasses.fields(cls)
    ]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True, slots=True)


@pytest.mark.parametrize("cls", SLOT_INIT_TYPES, ids=lambda c: c.__name__)
def test_slot_init_has_the_dataclass_signature(cls: type) -> None:
    assert inspect.signature(cls.__init__) == inspect.signature(_twin(cls).__init__)


@pytest.mark.parametrize("cls", SLOT_INIT_TYPES, ids=lambda c: c.__name__)
def test_slot_init_sets_every_field_and_stays_frozen(cls: type) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    values = {name: f"value-{i}" for i, name in enumerate(names)}
    by_keyword = cls(**values)
    by_position = cls(*values.values())
    twin = _twin(cls)(**values)
    for name in names:
        assert getattr(by_keyword, name) == getattr(by_position, name) == getattr(twin, name)
    assert by_keyword == by_position
    assert hash(by_keyword) == hash(by_position)
    assert pickle.loads(pickle.dumps(by_keyword)) == by_keyword
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(by_keyword, names[0], "changed")
    changed = dataclasses.replace(by_keyword, **{names[-1]: "other"})
    assert getattr(changed, names[-1]) == "other"


def test_slot_init_uses_the_defaults() -> None:
    assert Location(3, 5) == Location(start=3, end=5, story="body", boxes=())
    with pytest.raises(TypeError):
        Location(3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Location(3, 5, nonsense=1)  # type: ignore[call-arg]


def test_slot_init_refuses_a_default_factory() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="needs the dataclass's own __init__"):
        slot_init(WithFactory)
