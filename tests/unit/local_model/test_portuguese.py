"""Brazilian Portuguese CRM words in requests are read as English; English and Spanish text pass as before.

The examples are our own (people and companies invented here), written from the language."""

from __future__ import annotations

import pytest

from leadloom.agents.local.portuguese import from_portuguese, portuguese_words
from leadloom.agents.local.spanish import from_spanish, spanish_words


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        ("passa a Renata Lopes da Padaria Trigo Bom pro Marcos", "move Renata Lopes at Padaria Trigo Bom to Marcos"),
        ("marca o Caio Ferraz como desqualificado kkkk", "mark Caio Ferraz as disqualified"),
        ("deleta a Silvia Prado", "delete Silvia Prado"),
        (
            "cadastra o Beto: Roberto Dias Lima, roberto@ferrobrasa.com.br, sql, meu",
            "add Beto: Roberto Dias Lima, roberto@ferrobrasa.com.br, sql, owner me",
        ),
        ("me lembra de ligar pro Caio na quinta", "remind me to call Caio on thursday"),
        ("MQLs sem nenhum contato há 60 dias voltam pra lead", "MQLs with no contact in 60 days move to lead"),
        ("deals abertos acima de R$ 25.000,00?", "open deals over 25000 BRL?"),
        ("qual o telefone do Otto da Casa do Pão?", "give me the phone of Otto at Casa do Pão?"),
        ("muda ela pra cliente pfv", "move her to customer please"),
        ("quais contatos chegaram desde 03/02?", "which contacts created since 03/02?"),
        ("reagenda o follow da Silvia pra amanhã", "reschedule the follow up of Silvia to tomorrow"),
        (
            "os follow-ups do Otto que já venceram empurra tudo pra sexta",
            "Otto's overdue follow-ups move them to friday",
        ),
        ("lista os SQLs da Renata", "list the SQLs of Renata"),
    ],
)
def test_portuguese_words_read_as_english(mixed: str, english: str) -> None:
    assert from_portuguese(mixed) == english


def test_dictated_email_is_written_out() -> None:
    text = "novo contato Joana Reis email joana ponto reis arroba ferrobrasa ponto com ponto br"
    assert from_portuguese(text) == "new contact Joana Reis email joana.reis@ferrobrasa.com.br"


def test_company_keeps_its_own_da() -> None:
    # after a comma "da" opens the company's name; the "da" inside it ("Sabor da Serra") stays
    text = "add Lia Souto, lia@sabordaserra.com.br, da Sabor da Serra, como lead pfv"
    assert from_portuguese(text) == "add Lia Souto, lia@sabordaserra.com.br, da Sabor da Serra, as lead please"


@pytest.mark.parametrize(
    "text",
    [
        "Ana Paula Souza is now a customer",
        "move Paulo Costa to customer",
        "Luis de la Garza is now a customer",
        "upgrade Mia to the pro plan",  # "pro" is English too
        "add Rita da Silva from Café do Ponto, follow up friday",  # "da", "do" inside names
    ],
)
def test_english_with_portuguese_names_passes_unchanged(text: str) -> None:
    assert portuguese_words(text) == 0
    assert from_portuguese(text) == text


@pytest.mark.parametrize(
    "text",
    ["ponlo en opportunity y follow up el lunes", "Sunita Kapoor no es lead, es customer desde marzo"],
)
def test_spanish_stays_spanish(text: str) -> None:
    assert spanish_words(text) > portuguese_words(text)
    assert from_spanish(text) != text
