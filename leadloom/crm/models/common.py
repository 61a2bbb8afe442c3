"""Field types shared by the record models (cleaned text, emails, phones, tags) and the parsing helper
that turns pydantic's errors into Leadloom's ValidationError with per-field messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

import pydantic
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

from leadloom.crm import normalize
from leadloom.crm.errors import ValidationError

M = TypeVar("M", bound=BaseModel)


def _text(max_len: int, *, empty_is_none: bool) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None:
            return None
        text = normalize.clean_text(value, max_len=max_len)
        return None if empty_is_none and not text else text

    return check


def _required(value: str) -> str:
    text = normalize.clean_text(value, max_len=300)
    if not text:
        raise ValueError("is required")
    return text


def _email(value: str) -> str:
    return normalize.email(value)


def _phone(value: str) -> str:
    # Digits without a country code stay digits here; the services place them in the organization's country.
    return normalize.phone_typed(value)


def _tag(value: str) -> str:
    return normalize.tag(value)


def _listify(value: Any) -> Any:
    # "a, b" and a bare string are what people (and models) send for list fields; blanks are not values.
    if isinstance(value, str):
        return [v for v in (p.strip() for p in value.split(",")) if v]
    if isinstance(value, list | tuple):
        return [v for v in value if not (isinstance(v, str) and not v.strip())]
    return value


def _blank_is_none(value: Any) -> Any:
    # A blank email or phone from a form or a spreadsheet means "none", not "invalid".
    return None if isinstance(value, str) and not value.strip() else value


# Names may be empty ("" is a legal first_name); other optional text collapses "" to None.
NameText = Annotated[str, AfterValidator(_text(200, empty_is_none=False))]
ShortText = Annotated[str, AfterValidator(_text(300, empty_is_none=True))]
RequiredText = Annotated[str, AfterValidator(_required)]
Email = Annotated[str, AfterValidator(_email)]
Phone = Annotated[str, AfterValidator(_phone)]
OptionalEmail = Annotated[Email | None, BeforeValidator(_blank_is_none)]
OptionalPhone = Annotated[Phone | None, BeforeValidator(_blank_is_none)]
Tag = Annotated[str, AfterValidator(_tag)]
EmailList = Annotated[list[Email], BeforeValidator(_listify)]
PhoneList = Annotated[list[Phone], BeforeValidator(_listify)]
TagList = Annotated[list[Tag], BeforeValidator(_listify)]
StrList = Annotated[list[str], BeforeValidator(_listify)]


def dedupe(items: list[str]) -> list[str]:
    """Order-preserving de-duplication (the first email/phone is the primary one)."""
    return list(dict.fromkeys(items))


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=10_000)


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def field_errors(exc: pydantic.ValidationError) -> list[dict[str, str]]:
    errors = []
    for e in exc.errors():
        loc = ".".join(str(p) for p in e.get("loc", ())) or "body"
        msg = str(e.get("msg", "invalid")).removeprefix("Value error, ")
        errors.append({"field": loc, "message": msg})
    return errors


def parse(model: type[M], data: M | Mapping[str, Any]) -> M:
    """``data`` as ``model``: services accept a model or a plain dict (tools send dicts); bad input becomes
    a ValidationError naming each field, never a pydantic exception leaking out of the CRM."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data if isinstance(data, Mapping) else dict(data))  # type: ignore[arg-type]
    except pydantic.ValidationError as exc:
        errors = field_errors(exc)
        raise ValidationError("; ".join(f"{e['field']}: {e['message']}" for e in errors[:5]), errors=errors) from None


class SearchHit(Output):
    type: Literal["contact", "company", "deal"]
    id: UUID
    title: str
    subtitle: str | None = None
    rank: float
