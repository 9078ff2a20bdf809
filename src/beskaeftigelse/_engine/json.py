"""JSON for programmes and courses through a cattrs converter the library makes.

The converter is strict: a string is not an int, a float is not an int, an unknown field is
an error, a date is ``YYYY-MM-DD``. Every failure becomes one
:class:`~beskaeftigelse.exceptions.ValidationError` whose ``errors`` list every bad field as
``"reason @ $.path"``. Courses are stored as their programme and history; loading one replays
the history, so a stored course that its programme would refuse does not load.

A course's programme definition is embedded in its document, or (``definitions="reference"``)
referenced by key, version and content digest: the SHA-256 of the definition's canonical JSON
(keys sorted, no spaces, UTF-8), written ``sha256:<hex>``.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Literal, TypeVar, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from beskaeftigelse._engine.events import EVENT_TYPES, Event
from beskaeftigelse._engine.machine import GUARD_TYPES, Guard
from beskaeftigelse._engine.programme import Programme, ProgrammeDefinition
from beskaeftigelse._kernel.errors import BeskaeftigelseError, ValidationError
from beskaeftigelse._kernel.references import Cpr

T = TypeVar("T")

#: The schema version written into every document; documents of later versions are refused.
SCHEMA_VERSION = 1

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_DOCUMENT = 10_000_000


def _structure_date(value: object, _type: object) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValidationError("must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError("is not a real calendar date") from None


def _structure_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"must be a string, not {_json_type(value)}")
    return value


def _structure_int(value: object, _type: object) -> int:
    if type(value) is not int:
        raise ValidationError(f"must be a whole number, not {_json_type(value)}")
    return value


def _structure_bool(value: object, _type: object) -> bool:
    if type(value) is not bool:
        raise ValidationError(f"must be true or false, not {_json_type(value)}")
    return value


def _json_type(value: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            pass
    raise ValidationError(f"must be one of {sorted(str(m.value) for m in cls)}")


def _tagged(
    converter: cattrs.Converter, registry: Mapping[str, type[Any]], tag: str
) -> Callable[[object, object], Any]:
    hooks: dict[str, tuple[type[Any], Callable[[Any, Any], Any], bool]] = {}

    def structure(value: object, _type: object) -> Any:
        if not isinstance(value, dict):
            raise ValidationError(f"must be an object, not {_json_type(value)}")
        kind = value.get(tag)
        cls = registry.get(kind) if isinstance(kind, str) else None
        if cls is None:
            raise ValidationError(f"{tag!r} must be one of {sorted(registry)}")
        found = hooks.get(kind)  # type: ignore[arg-type]
        if found is None or found[0] is not cls:
            only_on = [f.name for f in attrs.fields(cls)] == ["on"]
            found = (cls, converter.get_structure_hook(cls), only_on)
            hooks[kind] = found  # type: ignore[index]
        if found[2] and len(value) == 2:  # the tag and "on"
            # Most events are a kind and a date: read them directly; anything unusual takes
            # the detailed path below, which reports it with its path.
            on = value.get("on")
            if type(on) is str and _ISO_DATE.fullmatch(on):
                try:
                    return cls(date.fromisoformat(on))
                except ValueError:
                    pass
        hook = found[1]
        rest = value.copy()
        del rest[tag]
        return hook(rest, cls)

    return structure


def _sequences(converter: cattrs.Converter) -> Callable[[Any], Any]:
    """Structure ``tuple[X, ...]`` and ``frozenset[X]`` from JSON arrays only, with index paths."""

    def factory(t: Any) -> Callable[[object, object], Any]:
        origin = tuple if get_origin(t) is tuple else frozenset
        item = get_args(t)[0]
        item_hook = converter.get_structure_hook(item)

        def structure(value: object, _type: object) -> Any:
            if not isinstance(value, list):
                raise ValidationError(f"must be an array, not {_json_type(value)}")
            out, errors = [], []
            for i, v in enumerate(value):
                try:
                    out.append(item_hook(v, item))
                except Exception as exc:  # noqa: BLE001 - collected and reported with the path
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring item @ index {i}", i, item),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return origin(out)

        return structure

    return factory


def _is_sequence(t: Any) -> bool:
    args = get_args(t)
    if get_origin(t) is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return get_origin(t) is frozenset and len(args) == 1


def _objects(converter: cattrs.Converter) -> Callable[[Any], Any]:
    """Structure attrs classes from JSON objects only."""

    def factory(cls: Any) -> Callable[[object, object], Any]:
        fields = make_dict_structure_fn(cls, converter)

        def structure(value: object, _type: object) -> Any:
            if not isinstance(value, dict):
                raise ValidationError(f"must be an object, not {_json_type(value)}")
            return fields(value, cls)

        return structure

    return factory


def _is_attrs(t: Any) -> bool:
    return attrs.has(t) or attrs.has(get_origin(t) or int)


def _tagging(
    converter: cattrs.Converter, cls: type[Any], tag_value: str
) -> Callable[[Any], dict[str, Any]]:
    fields = make_dict_unstructure_fn(cls, converter)

    def unstructure(obj: Any) -> dict[str, Any]:
        return {"type": tag_value, **fields(obj)}

    return unstructure


def _structure_cpr(value: object, _type: object) -> Cpr:
    if not isinstance(value, dict) or set(value) != {"cpr"}:
        raise ValidationError('must be an object with just "cpr"')
    try:
        return Cpr(value["cpr"])
    except ValidationError as exc:
        raise ValidationError(exc.reason, path="cpr") from None


def _structure_participant(value: object, _type: object) -> str | Cpr:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _structure_cpr(value, Cpr)
    raise ValidationError(f'must be a reference or {{"cpr": ...}}, not {_json_type(value)}')


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach ``converter`` the library's types (the cattrs "preconf" pattern).

    Dates become ``YYYY-MM-DD`` strings, enums their values, sets sorted lists, events and
    guards objects tagged with their ``type``. Scalars are structured strictly.
    """
    converter.register_structure_hook_factory(_is_attrs, _objects(converter))
    converter.register_structure_hook_factory(_is_sequence, _sequences(converter))
    converter.register_unstructure_hook(date, date.isoformat)
    # A CPR number is written as {"cpr": "..."}; the caller chose to keep it with the course.
    converter.register_unstructure_hook(Cpr, lambda cpr: {"cpr": cpr.reveal()})
    converter.register_structure_hook(Cpr, _structure_cpr)
    converter.register_structure_hook_func(
        lambda t: set(get_args(t)) == {str, Cpr}, _structure_participant
    )
    converter.register_structure_hook(date, _structure_date)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    converter.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value
    )

    def unstructure_set(value: frozenset[Any]) -> list[Any]:
        items = [converter.unstructure(v) for v in value]
        return sorted(items)

    converter.register_unstructure_hook_func(
        lambda t: t in (frozenset, set) or getattr(t, "__origin__", None) in (frozenset, set),
        unstructure_set,
    )

    converter.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and t is not Event and issubclass(t, Event),
        lambda cls: _tagging(converter, cls, cls.kind),
    )
    converter.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and t is not Guard and issubclass(t, Guard),
        lambda cls: _tagging(converter, cls, cls.type),
    )
    by_class: dict[type[Any], Callable[[Any], Any]] = {}

    def unstructure_subclass(obj: Any) -> Any:
        # A field typed Event or Guard holds a subclass; find its hook once per class.
        hook = by_class.get(type(obj))
        if hook is None:
            hook = by_class[type(obj)] = converter.get_unstructure_hook(type(obj))
        return hook(obj)

    converter.register_unstructure_hook_func(lambda t: t in (Event, Guard), unstructure_subclass)
    # Function hooks match the base class only; a class hook would also catch the subclasses.
    converter.register_structure_hook_func(
        lambda t: t is Event, _tagged(converter, EVENT_TYPES, "type")
    )
    converter.register_structure_hook_func(
        lambda t: t is Guard, _tagged(converter, GUARD_TYPES, "type")
    )


def make_converter() -> cattrs.Converter:
    """A new converter for the library's types (never cattrs' global one).

    >>> conv = make_converter()
    >>> from datetime import date
    >>> conv.unstructure(date(2020, 11, 1))
    '2020-11-01'
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter)
    return converter


def _content_key(value: Any) -> str | bytes:
    try:
        import orjson  # noqa: PLC0415 - optional; the standard library does the same, slower
    except ImportError:
        return json.dumps(value, separators=(",", ":"))
    try:
        return orjson.dumps(value)
    except TypeError:  # a number beyond 64 bits, which the standard library encodes
        return json.dumps(value, separators=(",", ":"))


def _programmes_by_memo(converter: cattrs.Converter) -> Callable[[Any, Any], Programme]:
    """Resolve programmes through their definition's memo of programmes by date."""
    detailed = converter.get_structure_hook(Programme)
    definitions = converter.get_structure_hook(ProgrammeDefinition)

    def structure(value: Any, cls: Any) -> Programme:
        try:
            definition = definitions(value["definition"], ProgrammeDefinition)
            day = _structure_date(value["on"], date)
            if len(value) != 2:  # "definition" and "on", nothing else
                raise ValueError  # noqa: TRY301 - handled right below
        except Exception:  # noqa: BLE001 - the detailed path reports it with its path
            return cast("Programme", detailed(value, cls))
        return cast("Programme", definition.on(day))

    return structure


def _with_definition_caches(converter: cattrs.Converter) -> cattrs.Converter:
    """Memoise programme definitions, which every stored course embeds.

    Definitions are immutable, so a definition read from equal JSON content is shared, and the
    JSON of a definition already written is reused. Only the module's own converter does this
    (its results go straight to ``json``); ``make_converter()`` returns plain converters.
    """
    unstructure = converter.get_unstructure_hook(ProgrammeDefinition)
    structure = converter.get_structure_hook(ProgrammeDefinition)
    written: weakref.WeakKeyDictionary[ProgrammeDefinition, Any] = weakref.WeakKeyDictionary()
    read: OrderedDict[str | bytes, ProgrammeDefinition] = OrderedDict()

    def unstructure_cached(definition: ProgrammeDefinition) -> Any:
        document = written.get(definition)
        if document is None:
            document = written[definition] = unstructure(definition)
        return document

    def structure_cached(value: Any, cls: Any) -> ProgrammeDefinition:
        if isinstance(value, ProgrammeDefinition):  # a reference, resolved by from_json
            return value
        # The value came from a JSON parser, so it encodes. Its encoding is the key: unlike
        # ``==`` it tells 1 from true and 1.0, so a cached definition never stands in for a
        # document that would not have been read. orjson encodes it fastest, when installed.
        key = _content_key(value)
        found = read.get(key)
        if found is None:
            found = read[key] = cast("ProgrammeDefinition", structure(value, cls))
            if len(read) > _DEFINITION_CACHE:
                read.popitem(last=False)
        return found

    converter.register_unstructure_hook(ProgrammeDefinition, unstructure_cached)
    converter.register_structure_hook(ProgrammeDefinition, structure_cached)
    converter.register_structure_hook(Programme, _programmes_by_memo(converter))
    return converter


_DEFINITION_CACHE = 64
_CONVERTER = _with_definition_caches(make_converter())


Backend = Literal["json", "orjson"]


def _orjson() -> Any:
    try:
        import orjson  # noqa: PLC0415 - an optional extra, loaded only when asked for
    except ImportError:
        raise ImportError(
            "the orjson backend needs orjson: pip install 'beskaeftigelse[orjson]'"
        ) from None
    return orjson


Definitions = Literal["embed", "reference"]

_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
_digests: weakref.WeakKeyDictionary[ProgrammeDefinition, str] = weakref.WeakKeyDictionary()


def definition_digest(definition: ProgrammeDefinition) -> str:
    """The content digest of ``definition``: ``sha256:`` and the hex SHA-256 of its JSON.

    The JSON is the definition's document without the schema key, with keys sorted, no
    spaces and UTF-8 text, so equal definitions have equal digests whatever wrote them.
    """
    found = _digests.get(definition)
    if found is None:
        data = _CONVERTER.unstructure(definition, unstructure_as=ProgrammeDefinition)
        canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        found = _digests[definition] = "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()
    return found


def _reference(programme: Any) -> dict[str, Any]:
    definition = programme.definition
    return {
        "reference": {
            "key": definition.key,
            "version": definition.validity.start.isoformat(),
            "digest": definition_digest(definition),
        },
        "on": programme.on.isoformat(),
    }


def to_json(
    value: Any,
    *,
    indent: int | None = None,
    backend: Backend = "json",
    definitions: Definitions = "embed",
) -> str:
    """``value`` (a course, programme, definition, event, timeline, ...) as a JSON document.

    The document carries ``"schema": SCHEMA_VERSION`` next to the value's fields.

    Args:
        value: What to write.
        indent: Indent nested levels by this many spaces (``backend="orjson"``: 2 only).
        backend: ``"json"`` (the standard library) or ``"orjson"`` (the ``orjson`` extra:
            faster, same document up to whitespace).
        definitions: For a course or a programme, ``"embed"`` its programme definition (a
            self-contained document) or write a ``"reference"`` to it (key, version and
            content digest; reading it back needs the definition, see :func:`from_json`).

    Raises:
        ImportError: ``backend="orjson"`` without the extra installed.
        ValidationError: ``definitions`` is neither ``"embed"`` nor ``"reference"``.
    """
    if definitions not in ("embed", "reference"):
        raise ValidationError('must be "embed" or "reference"', path="definitions")
    data = _CONVERTER.unstructure(value, unstructure_as=type(value))
    if definitions == "reference":
        if isinstance(value, Programme):
            data = _reference(value)
        elif isinstance(data, dict) and isinstance(getattr(value, "programme", None), Programme):
            data = {**data, "programme": _reference(value.programme)}
    document = {"schema": SCHEMA_VERSION, **data} if isinstance(data, dict) else data
    if backend == "orjson":
        orjson = _orjson()
        option = orjson.OPT_INDENT_2 if indent else 0
        return orjson.dumps(document, option=option).decode()  # type: ignore[no-any-return]
    return json.dumps(document, ensure_ascii=False, indent=indent)


def from_json(
    text: str | bytes,
    cls: type[T],
    *,
    backend: Backend = "json",
    definitions: Iterable[ProgrammeDefinition] | None = None,
) -> T:
    """Read a ``cls`` from a JSON document written by :func:`to_json`.

    Args:
        text: The document.
        cls: The type to read, e.g. ``Course``.
        backend: ``"json"`` (the standard library) or ``"orjson"`` (the ``orjson`` extra).
        definitions: Where to find a programme definition the document references instead of
            embedding: a :class:`~beskaeftigelse.Catalogue`, a store's ``definitions()``, or
            any definitions. The one with the referenced content digest is used.

    Raises:
        ValidationError: The document is not valid JSON, is of an unknown schema version, or
            does not describe a valid ``cls``; ``errors`` lists every bad field with its path.
            A referenced definition that ``definitions`` lacks, or whose content has another
            digest than the reference says, is refused.
        ImportError: ``backend="orjson"`` without the extra installed.
    """
    data = _load(text, backend)
    if isinstance(data, dict) and attrs.has(cls):
        data = migrate(data)
        del data["schema"]
        if cls is Programme and "reference" in data:
            data = _resolve(data, definitions, "$")
        elif isinstance(data.get("programme"), dict) and "reference" in data["programme"]:
            data["programme"] = _resolve(data["programme"], definitions, "$.programme")
    return structure(data, cls)


def _read_reference(programme: dict[str, Any], path: str) -> tuple[str, str, str]:
    """The key, version and digest of a programme document that references its definition."""
    ref = programme["reference"]
    if set(programme) != {"reference", "on"}:
        raise ValidationError(
            f"unknown fields {sorted(set(programme) - {'reference', 'on'})}", path=path
        )
    if not isinstance(ref, dict) or set(ref) != {"key", "version", "digest"}:
        raise ValidationError(
            'must be an object of "key", "version" and "digest"', path=f"{path}.reference"
        )
    key, version, digest = ref["key"], ref["version"], ref["digest"]
    if not isinstance(key, str):
        raise ValidationError("must be a string", path=f"{path}.reference.key")
    if not isinstance(version, str) or not _ISO_DATE.fullmatch(version):
        raise ValidationError("must be a date written YYYY-MM-DD", path=f"{path}.reference.version")
    if not isinstance(digest, str) or not _DIGEST.fullmatch(digest):
        raise ValidationError(
            'must be "sha256:" and 64 hex digits', path=f"{path}.reference.digest"
        )
    return key, version, digest


def _resolve(
    programme: dict[str, Any], definitions: Iterable[ProgrammeDefinition] | None, path: str
) -> dict[str, Any]:
    """The programme document with its referenced definition put in place of the reference."""
    key, version, digest = _read_reference(programme, path)
    if definitions is None:
        raise ValidationError(
            "the programme definition is referenced, not embedded: pass definitions= "
            "(a catalogue, or a store's definitions())",
            path=f"{path}.reference",
        )
    same_version = None
    for definition in definitions:
        if not isinstance(definition, ProgrammeDefinition):
            raise ValidationError("must contain ProgrammeDefinition values", path="definitions")
        if definition_digest(definition) == digest:
            if definition.key != key or definition.validity.start.isoformat() != version:
                break  # the content is right but the reference's names are not: refuse below
            return {"definition": definition, "on": programme["on"]}
        if definition.key == key and definition.validity.start.isoformat() == version:
            same_version = definition
    if same_version is not None:
        raise ValidationError(
            f"references {key!r} version {version} with digest {digest}, but that definition "
            f"has digest {definition_digest(same_version)}: its content is not the one the "
            "course was written with",
            path=f"{path}.reference.digest",
        )
    raise ValidationError(
        f"no definition of {key!r} version {version} with digest {digest} among the "
        "definitions given",
        path=f"{path}.reference",
    )


Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: The migrations of stored documents, by the schema version each one upgrades from (to the
#: next). Schema 1 is the first, so there are none yet; each later version adds its step here,
#: with a fixture of the old version in the tests.
MIGRATIONS: Mapping[int, Migration] = MappingProxyType({})


def migrate(
    document: dict[str, Any],
    *,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    to: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Bring a parsed document up to schema version ``to``, one migration at a time.

    The document is not changed; each step returns a new one. :func:`from_json` calls this,
    so a document written by an older version of the library loads.

    Args:
        document: A parsed JSON document with a ``"schema"`` version.
        migrations: The steps, by the version each upgrades from.
        to: The version to reach.

    Raises:
        ValidationError: The document has no valid schema version, a version newer than
            ``to`` (written by a later version of the library), or one no migration covers.

    >>> migrate({"schema": 1, "history": []})
    {'schema': 1, 'history': []}
    """
    version = document.get("schema")
    if version is None:
        raise ValidationError("the document has no schema version", path="$.schema")
    if type(version) is not int or version < 1:
        raise ValidationError("must be a whole number from 1", path="$.schema")
    if version > to:
        raise ValidationError(
            f"unknown schema version {version}; this library reads versions up to {to}",
            path="$.schema",
        )
    document = dict(document)
    while version < to:
        step = migrations.get(version)
        if step is None:
            raise ValidationError(f"no migration from schema version {version}", path="$.schema")
        try:
            document = step(dict(document))
        except Exception as exc:  # noqa: BLE001 - an old document a step cannot read
            raise ValidationError(
                f"cannot be migrated from schema version {version} ({type(exc).__name__})"
            ) from None
        version += 1
        document["schema"] = version
    return document


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from already parsed JSON data (no schema key), with path errors."""
    try:
        return _CONVERTER.structure(data, cls)
    except BeskaeftigelseError as exc:
        problems = [_located(exc, "$")]
    except (ClassValidationError, IterableValidationError) as exc:
        problems = _walk(exc, "$")
    except Exception as exc:  # noqa: BLE001 - anything else a hostile document causes
        problems = [("$", f"cannot be read ({type(exc).__name__})")]
    path, reason = problems[0]
    raise ValidationError(reason, path=path, errors=tuple(f"{r} @ {p}" for p, r in problems))


def _load(text: str | bytes, backend: Backend = "json") -> Any:
    if not isinstance(text, (str, bytes, bytearray)):
        raise ValidationError(f"a JSON document must be text, not {type(text).__name__}")
    if len(text) > _MAX_DOCUMENT:
        raise ValidationError(f"the document is longer than {_MAX_DOCUMENT} characters")
    loads = _orjson().loads if backend == "orjson" else json.loads
    try:
        return loads(text)
    except RecursionError:
        raise ValidationError("the document is nested too deeply") from None
    except UnicodeDecodeError:
        raise ValidationError("the document is not valid UTF-8") from None
    except ValueError as exc:
        raise ValidationError(f"not valid JSON ({str(exc).split(':')[0]})") from None


def _join(path: str, inner: str) -> str:
    if inner in ("", "$"):
        return path
    inner = inner.removeprefix("$")
    return f"{path}{inner}" if inner.startswith(("[", ".")) else f"{path}.{inner}"


def _located(exc: BaseException, path: str) -> tuple[str, str]:
    if isinstance(exc, ValidationError):
        return _join(path, exc.path), exc.reason
    if isinstance(exc, BeskaeftigelseError):
        return path, str(exc)
    if isinstance(exc, KeyError):
        return path, f"required field {exc.args[0]!r} is missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return path, f"unknown fields {sorted(exc.extra_fields)}"
    return path, f"invalid value ({type(exc).__name__})"


def _walk(exc: BaseException, path: str) -> list[tuple[str, str]]:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        found: list[tuple[str, str]] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = getattr(note, "name", None)
            index = getattr(note, "index", None)
            step = f"{path}.{name}" if name is not None else f"{path}[{index!r}]"
            found.extend(_walk(sub, step))
        for sub in without:
            found.extend(_walk(sub, path))
        return found
    return [_located(exc, path)]
