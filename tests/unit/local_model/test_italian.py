"""Italian CRM words in requests are read as English; English, Spanish and Portuguese text pass as before.

The examples are our own (people and companies invented here), written from the language."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.italian import from_italian, italian_words
from leadloom.agents.local.model import normalize_request
from leadloom.agents.local.portuguese import portuguese_words
from leadloom.agents.local.spanish import spanish_words
from tests.unit.local_model.conftest import TODAY, declined, model_for
from tests.unit.local_model.conftest import contact_calls as _calls


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        # stages, with the pronoun the verb carries
        ("mettila come cliente Giulia Serra, grazie", "move her to customer Giulia Serra, thanks"),
        ("Piero Landi passalo a SQL per favore", "Piero Landi move him to SQL please"),
        ("Rita Bassi segnala come churned", "Rita Bassi move her to churned"),
        ("Ugo Fermi è diventato cliente", "Ugo Fermi is now customer"),
        ("Nina Ferro: da lead a MQL, grazie", "Nina Ferro: from lead to MQL, thanks"),
        ("Sara Conti non è più cliente", "Sara Conti is no longer a customer"),
        ("aggiorna lo stato di Dario Neri a opportunità", "update the stage of Dario Neri to opportunity"),
        # owners
        ("passalo a Bruno, lo conosce già", "assign him to Bruno, lo conosce già"),
        ("assegna a me tutti i contatti di Enzo", "assign all of Enzo's contacts to me"),
        # follow-ups and dates
        ("richiamare Lia Greco lunedì prossimo", "follow up with Lia Greco next monday"),
        ("sposta il follow-up con Teo Ricci al 12/05", "move the follow-up of Teo Ricci to 12/05"),
        ("ricontattare Ada Villa tra tre settimane", "follow up with Ada Villa in 3 weeks"),
        ("chi ha un follow-up da oggi a giovedì?", "who has a follow-up from today to thursday?"),
        # tags, notes, reminders
        ("aggiungi il tag vip a Carla Neri, grazie", "add tag vip to Carla Neri, thanks"),
        ("togli il tag freddo da Ezio Longo per favore", "remove tag freddo from Ezio Longo please"),
        ("mettimi un promemoria per chiamare Ezio Longo venerdì", "remind me to call Ezio Longo friday"),
        ("aggiungi una nota a Carla Neri: vuole il listino", "add a note to Carla Neri: vuole il listino"),
        (
            "fissa un follow-up con Ezio Longo per dopodomani",
            "set a follow-up with Ezio Longo the day after tomorrow",
        ),
        ("il nuovo numero di Carla Neri è 347 555 1212", "the new phone of Carla Neri is 347 555 1212"),
        ("qual è la mail di Ezio Longo?", "what is the email of Ezio Longo?"),
        ("di chi è Carla Neri?", "who owns Carla Neri?"),
        (
            "Ugo Leone è stato promosso, ora è direttore vendite di Vetri Pini",
            "Ugo Leone got promoted, he is now direttore vendite (at Vetri Pini)",
        ),
        (
            "crea contatto Ada Re, iscritta alla newsletter dal sito",
            "add contact Ada Re, subscriber, from the website",
        ),
        # selections, deletions, questions
        (
            "cancella tutti i contatti con tag freddo e score 10 o meno",
            "delete all contacts with tag freddo and score 10 or less",
        ),
        ("elimina il contatto di Omar Sala", "delete Omar Sala"),
        ("chi segue Marta Gallo?", "who owns Marta Gallo?"),
        ("quand'è il prossimo follow-up con Leo Riva?", "when is the next follow-up with Leo Riva?"),
        ("deal aperti sopra 5.000 €?", "open deals over 5000 EUR?"),
        ("task scaduti di Gino", "overdue tasks of Gino"),
        # new contacts: fields, a dictated address, a company after "di"
        (
            "nuovo contatto Aldo Pini di Vetri Pini S.r.l., cellulare 333 111 2222, fonte referral",
            "new contact Aldo Pini at Vetri Pini S.r.l., mobile 333 111 2222, source referral",
        ),
        (
            "aggiungi Pia Neri, pia@nerivetri.it, interessata all'ufficio stampa",
            "add Pia Neri, pia@nerivetri.it, interested in press office",
        ),
        (
            "crea un contatto nuovo nome Ivo cognome Sella email ivo chiocciola sellacasa punto it",
            "add contact first name Ivo last name Sella email ivo@sellacasa.it",
        ),
    ],
)
def test_italian_words_read_as_english(mixed: str, english: str) -> None:
    assert from_italian(mixed) == english


@pytest.mark.parametrize(
    ("text", "english"),
    [
        # Italian wins the choice of language even with "cliente" (Spanish and Portuguese say it too)
        ("Emma Rossi mettila come cliente", "Emma Rossi move her to customer"),
        ("Paolo Neri resta com'è. Carla Neri opportunity", "Carla Neri opportunity"),
    ],
)
def test_the_request_is_read_as_italian(text: str, english: str) -> None:
    assert normalize_request(text) == english


@pytest.mark.parametrize(
    "text",
    [
        "che tempo fa domani a Torino?",
        "raccontami una barzelletta",
        "scrivimi una caption instagram per la nuova borsa",
    ],
)
def test_italian_chatter_reads_as_english_chatter(text: str) -> None:
    english = from_italian(text)
    assert any(w in english for w in ("weather", "tell me a joke", "write me an instagram caption"))


@pytest.mark.parametrize(
    "text",
    [
        "Marco Di Maio is now a customer",  # a capitalised "Di" is part of the family name
        "move Sofia Costa to opportunity",
        "Create a contact for Della Street, della@street.test",
        "best way to get from Linate to Porta Nuova?",
        "kia ora, can you make Aroha a customer",  # Māori "ora"
        "alle contacten met tag beurs: follow up on 3-4",  # Dutch "alle"
    ],
)
def test_english_and_other_languages_do_not_read_as_italian(text: str) -> None:
    assert italian_words(text) == 0
    assert normalize_request(text) == normalize_request(text)  # and the request still reads


@pytest.mark.parametrize(
    "text",
    ["ponlo en opportunity y follow up el lunes", "passa a Renata Lopes pro Marcos, obrigado"],
)
def test_spanish_and_portuguese_stay_theirs(text: str) -> None:
    assert max(spanish_words(text), portuguese_words(text)) >= italian_words(text)


VOCAB = {
    "users": [
        {"name": "Elisa Caruso", "email": "elisa@studioporta.test"},
        {"name": "Franco Melis", "email": "franco@studioporta.test"},
    ],
    "tags": ["vip", "freddo", "fiera-2027"],
    "lead_sources": ["website", "referral", "fiera"],
    "companies": ["Vetri Pini S.r.l.", "Oleificio Dessì"],
    "contacts": ["Aldo Pini", "Carla Neri", "Ezio Longo", "Irma Dessì"],
    "country": "IT",
}
THURSDAY = TODAY  # conftest's today, a Thursday


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        (
            "Carla Neri mettila come cliente, ha firmato stamattina",
            "update_contact",
            {"contact": "Carla Neri", "changes": {"stage": "customer"}},
        ),
        (
            "passalo a Franco, Ezio Longo",
            "update_contact",
            {"contact": "Ezio Longo", "changes": {"owner": "Franco Melis"}},
        ),
        (
            "aggiungi il tag vip a Irma Dessì, grazie",
            "update_contact",
            {"contact": "Irma Dessì", "changes": {"tags_add": ["vip"]}},
        ),
        (
            "richiamare Aldo Pini domani",
            "update_contact",
            {
                "contact": "Aldo Pini",
                "changes": {"next_follow_up": date.fromordinal(THURSDAY.toordinal() + 1).isoformat()},
            },
        ),
        ("elimina il contatto di Ezio Longo, grazie", "delete_contacts", {"contact": "Ezio Longo"}),
        ("chi segue Carla Neri?", "get_contact", {"contact": "Carla Neri"}),
        (
            "cancella tutti i contatti con tag freddo e score 20 o meno",
            "delete_contacts",
            {"filters": {"tag": "freddo", "max_score": 20}},
        ),
    ],
)
def test_italian_requests_make_the_right_call(
    model: LocalChatModel, text: str, name: str, args: dict[str, Any]
) -> None:
    calls = _calls(model, text)
    assert calls and calls[0][0] == name
    got = calls[0][1]
    for key, value in args.items():
        if isinstance(value, dict):
            assert {k: got[key].get(k) for k in value} == value
        else:
            assert got[key] == value


@pytest.mark.parametrize(
    "text",
    ["che tempo fa domani a Cagliari?", "raccontami una barzelletta", "grazie mille!", "ciao, come va?"],
)
def test_italian_chatter_is_declined(model: LocalChatModel, text: str) -> None:
    assert declined(model, text)
